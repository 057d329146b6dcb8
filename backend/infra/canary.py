"""The synthetic canary: a scheduled journey through the deployed backend, as a signed-in user makes it.

A gate that watches only user traffic sees nothing in a quiet production; the canary makes traffic of its own and
publishes one result per run (backend/naming.py: CANARY_*), which Monitoring alarms on (kind `canary`) and the
pipeline's gate checks read.

The contract with the runtime (backend/runtime/canary), kept exactly on both sides:
- the journey: handler `runtime.canary.handler.handler`, environment `GRAPHQL_URL`, `USER_POOL_ID`,
  `USER_POOL_CLIENT_ID`, `CANARY_SECRET_ARN`, `CANARY_ENVIRONMENT` and the metric names `CANARY_METRIC_NAMESPACE`,
  `CANARY_SUCCESS_METRIC`, `CANARY_DURATION_METRIC`, `CANARY_DIMENSION`;
- the secret: JSON `{"username": ..., "password": ...}`, the password generated to satisfy the pool's policy;
- the canary user: a custom resource (`Custom::CanaryUser`) served by `runtime.canary.user_resource.handler`, with
  the properties `UserPoolId` and `SecretArn` (a new pool or secret updates it; deleting it deletes the user).

Both functions come from the same `backend/` asset as the runtime functions, without the Powertools layer or X-Ray:
they need only the standard library and boto3, and so no rights beyond their logs and the statements below.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import aws_cdk as cdk
from aws_cdk import aws_cloudwatch as cw
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct

from backend.naming import (
    CANARY_DIMENSION,
    CANARY_DURATION_METRIC,
    CANARY_METRIC_NAMESPACE,
    CANARY_SUCCESS_METRIC,
)

from .functions import Functions
from .settings import BackendSettings

JOURNEY_HANDLER = "runtime.canary.handler.handler"
USER_RESOURCE_HANDLER = "runtime.canary.user_resource.handler"
USER_RESOURCE_TYPE = "Custom::CanaryUser"
# A journey is a handful of GraphQL calls and one subscription; a minute bounds a hung run well inside the interval.
JOURNEY_TIMEOUT_S = 60
JOURNEY_MEMORY_MB = 256
USER_RESOURCE_TIMEOUT_S = 30
USER_RESOURCE_MEMORY_MB = 128
PASSWORD_LENGTH = 32
# Cognito accepts all 32 ASCII punctuation characters as password symbols (Cognito developer guide, "Password
# policies"); these four are left out so the password needs no escaping in JSON, shells or logs.
PASSWORD_EXCLUDED_CHARACTERS = "\"'\\`"  # noqa: S105 - characters a generated password leaves out
USER_POOL_ADMIN_ACTIONS = [
    "cognito-idp:AdminCreateUser",
    "cognito-idp:AdminSetUserPassword",
    "cognito-idp:AdminDeleteUser",
    "cognito-idp:AdminGetUser",
]


def canary_username(env_name: str) -> str:
    """The canary user's email: `.invalid` is reserved (RFC 2606), so no mail can ever reach anyone."""
    return f"canary@{env_name}.invalid"


@dataclass(frozen=True)
class CanaryMetrics:
    """What the canary publishes, one datum per run, as Monitoring alarms on it: the period is the run interval."""

    succeeded: cw.Metric  # 1 when every step passed, else 0
    duration: cw.Metric  # milliseconds, successful runs only
    every_minutes: int


class Canary(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        settings: BackendSettings,
        every_minutes: int,
        functions: Functions,
        user_pool: cognito.IUserPool,
        user_pool_client: cognito.IUserPoolClient,
        graphql_url: str,
    ) -> None:
        super().__init__(scope, construct_id)
        self.every_minutes = every_minutes
        self._env_name = settings.env_name
        interval = cdk.Duration.minutes(every_minutes)
        self.secret = secretsmanager.Secret(
            self,
            "Credentials",
            description=f"The canary user's sign-in ({settings.env_name}).",
            generate_secret_string=secretsmanager.SecretStringGenerator(
                secret_string_template=json.dumps({"username": canary_username(settings.env_name)}),
                generate_string_key="password",
                password_length=PASSWORD_LENGTH,
                exclude_characters=PASSWORD_EXCLUDED_CHARACTERS,
                require_each_included_type=True,  # lower, upper, digit and symbol: the pool's policy
            ),
            removal_policy=settings.removal_policy,
        )

        self.user_function = functions.add_function(
            self,
            "UserResource",
            USER_RESOURCE_HANDLER,
            "Keeps the canary user in the user pool (CloudFormation custom resource).",
            memory_mb=USER_RESOURCE_MEMORY_MB,
            timeout_s=USER_RESOURCE_TIMEOUT_S,
            environment={},
        )
        self.user_function.add_to_role_policy(
            iam.PolicyStatement(
                sid="TheCanaryUserInThisPool", actions=USER_POOL_ADMIN_ACTIONS, resources=[user_pool.user_pool_arn]
            )
        )
        self.user_function.add_to_role_policy(self._read_secret())
        # CloudFormation invokes the function itself (no provider framework); the function answers on the
        # pre-signed URL of the request.
        self.user = cdk.CustomResource(
            self,
            "User",
            service_token=self.user_function.function_arn,
            resource_type=USER_RESOURCE_TYPE,
            properties={"UserPoolId": user_pool.user_pool_id, "SecretArn": self.secret.secret_arn},
        )
        # The function's role and policy exist before the user is created and outlive its deletion.
        self.user.node.add_dependency(self.user_function)

        self.journey = functions.add_function(
            self,
            "Journey",
            JOURNEY_HANDLER,
            "The synthetic journey: signs in, calls the API as a user does, publishes the result.",
            memory_mb=JOURNEY_MEMORY_MB,
            timeout_s=JOURNEY_TIMEOUT_S,
            environment={
                "GRAPHQL_URL": graphql_url,
                "USER_POOL_ID": user_pool.user_pool_id,
                "USER_POOL_CLIENT_ID": user_pool_client.user_pool_client_id,
                "CANARY_SECRET_ARN": self.secret.secret_arn,
                "CANARY_ENVIRONMENT": settings.env_name,
                "CANARY_METRIC_NAMESPACE": CANARY_METRIC_NAMESPACE,
                "CANARY_SUCCESS_METRIC": CANARY_SUCCESS_METRIC,
                "CANARY_DURATION_METRIC": CANARY_DURATION_METRIC,
                "CANARY_DIMENSION": CANARY_DIMENSION,
            },
        )
        self.journey.add_to_role_policy(self._read_secret())
        self.journey.add_to_role_policy(
            iam.PolicyStatement(
                sid="PublishTheCanaryResults",
                actions=["cloudwatch:PutMetricData"],
                resources=["*"],  # PutMetricData has no resource-level permissions; the namespace is the limit
                conditions={"StringEquals": {"cloudwatch:namespace": CANARY_METRIC_NAMESPACE}},
            )
        )
        # One result per run: a failed run is reported, not retried (a retry would be a second datum in the
        # period); an event older than the interval is dropped, the next run is due anyway.
        self.journey.configure_async_invoke(retry_attempts=0, max_event_age=interval)
        self.schedule = events.Rule(
            self,
            "Schedule",
            description=f"Runs the canary journey every {every_minutes} minute(s).",
            schedule=events.Schedule.rate(interval),
            targets=[targets.LambdaFunction(self.journey, max_event_age=interval)],
        )
        self.schedule.node.add_dependency(self.user)  # no run before the canary user exists

    def _read_secret(self) -> iam.PolicyStatement:
        """GetSecretValue only (the runtime calls nothing else; grant_read would add DescribeSecret)."""
        return iam.PolicyStatement(
            sid="ReadTheCanaryCredentials",
            actions=["secretsmanager:GetSecretValue"],
            resources=[self.secret.secret_arn],
        )

    @property
    def functions(self) -> list[lambda_.Function]:
        return [self.journey, self.user_function]

    @property
    def metrics(self) -> CanaryMetrics:
        def metric(name: str) -> cw.Metric:
            return cw.Metric(
                namespace=CANARY_METRIC_NAMESPACE,
                metric_name=name,
                dimensions_map={CANARY_DIMENSION: self._env_name},
                period=cdk.Duration.minutes(self.every_minutes),
            )

        return CanaryMetrics(
            succeeded=metric(CANARY_SUCCESS_METRIC),
            duration=metric(CANARY_DURATION_METRIC),
            every_minutes=self.every_minutes,
        )
