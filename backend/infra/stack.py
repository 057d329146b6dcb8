"""MobileBackendStack: composes the capability constructs, wires grants and exposes the stack outputs."""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_iam as iam
from constructs import Construct

from .analytics import Analytics
from .api import GraphQLApi
from .auth import Auth, auth_settings_json
from .data import DataTables
from .functions import Functions
from .monitoring import Monitoring
from .nag import acknowledge_backend_findings
from .push import Push
from .rollout_gate import RolloutGate
from .settings import BackendSettings
from .storage import MediaStorage
from .integration_test_access import TestUserAccess

# Fields the schema marks @aws_iam (callable with SigV4 by tests and internal callers).
IAM_FIELDS = [("Query", "health")]


class MobileBackendStack(cdk.Stack):
    def __init__(
        self, scope: Construct, construct_id: str, *, settings: BackendSettings, test_user_role_name: str | None = None, **kwargs
    ) -> None:
        super().__init__(scope, construct_id, **kwargs)
        self.settings = settings
        self.tables = DataTables(self, "Data", settings=settings)
        self.storage = MediaStorage(self, "Storage", settings=settings)
        self.functions = Functions(self, "Functions", settings=settings, tables=self.tables)
        self.auth = Auth(self, "Auth", settings=settings, post_confirmation=self.functions.cognito_trigger)
        self.graphql = GraphQLApi(self, "GraphQL", settings=settings, user_pool=self.auth.user_pool, handler=self.functions.graphql)

        # Exact actions (no s3:*Object* wildcards): presigned POST/GET, replacing an image, cascade deletes.
        user_objects = self.storage.media.arn_for_objects("private/*")
        self.functions.graphql.add_to_role_policy(
            iam.PolicyStatement(actions=["s3:PutObject", "s3:GetObject", "s3:DeleteObject"], resources=[user_objects])
        )
        self.functions.stream.add_to_role_policy(iam.PolicyStatement(actions=["s3:DeleteObject"], resources=[user_objects]))
        self.auth.grant_own_media_prefix(self.storage.media.bucket_arn)
        self.functions.set_environment("MEDIA_BUCKET", self.storage.media.bucket_name, self.functions.graphql, self.functions.stream)

        push_app_id = ""
        if settings.push_enabled:
            self.push = Push(self, "Push", settings=settings)
            push_app_id = self.push.app_id
            self.push.grant_send(self.functions.stream)
        self.functions.set_environment("PUSH_APP_ID", push_app_id, self.functions.graphql, self.functions.stream)

        stream_name = ""
        self.analytics: Analytics | None = None
        if settings.analytics_enabled:
            self.analytics = Analytics(self, "Analytics", settings=settings, access_logs=self.storage.access_logs)
            self.analytics.grant_put(self.auth.authenticated_role)
            stream_name = self.analytics.stream.delivery_stream_name

        self.monitoring = Monitoring(
            self,
            "Monitoring",
            settings=settings,
            api_id=self.graphql.api.api_id,
            functions=self.functions.all,
            tables=self.tables.all,
            delivery_stream_name=stream_name or None,
            dead_letters=self.functions.stream_failures,
        )

        self.gate: RolloutGate | None = None
        if settings.gating_alarm_kinds and settings.gate_alarm_name:
            self.gate = RolloutGate(
                self,
                "RolloutGate",
                alarm_name=settings.gate_alarm_name,
                alarms=[a for kind in settings.gating_alarm_kinds for a in self.monitoring.alarms_by_kind.get(kind, [])],
                event_bus_arn=settings.rollout_event_bus_arn,
            )

        self.test_access: TestUserAccess | None = None
        if settings.create_test_role and test_user_role_name and settings.test_runner_principal_arn:
            self.test_access = TestUserAccess(
                self,
                "TestAccess",
                role_name=test_user_role_name,
                trusted_principal_arn=settings.test_runner_principal_arn,
                user_pool=self.auth.user_pool,
                iam_query_arns=[self.graphql.field_arn(t, f) for t, f in IAM_FIELDS],
                manage_users=settings.test_users_allowed,
            )

        self.outputs = self._outputs(push_app_id, stream_name)
        acknowledge_backend_findings(self)

    def _outputs(self, push_app_id: str, stream_name: str) -> dict[str, cdk.CfnOutput]:
        values = {
            "GraphQLUrl": self.graphql.api.graphql_url,
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
