"""MobileBackendStage: the whole backend for one environment, as the pipeline (or `cdk deploy`) ships it."""

from __future__ import annotations

import aws_cdk as cdk
from constructs import Construct

from backend.infra.settings import BackendSettings
from backend.infra.stack import MobileBackendStack
from backend.naming import STACK_ID


class MobileBackendStage(cdk.Stage):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        settings: BackendSettings,
        integration_test_role_name: str | None = None,
        env: cdk.Environment | None = None,
    ) -> None:
        super().__init__(scope, construct_id, env=env)
        self.stack = MobileBackendStack(
            self,
            STACK_ID,
            settings=settings,
            integration_test_role_name=integration_test_role_name,
            description=f"Mobile backend ({settings.env_name}): Cognito, AppSync, DynamoDB, S3, Lambda, push, "
            "analytics.",
        )
        for key, value in settings.tags.items():
            # CloudFormation's dashboard resource takes no Tags (cfn-lint E3002).
            cdk.Tags.of(self).add(key, value, exclude_resource_types=["AWS::CloudWatch::Dashboard"])

    @property
    def outputs(self) -> dict[str, cdk.CfnOutput]:
        return self.stack.outputs
