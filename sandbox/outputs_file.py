"""What apps and the pipeline's tools read to find the sandbox: amplify_outputs.json, and the same outputs as a
CloudFormation stack in moto (DescribeStacks, as for a deployed stage). Written at start, and again when live
reload changes the stage's outputs."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from botocore.config import Config

from backend.naming import SANDBOX_STACK_NAME

from .errors import SandboxError
from .moto_host.moto_server import DUMMY_CREDENTIALS, SETUP_AGENT, MotoServer
from .options import OutputsGenerator
from .provisioning.outputs_stack import register_outputs_stack


def default_outputs_generator() -> OutputsGenerator:
    try:
        from backend.outputs import amplify_outputs_from_stack_outputs
    except ImportError as exc:
        raise SandboxError(
            "backend/outputs/ with amplify_outputs_from_stack_outputs() is needed to write amplify_outputs.json "
            f"({exc})"
        ) from exc
    return amplify_outputs_from_stack_outputs


def custom_keys(base_url: str, moto_url: str, ca_cert: Path) -> dict[str, Any]:
    """amplify_outputs' `custom.sandbox`: where a client finds each of the sandbox's endpoints."""
    return {
        "aws_endpoint": moto_url,
        "cognito_idp_endpoint": f"{base_url}/cognito",
        # Amplify `identityPoolEndpoint`, boto3 `cognito-identity`: guest and signed-in credentials on the TLS port.
        "cognito_identity_endpoint": f"{base_url}/cognito-identity",
        "s3_endpoint": base_url,  # path-style: https://<host>:<port>/<bucket>/<key>
        "ca_cert": str(ca_cert.resolve()),
        "push_outbox_url": f"{base_url}/_sandbox/push-outbox",
        "dead_letters_url": f"{base_url}/_sandbox/dead-letters",
        "access_key_id": DUMMY_CREDENTIALS["AWS_ACCESS_KEY_ID"],
        "secret_access_key": DUMMY_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        # DescribeStacks on this name (moto, region us-east-1) returns the outputs below, SandboxExtras included.
        "stack_name": SANDBOX_STACK_NAME,
    }


def publish_outputs(
    stack_outputs: Mapping[str, str],
    extras: dict[str, Any],
    *,
    moto: MotoServer,
    session: Any,
    generator: OutputsGenerator,
    path: Path,
) -> dict[str, Any]:
    """Write amplify_outputs.json for `stack_outputs` (plus `custom.sandbox`) and (re)register the outputs stack."""
    stack = {**stack_outputs, "SandboxExtras": json.dumps(extras)}
    # Lazily, before moto's next CloudFormation request: importing moto's CloudFormation imports most of moto (its
    # template parser knows every service), which was a third of the sandbox's start-up.
    moto.before_first(
        "cloudformation",
        lambda: register_outputs_stack(
            session.client("cloudformation", endpoint_url=moto.url, config=Config(user_agent_extra=SETUP_AGENT)),
            stack,
        ),
    )
    document = generator(dict(stack_outputs), sandbox=extras)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2) + "\n")
    return document
