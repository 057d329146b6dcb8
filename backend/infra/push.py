"""AWS End User Messaging (Pinpoint) push app; APNs/FCM channels only when their secrets are configured.

Credentials stay in Secrets Manager and reach CloudFormation as dynamic references, never in the repo.
No campaigns, segments or application settings (Pinpoint's engagement features have ended).
"""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_iam as iam
from aws_cdk import aws_pinpoint as pinpoint
from constructs import Construct

from .settings import BackendSettings


def _secret_field(secret_arn: str, field: str) -> str:
    return cdk.SecretValue.secrets_manager(secret_arn, json_field=field).unsafe_unwrap()


def _ignore_sunset_warning(resource: cdk.CfnResource) -> None:
    # cfn-lint W3696 flags every AWS::Pinpoint type as "sunsetting": only the engagement features (campaigns,
    # segments, journeys) end; the app + channels + SendMessages API we use continue as End User Messaging.
    resource.add_metadata("cfn-lint", {"config": {"ignore_checks": ["W3696"]}})
    cdk.Validations.of(resource).acknowledge(
        cdk.Acknowledgment(
            id="CloudFormation-Validate::W3696", reason="Pinpoint's push API continues as End User Messaging."
        )
    )


class Push(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, settings: BackendSettings) -> None:
        super().__init__(scope, construct_id)
        stack = cdk.Stack.of(self)
        self.app = pinpoint.CfnApp(self, "App", name=f"{stack.stack_name}-push")
        self.app_id = self.app.ref
        _ignore_sunset_warning(self.app)
        if settings.apns_secret_arn:
            # Secret JSON: {"bundle_id", "team_id", "token_key", "token_key_id"} (token-based APNs auth).
            secret = settings.apns_secret_arn
            apns: dict[str, str] = {
                "application_id": self.app_id,
                "default_authentication_method": "key",
                "bundle_id": _secret_field(secret, "bundle_id"),
                "team_id": _secret_field(secret, "team_id"),
                "token_key": _secret_field(secret, "token_key"),
                "token_key_id": _secret_field(secret, "token_key_id"),
            }
            _ignore_sunset_warning(pinpoint.CfnAPNSChannel(self, "Apns", enabled=True, **apns))
            if settings.apns_sandbox:
                _ignore_sunset_warning(pinpoint.CfnAPNSSandboxChannel(self, "ApnsSandbox", enabled=True, **apns))
        if settings.fcm_secret_arn:
            # Secret JSON: {"service_json": "<FCM v1 service account JSON>"}.
            fcm = pinpoint.CfnGCMChannel(
                self,
                "Fcm",
                application_id=self.app_id,
                default_authentication_method="TOKEN",
                service_json=_secret_field(settings.fcm_secret_arn, "service_json"),
                enabled=True,
            )
            _ignore_sunset_warning(fcm)

    def grant_send(self, grantee: iam.IGrantable) -> None:
        stack = cdk.Stack.of(self)
        iam.Grant.add_to_principal(
            grantee=grantee,
            actions=["mobiletargeting:SendMessages"],
            resource_arns=[
                stack.format_arn(service="mobiletargeting", resource="apps", resource_name=f"{self.app_id}/messages")
            ],
        )
