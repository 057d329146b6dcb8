"""The runtime Lambda functions, built from the plain `backend/runtime/` folder (no Docker bundling).

Third-party code comes from the AWS-managed Powertools layer; the asset holds only `runtime/**`.
"""

from __future__ import annotations

import re
from pathlib import Path

import aws_cdk as cdk
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lambda_event_sources as sources
from aws_cdk import aws_logs as logs
from aws_cdk import aws_secretsmanager as secretsmanager
from aws_cdk import aws_sqs as sqs
from aws_cdk import aws_ssm as ssm
from constructs import Construct

from .data import DataTables
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
POWERTOOLS_LAYER_PARAMETER = (
    f"/aws/service/powertools/python/{ARCHITECTURE.name}/{RUNTIME.name}/{POWERTOOLS_VERSION}"
)

GRAPHQL_HANDLER = "runtime.graphql_handler.handler"
STREAM_HANDLER = "runtime.stream_handler.handler"
COGNITO_TRIGGER_HANDLER = "runtime.cognito_trigger.handler"


class Functions(Construct):
    def __init__(
        self, scope: Construct, construct_id: str, *, settings: BackendSettings, tables: DataTables
    ) -> None:
        super().__init__(scope, construct_id)
        self._settings = settings
        self._code = lambda_.Code.from_asset(str(BACKEND_DIR), exclude=ASSET_EXCLUDES)
        self._layer = lambda_.LayerVersion.from_layer_version_arn(
            self, "Powertools", ssm.StringParameter.value_for_string_parameter(self, POWERTOOLS_LAYER_PARAMETER)
        )
        self.pagination_secret = secretsmanager.Secret(
            self,
            "PaginationSecret",
            description=f"HMAC key that signs GraphQL nextTokens ({settings.env_name}).",
            generate_secret_string=secretsmanager.SecretStringGenerator(
                password_length=64, exclude_punctuation=True
            ),
            removal_policy=settings.removal_policy,
        )
        table_env = {
            "USERS_TABLE": tables.users.table_name,
            "POSTS_TABLE": tables.posts.table_name,
            "COMMENTS_TABLE": tables.comments.table_name,
            "LIKES_TABLE": tables.likes.table_name,
            "DEVICES_TABLE": tables.devices.table_name,
        }
        self.graphql = self._function(
            "GraphQL",
            GRAPHQL_HANDLER,
            "Resolves every GraphQL field.",
            {**table_env, "PAGINATION_SECRET_ARN": self.pagination_secret.secret_arn},
            memory_mb=1024,
            timeout_s=15,
        )
        self.stream = self._function(
            "Streams", STREAM_HANDLER, "Posts/comments streams: push on comment, cascade deletes.", dict(table_env),
            memory_mb=512,
            timeout_s=60,
        )
        self.cognito_trigger = self._function(
            "PostConfirmation",
            COGNITO_TRIGGER_HANDLER,
            "Cognito post-confirmation: creates the profile.",
            {"USERS_TABLE": tables.users.table_name},
            memory_mb=256,
            timeout_s=5,
        )
        self.stream_failures = sqs.Queue(
            self,
            "StreamFailures",
            retention_period=cdk.Duration.days(14),
            encryption=sqs.QueueEncryption.SQS_MANAGED,
            enforce_ssl=True,
            removal_policy=settings.removal_policy,
        )
        for table in (tables.posts, tables.comments):
            self.stream.add_event_source(
                sources.DynamoEventSource(
                    table,
                    starting_position=lambda_.StartingPosition.TRIM_HORIZON,
                    batch_size=100,
                    bisect_batch_on_error=True,
                    retry_attempts=5,
                    max_record_age=cdk.Duration.days(1),
                    report_batch_item_failures=True,
                    on_failure=sources.SqsDlq(self.stream_failures),
                )
            )
        self._grant_least_privilege(tables)

    @property
    def all(self) -> list[lambda_.Function]:
        return [self.graphql, self.stream, self.cognito_trigger]

    def set_environment(self, name: str, value: str, *functions: lambda_.Function) -> None:
        for function in functions or self.all:
            function.add_environment(name, value)

    def _grant_least_privilege(self, tables: DataTables) -> None:
        for table in tables.all:
            table.grant_read_write_data(self.graphql)
        self.pagination_secret.grant_read(self.graphql)
        # Streams: cascade deletes of a post's comments/likes, counters, device lookup for push.
        for table in (tables.posts, tables.comments, tables.likes, tables.users):
            table.grant_read_write_data(self.stream)
        tables.devices.grant_read_write_data(self.stream)  # stale tokens are removed after a failed push
        tables.users.grant_write_data(self.cognito_trigger)

    def _function(
        self, construct_id: str, handler: str, description: str, environment: dict[str, str], *, memory_mb: int, timeout_s: int
    ) -> lambda_.Function:
        log_group = logs.LogGroup(
            self,
            f"{construct_id}Logs",
            retention=logs.RetentionDays.ONE_YEAR if self._settings.protect_data else logs.RetentionDays.TWO_WEEKS,
            removal_policy=self._settings.removal_policy,
        )
        return lambda_.Function(
            self,
            construct_id,
            description=description,
            runtime=RUNTIME,
            architecture=ARCHITECTURE,
            handler=handler,
            code=self._code,
            layers=[self._layer],
            memory_size=memory_mb,
            timeout=cdk.Duration.seconds(timeout_s),
            tracing=lambda_.Tracing.ACTIVE,
            log_group=log_group,
            logging_format=lambda_.LoggingFormat.JSON,
            environment={
                **environment,
                "APP_VERSION": self._settings.app_version,
                "POWERTOOLS_SERVICE_NAME": "mobile-backend",
                "POWERTOOLS_METRICS_NAMESPACE": "MobileBackend",
                "POWERTOOLS_LOG_LEVEL": "INFO",
            },
        )
