"""Where the suite points: an amplify_outputs.json file (the sandbox's, or one the post-deploy step wrote).

Nothing here imports backend or sandbox code: the suite only knows the published outputs.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.project_root import PROJECT_ROOT


class TargetConfigError(RuntimeError):
    """The target cannot be determined; the message says what to set."""


@dataclass(frozen=True)
class SandboxExtras:
    """`custom.sandbox` of a sandbox's amplify_outputs.json."""

    aws_endpoint: str
    cognito_idp_endpoint: str
    ca_cert: str | None
    push_outbox_url: str
    access_key_id: str
    secret_access_key: str
    cognito_identity_endpoint: str | None = None  # Cognito Identity on the TLS port (moto's port otherwise)


@dataclass(frozen=True)
class Target:
    graphql_url: str
    region: str
    user_pool_id: str
    user_pool_client_id: str
    media_bucket: str
    # Absent when the environment runs without the analytics feature.
    identity_pool_id: str | None
    analytics_stream: str | None
    test_role_arn: str | None
    # Deployed: may the test role create test users? (false in protected environments)
    test_users_allowed: bool
    sandbox: SandboxExtras | None
    # `auth.unauthenticated_identities_enabled`: apps get guest credentials from the identity pool (appConfig)
    guest_access: bool = False
    # The environment the stage was built for (the post-deploy step's TEST_ENVIRONMENT; None: a personal stage such
    # as the sandbox's, which gets config/environments.yaml's defaults)
    environment: str | None = None

    @property
    def is_sandbox(self) -> bool:
        return self.sandbox is not None

    @property
    def has_analytics(self) -> bool:
        return bool(self.identity_pool_id and self.analytics_stream)

    @property
    def can_create_users(self) -> bool:
        """Sandbox: admin API with dummy creds. Deployed: only through a test role that may (not in protected envs)."""
        return self.is_sandbox or bool(self.test_role_arn and self.test_users_allowed)

    @property
    def tls_verify(self) -> str | bool:
        """`verify=` for requests: the sandbox CA when there is one, else the system store."""
        return self.sandbox.ca_cert if self.sandbox and self.sandbox.ca_cert else True

    def aws_endpoint(self, service: str | None = None) -> str | None:
        """endpoint_url for boto3 clients of moto-backed services (None = real AWS); Cognito Identity on the
        sandbox's TLS port where it has one, as apps reach it."""
        if self.sandbox and service == "cognito-identity" and self.sandbox.cognito_identity_endpoint:
            return self.sandbox.cognito_identity_endpoint
        return self.sandbox.aws_endpoint if self.sandbox else None


def load_target(environ: Mapping[str, str] | None = None) -> Target:
    env = os.environ if environ is None else environ
    path = Path(env.get("AMPLIFY_OUTPUTS") or PROJECT_ROOT / "amplify_outputs.json")
    if not path.is_file():
        raise TargetConfigError(
            f"{path} not found. Start a sandbox (`python -m sandbox.run -- pytest tests/integration`), "
            "or set AMPLIFY_OUTPUTS to an amplify_outputs.json (`python -m backend.outputs --env NAME` writes one "
            "for a deployed environment)."
        )
    return from_amplify_outputs(
        json.loads(path.read_text()),
        test_role_arn=env.get("TEST_ROLE_ARN") or None,
        test_users_allowed=env.get("TEST_USERS_ALLOWED") == "true",
        environment=env.get("TEST_ENVIRONMENT") or None,
    )


def from_amplify_outputs(
    outputs: Mapping[str, Any],
    *,
    test_role_arn: str | None = None,
    test_users_allowed: bool = False,
    environment: str | None = None,
) -> Target:
    try:
        auth, data = outputs["auth"], outputs["data"]
        custom = outputs.get("custom") or {}
        sandbox = custom.get("sandbox")
        return Target(
            graphql_url=data["url"],
            region=data.get("aws_region") or auth["aws_region"],
            user_pool_id=auth["user_pool_id"],
            user_pool_client_id=auth["user_pool_client_id"],
            media_bucket=outputs["storage"]["bucket_name"],
            identity_pool_id=auth.get("identity_pool_id"),
            analytics_stream=(custom.get("analytics") or {}).get("firehose_stream_name"),
            test_role_arn=test_role_arn,
            test_users_allowed=test_users_allowed,
            sandbox=_sandbox_extras(sandbox) if sandbox else None,
            guest_access=auth.get("unauthenticated_identities_enabled") is True,
            environment=environment,
        )
    except KeyError as missing:
        raise TargetConfigError(f"amplify_outputs.json lacks {missing}") from None


def _sandbox_extras(raw: Mapping[str, Any]) -> SandboxExtras:
    return SandboxExtras(
        aws_endpoint=raw["aws_endpoint"],
        cognito_idp_endpoint=raw["cognito_idp_endpoint"],
        ca_cert=raw.get("ca_cert"),
        push_outbox_url=raw["push_outbox_url"],
        access_key_id=raw["access_key_id"],
        secret_access_key=raw["secret_access_key"],
        cognito_identity_endpoint=raw.get("cognito_identity_endpoint"),
    )
