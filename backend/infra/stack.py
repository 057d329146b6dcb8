"""MobileBackendStack: composes the capability constructs, wires them together and exposes the stack outputs.

The wiring lives here, where the constructs meet: which function reaches which table, secret, bucket, push app
and stream, and the environment variables that name them to the runtime (docs/architecture.md). The
constructs themselves know nothing of each other.
"""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from ..auth_settings import auth_settings_json
from .analytics import Analytics
from .api import GraphQLApi
from .auth import Auth
from .canary import Canary
from .data import DataTables
from .functions import Functions
from .integration_test_access import IntegrationTestAccess
from .monitoring import Monitoring
from .nag import acknowledge_backend_findings
from .push import Push
from .rollout_gate import DeployedReader, RolloutGate
from .schema_fields import guest_fields, iam_fields
from .settings import BackendSettings, ClientSettings
from .storage import MediaStorage
from .streams import Streams


def table_variables(tables: DataTables) -> dict[str, dynamodb.Table]:
    """The environment variables that name the tables to the runtime (backend/runtime/settings.py)."""
    return {
        "USERS_TABLE": tables.users,
        "POSTS_TABLE": tables.posts,
        "COMMENTS_TABLE": tables.comments,
        "LIKES_TABLE": tables.likes,
        "DEVICES_TABLE": tables.devices,
    }


def set_environment(name: str, value: str, *functions: lambda_.Function) -> None:
    for function in functions:
        function.add_environment(name, value)


def wire_tables_and_secret(functions: Functions, tables: DataTables) -> None:
    """Each function's tables (and the GraphQL function's page-token key): rights in its role, names in its
    environment."""
    # The GraphQL function reads and writes every table. The stream function does too: cascade deletes of a
    # post's comments and likes, counters, the device lookup for push and removing stale tokens after it.
    for variable, table in table_variables(tables).items():
        for function in (functions.graphql, functions.stream):
            function.add_environment(variable, table.table_name)
            table.grant_read_write_data(function)
    # The post-confirmation trigger only creates the profile.
    functions.cognito_trigger.add_environment("USERS_TABLE", tables.users.table_name)
    tables.users.grant_write_data(functions.cognito_trigger)
    functions.graphql.add_environment("PAGINATION_SECRET_ARN", functions.pagination_secret.secret_arn)
    functions.pagination_secret.grant_read(functions.graphql)


def wire_clients(functions: Functions, clients: ClientSettings) -> None:
    """The `appConfig` answer's values (forced update, remote switches) as one compact JSON variable of the GraphQL
    function (backend/runtime/settings.py). The config's limits keep it under 1.2 KB (config/clients_block.py,
    CLIENT_SETTINGS_MAX_BYTES), so with the other variables it stays inside Lambda's 4 KB for all of a function's
    variables together; `make preflight` measures the whole map."""
    functions.graphql.add_environment("CLIENT_CONFIG", clients.to_json())


def wire_guests(auth: Auth, graphql: GraphQLApi) -> None:
    """What an app may call before sign-in: the guest fields (appConfig and its types), nothing else."""
    auth.grant_guest_fields([graphql.field_arn(type_name, field_name) for type_name, field_name in guest_fields()])


def wire_media(functions: Functions, storage: MediaStorage, auth: Auth) -> None:
    """Who may touch the media objects: the functions (bucket name in their environment) and signed-in users."""
    # Exact actions (no s3:*Object* wildcards): presigned POST/GET, replacing an image, cascade deletes.
    user_objects = storage.media.arn_for_objects("private/*")
    functions.graphql.add_to_role_policy(
        iam.PolicyStatement(actions=["s3:PutObject", "s3:GetObject", "s3:DeleteObject"], resources=[user_objects])
    )
    functions.stream.add_to_role_policy(iam.PolicyStatement(actions=["s3:DeleteObject"], resources=[user_objects]))
    auth.grant_own_media_prefix(storage.media.bucket_arn)
    set_environment("MEDIA_BUCKET", storage.media.bucket_name, functions.graphql, functions.stream)


class MobileBackendStack(cdk.Stack):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        settings: BackendSettings,
        integration_test_role_name: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(scope, construct_id, **kwargs)
        self.settings = settings
        self.tables = DataTables(self, "Data", settings=settings)
        self.storage = MediaStorage(self, "Storage", settings=settings)
        self.functions = Functions(self, "Functions", settings=settings)
        wire_tables_and_secret(self.functions, self.tables)
        self.streams = Streams(
            self,
            "Streams",
            settings=settings,
            handler=self.functions.stream,
            tables=[self.tables.posts, self.tables.comments],
        )
        self.auth = Auth(self, "Auth", settings=settings, post_confirmation=self.functions.cognito_trigger)
        self.graphql = GraphQLApi(
            self, "GraphQL", settings=settings, user_pool=self.auth.user_pool, handler=self.functions.graphql
        )
        wire_media(self.functions, self.storage, self.auth)
        wire_guests(self.auth, self.graphql)
        wire_clients(self.functions, settings.clients)

        push_app_id = ""
        if settings.push_enabled:
            self.push = Push(self, "Push", settings=settings)
            push_app_id = self.push.app_id
            self.push.grant_send(self.functions.stream)
        set_environment("PUSH_APP_ID", push_app_id, self.functions.graphql, self.functions.stream)

        stream_name = ""
        self.analytics: Analytics | None = None
        if settings.analytics_enabled:
            self.analytics = Analytics(self, "Analytics", settings=settings, access_logs=self.storage.access_logs)
            self.analytics.grant_put(self.auth.authenticated_role)
            stream_name = self.analytics.stream.delivery_stream_name

        self.canary: Canary | None = None
        if settings.canary_every_minutes is not None:
            self.canary = Canary(
                self,
                "Canary",
                settings=settings,
                every_minutes=settings.canary_every_minutes,
                functions=self.functions,
                user_pool=self.auth.user_pool,
                user_pool_client=self.auth.client,
                graphql_url=self.graphql.api.graphql_url,
            )

        self.monitoring = Monitoring(
            self,
            "Monitoring",
            settings=settings,
            api_id=self.graphql.api.api_id,
            functions=self.functions.all,
            tables=self.tables.all,
            delivery_stream_name=stream_name or None,
            dead_letters=self.streams.failures,
            canary=self.canary.metrics if self.canary is not None else None,
        )

        self.gate: RolloutGate | None = None
        if (
            settings.gating_alarm_kinds
            and settings.gate_alarm_name
            and settings.gate_reader_role_name
            and settings.gate_checker_principal_arn
        ):
            self.gate = RolloutGate(
                self,
                "RolloutGate",
                alarm_name=settings.gate_alarm_name,
                alarms=[
                    a for kind in settings.gating_alarm_kinds for a in self.monitoring.alarms_by_kind.get(kind, [])
                ],
                reader_role_name=settings.gate_reader_role_name,
                checker_principal_arn=settings.gate_checker_principal_arn,
                reads_metrics=settings.canary_every_minutes is not None,
            )

        self.deployed_reader: DeployedReader | None = None
        if settings.deployed_reader_role_name and settings.pre_deploy_principal_arn:
            self.deployed_reader = DeployedReader(
                self,
                "DeployedReader",
                role_name=settings.deployed_reader_role_name,
                trusted_principal_arn=settings.pre_deploy_principal_arn,
            )

        self.test_access: IntegrationTestAccess | None = None
        if settings.create_test_role and integration_test_role_name and settings.test_runner_principal_arn:
            self.test_access = IntegrationTestAccess(
                self,
                "TestAccess",
                role_name=integration_test_role_name,
                trusted_principal_arn=settings.test_runner_principal_arn,
                user_pool=self.auth.user_pool,
                iam_query_arns=[self.graphql.field_arn(t, f) for t, f in iam_fields()],
                manage_users=settings.test_users_allowed,
            )

        self.outputs = self._outputs(push_app_id, stream_name)
        acknowledge_backend_findings(self)

    def _outputs(self, push_app_id: str, stream_name: str) -> dict[str, cdk.CfnOutput]:
        values = {
            "GraphQLUrl": self.graphql.api.graphql_url,
            "GraphQLApiId": self.graphql.api.api_id,  # the pre-deploy schema check reads the deployed schema by it
            "Region": self.region,
            "UserPoolId": self.auth.user_pool.user_pool_id,
            "UserPoolClientId": self.auth.client.user_pool_client_id,
            "IdentityPoolId": self.auth.identity_pool.ref,
            "MediaBucketName": self.storage.media.bucket_name,
            "AnalyticsStreamName": stream_name,
            "PushAppId": push_app_id,
            "AuthSettings": auth_settings_json(),
        }
        if self.test_access is not None:
            values["TestRoleArn"] = self.test_access.role.role_arn
            values["TestUsersAllowed"] = "true" if self.test_access.manage_users else "false"
        return {key: cdk.CfnOutput(self, key, value=value) for key, value in values.items()}
