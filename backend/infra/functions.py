"""The runtime Lambda functions, built from the plain `backend/runtime/` folder (no Docker bundling).

Third-party code comes from the AWS-managed Powertools layer; the asset holds only `runtime/**`. What the
functions reach (tables, secret, bucket, push, streams) and the environment naming it are wired by the stack
(backend/infra/stack.py), where both sides meet; here each function gets only what every function needs.
"""

from __future__ import annotations

import re
from pathlib import Path

import aws_cdk as cdk
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_secretsmanager as secretsmanager
from aws_cdk import aws_ssm as ssm
from constructs import Construct

from .settings import BackendSettings

BACKEND_DIR = Path(__file__).resolve().parents[1]
# The asset root is backend/; handler strings are relative to it (docs/architecture.md).
ASSET_EXCLUDES = ["*", "!runtime", "!runtime/**", "**/__pycache__", "**/*.pyc", "**/.pytest_cache"]

RUNTIME = lambda_.Runtime.PYTHON_3_14
ARCHITECTURE = lambda_.Architecture.ARM_64
REQUIREMENTS = BACKEND_DIR.parent / "requirements-dev.txt"


def pinned_powertools_version(requirements: Path = REQUIREMENTS) -> str:
    """The Powertools version the tests run with: the Lambda gets the AWS-managed layer of the same version."""
    match = re.search(r"^aws-lambda-powertools(?:\[[^\]]*\])?==([0-9][^\s#]*)", requirements.read_text(), re.MULTILINE)
    if not match:
        raise ValueError(f"{requirements}: expected a pinned 'aws-lambda-powertools[...]==X.Y.Z'")
    return match.group(1)


POWERTOOLS_VERSION = pinned_powertools_version()
# Powertools publishes each layer version's ARN as a public SSM parameter in every region; CloudFormation
# resolves it at deploy time in the target account, so the layer matches the pin without a hand-kept number.
POWERTOOLS_LAYER_PARAMETER = f"/aws/service/powertools/python/{ARCHITECTURE.name}/{RUNTIME.name}/{POWERTOOLS_VERSION}"

GRAPHQL_HANDLER = "runtime.graphql_handler.handler"
STREAM_HANDLER = "runtime.stream_handler.handler"
COGNITO_TRIGGER_HANDLER = "runtime.cognito_trigger.handler"


class Functions(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, settings: BackendSettings) -> None:
        super().__init__(scope, construct_id)
        self._settings = settings
        self._code = lambda_.Code.from_asset(str(BACKEND_DIR), exclude=ASSET_EXCLUDES)
        self._layer = lambda_.LayerVersion.from_layer_version_arn(
            self, "Powertools", ssm.StringParameter.value_for_string_parameter(self, POWERTOOLS_LAYER_PARAMETER)
        )
        # The GraphQL function's own key (it signs and checks page tokens); nothing outside the runtime reads it.
        self.pagination_secret = secretsmanager.Secret(
            self,
            "PaginationSecret",
            description=f"HMAC key that signs GraphQL nextTokens ({settings.env_name}).",
            generate_secret_string=secretsmanager.SecretStringGenerator(password_length=64, exclude_punctuation=True),
            removal_policy=settings.removal_policy,
        )
        self.graphql = self._function(
            "GraphQL", GRAPHQL_HANDLER, "Resolves every GraphQL field.", memory_mb=1024, timeout_s=15
        )
        self.stream = self._function(
            "Streams",
            STREAM_HANDLER,
            "Posts/comments streams: push on comment, cascade deletes.",
            memory_mb=512,
            timeout_s=60,
        )
        self.cognito_trigger = self._function(
            "PostConfirmation",
            COGNITO_TRIGGER_HANDLER,
            "Cognito post-confirmation: creates the profile.",
            memory_mb=256,
            timeout_s=5,
        )

    @property
    def all(self) -> list[lambda_.Function]:
        return [self.graphql, self.stream, self.cognito_trigger]

    def plain_function(
        self,
        scope: Construct,
        construct_id: str,
        handler: str,
        description: str,
        *,
        memory_mb: int,
        timeout_s: int,
        environment: dict[str, str],
    ) -> lambda_.Function:
        """One more function from the same `backend/` asset, in `scope`, for code that needs only the standard
        library and boto3 (no Powertools layer, no X-Ray, so no rights beyond its logs and what the caller grants).
        Its own log group, with the stack's retention, like the runtime functions."""
        return self._build(
            scope, construct_id, handler, description, memory_mb, timeout_s, environment, instrumented=False
        )

    def _function(
        self, construct_id: str, handler: str, description: str, *, memory_mb: int, timeout_s: int
    ) -> lambda_.Function:
        environment = {
            "APP_VERSION": self._settings.app_version,
            "POWERTOOLS_SERVICE_NAME": "mobile-backend",
            "POWERTOOLS_METRICS_NAMESPACE": "MobileBackend",
            "POWERTOOLS_LOG_LEVEL": "INFO",
        }
        return self._build(
            self, construct_id, handler, description, memory_mb, timeout_s, environment, instrumented=True
        )

    def _build(
        self,
        scope: Construct,
        construct_id: str,
        handler: str,
        description: str,
        memory_mb: int,
        timeout_s: int,
        environment: dict[str, str],
        *,
        instrumented: bool,
    ) -> lambda_.Function:
        log_group = logs.LogGroup(
            scope,
            f"{construct_id}Logs",
            retention=self._settings.log_retention,
            removal_policy=self._settings.removal_policy,
        )
        return lambda_.Function(
            scope,
            construct_id,
            description=description,
            runtime=RUNTIME,
            architecture=ARCHITECTURE,
            handler=handler,
            code=self._code,
            layers=[self._layer] if instrumented else None,
            memory_size=memory_mb,
            timeout=cdk.Duration.seconds(timeout_s),
            tracing=lambda_.Tracing.ACTIVE if instrumented else None,
            log_group=log_group,
            logging_format=lambda_.LoggingFormat.JSON,
            environment=environment,
        )
