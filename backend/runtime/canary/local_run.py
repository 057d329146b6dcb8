"""`make canary`: the journey once against a running sandbox, described by its amplify_outputs.json.

The canary user is made to exist in the sandbox's Cognito by the same function the custom resource uses
(user_account.py), with a password generated once and kept in `<sandbox state dir>/canary-user.json` (the
secret's JSON shape). The result is published to the sandbox's moto CloudWatch, never to an AWS account: a
file without `custom.sandbox` (a deployed environment's) is refused.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import boto3
from botocore.config import Config

from .journey import JourneyResult, JourneyTarget, StepTiming, describe_error, journey_cognito_config, run_journey
from .metrics import MetricSpec, publish
from .secret import CanaryCredentials, SecretFormatError, parse_credentials
from .user_account import ensure_canary_user

# Its own, not pipeline/project_root.py: backend/runtime ships alone in the Lambda asset.
PROJECT_ROOT = Path(__file__).resolve().parents[3]
CANARY_EMAIL = "canary@sandbox.invalid"  # as the infrastructure names it: canary@<env>.invalid
CREDENTIALS_FILE = "canary-user.json"
# What the infrastructure passes to the deployed function (backend/naming.py; a unit test keeps them equal),
# with the sandbox as the environment.
SANDBOX_METRICS = MetricSpec(
    namespace="MobileBackend/Canary",
    success_metric="JourneySucceeded",
    duration_metric="JourneyDuration",
    dimension="Environment",
    environment="sandbox",
)
START_SANDBOX = "start one with `make sandbox` (in another terminal), then run `make canary` again"

Print = Callable[[str], None]


class NoSandbox(Exception):
    """Nothing to run against; the message is the one line the developer sees."""


@dataclass(frozen=True)
class SandboxTarget:
    graphql_url: str
    region: str
    user_pool_id: str
    user_pool_client_id: str
    cognito_endpoint: str
    aws_endpoint: str
    ca_cert: str | None
    access_key_id: str
    secret_access_key: str

    @property
    def state_dir(self) -> Path:
        """Where the sandbox keeps its state: the CA lives at `<state dir>/ca.pem`."""
        return Path(self.ca_cert).parent if self.ca_cert else PROJECT_ROOT / ".sandbox"

    def client(self, service: str, endpoint: str, config: Config | None = None) -> Any:
        return boto3.session.Session().client(
            service,
            region_name=self.region,
            endpoint_url=endpoint,
            verify=self.ca_cert if self.ca_cert and endpoint.startswith("https:") else None,
            aws_access_key_id=self.access_key_id,
            aws_secret_access_key=self.secret_access_key,
            config=config,
        )


def outputs_path(environ: Mapping[str, str]) -> Path:
    """AMPLIFY_OUTPUTS when set (as for the integration suite), else the project root's amplify_outputs.json."""
    return Path(environ.get("AMPLIFY_OUTPUTS") or PROJECT_ROOT / "amplify_outputs.json")


def load_sandbox_target(path: Path) -> SandboxTarget:
    if not path.is_file():
        raise NoSandbox(f"no sandbox is running: {path} does not exist; {START_SANDBOX}")
    try:
        outputs = json.loads(path.read_text())
        local = (outputs.get("custom") or {}).get("sandbox")
        if not local:
            raise NoSandbox(
                f"{path} describes a deployed environment, not a sandbox: `make canary` runs only against a sandbox "
                "(deployed environments run the canary on its schedule); start one with `make sandbox`"
            )
        auth, data = outputs["auth"], outputs["data"]
        return SandboxTarget(
            graphql_url=data["url"],
            region=data.get("aws_region") or auth["aws_region"],
            user_pool_id=auth["user_pool_id"],
            user_pool_client_id=auth["user_pool_client_id"],
            cognito_endpoint=local["cognito_idp_endpoint"],
            aws_endpoint=local["aws_endpoint"],
            ca_cert=local.get("ca_cert"),
            access_key_id=local["access_key_id"],
            secret_access_key=local["secret_access_key"],
        )
    except (ValueError, KeyError, AttributeError) as error:
        raise NoSandbox(f"{path} is not a sandbox's amplify_outputs.json ({describe_error(error)})") from None


def check_sandbox_answers(target: SandboxTarget, timeout: float = 2.0) -> None:
    """An amplify_outputs.json outlives its sandbox: make sure something listens before signing in."""
    parts = urlsplit(target.graphql_url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        socket.create_connection((parts.hostname or "127.0.0.1", port), timeout=timeout).close()
    except OSError:
        raise NoSandbox(f"no sandbox answers at {target.graphql_url}; {START_SANDBOX}") from None


def canary_credentials(state_dir: Path) -> CanaryCredentials:
    """The kept canary user's credentials, or new ones (written with owner-only permissions)."""
    path = state_dir / CREDENTIALS_FILE
    try:
        return parse_credentials(path.read_text())
    except (OSError, SecretFormatError):
        pass
    # Satisfies the pool's policy (12+ characters, every character class).
    credentials = CanaryCredentials(CANARY_EMAIL, f"Aa1!{secrets.token_urlsafe(18)}")
    state_dir.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        json.dump({"username": credentials.username, "password": credentials.password}, file)
    return credentials


def run(environ: Mapping[str, str], out: Print = print) -> int:
    """0: the journey passed; 1: it failed (the last line names the step and why); 2: no sandbox to run against."""
    try:
        target = load_sandbox_target(outputs_path(environ))
        check_sandbox_answers(target)
    except NoSandbox as problem:
        out(str(problem))
        return 2
    credentials = canary_credentials(target.state_dir)
    try:
        ensure_canary_user(
            target.client("cognito-idp", target.cognito_endpoint),
            target.user_pool_id,
            credentials.username,
            credentials.password,
        )
    except Exception as error:  # noqa: BLE001 - any failure is the canary's answer, one line
        out(f"canary failed at ensureUser: could not make the canary user in the sandbox: {describe_error(error)}")
        return 1
    out(f"canary against {target.graphql_url} as {credentials.username} ({target.state_dir / CREDENTIALS_FILE})")
    result = run_journey(
        JourneyTarget(target.graphql_url, target.user_pool_client_id, target.ca_cert),
        credentials.username,
        credentials.password,
        target.client("cognito-idp", target.cognito_endpoint, journey_cognito_config()),
        on_step=lambda timing: out(_step_line(timing)),
    )
    try:
        publish(target.client("cloudwatch", target.aws_endpoint), SANDBOX_METRICS, result)
    except Exception as error:  # noqa: BLE001 - any failure is the canary's answer, one line
        out(f"canary failed at publish: the sandbox's CloudWatch (moto) refused the metric: {describe_error(error)}")
        return 1
    out(_result_line(result))
    return 0 if result.succeeded else 1


def _step_line(timing: StepTiming) -> str:
    return f"  {timing.step:<12} {timing.duration_ms:>6} ms{'' if timing.passed else '  FAILED'}"


def _result_line(result: JourneyResult) -> str:
    spec = SANDBOX_METRICS
    if result.succeeded:
        return (
            f"canary passed in {result.duration_ms} ms; published {spec.success_metric}=1 and "
            f"{spec.duration_metric}={result.duration_ms} ms ({spec.namespace}, {spec.dimension}={spec.environment}) "
            "to the sandbox's moto CloudWatch"
        )
    left = f" (post {result.post_left_behind} could not be deleted)" if result.post_left_behind else ""
    return f"canary failed at {result.failed_step}: {result.reason}{left}"
