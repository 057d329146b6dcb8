"""Push alone: the End User Messaging app, channels only for configured secrets (as dynamic references)."""

from __future__ import annotations

import pytest
from aws_cdk.assertions import Template

from backend.infra.nag import logical_id
from backend.infra.push import Push

from .support import bare_stack, inline_function, of_type, policy_statements, resource, settings

APNS = "arn:aws:secretsmanager:us-east-1:111111111111:secret:push/apns-AbCdEf"
FCM = "arn:aws:secretsmanager:us-east-1:111111111111:secret:push/fcm-AbCdEf"
CHANNELS = ("AWS::Pinpoint::APNSChannel", "AWS::Pinpoint::APNSSandboxChannel", "AWS::Pinpoint::GCMChannel")
IGNORE_SUNSET = {"cfn-lint": {"config": {"ignore_checks": ["W3696"]}}}


def _ref(secret_arn: str, field: str) -> str:
    return f"{{{{resolve:secretsmanager:{secret_arn}:SecretString:{field}::}}}}"


def _build(**overrides) -> tuple[Push, Template, str]:
    stack = bare_stack()
    push = Push(stack, "Push", settings=settings(protect_data=False, **overrides))
    sender = inline_function(stack, "Sender")
    push.grant_send(sender)
    return push, Template.from_stack(stack), logical_id(sender.role)


@pytest.fixture(scope="module")
def without_secrets():
    return _build()


@pytest.fixture(scope="module")
def apns_only():
    return _build(apns_secret_arn=APNS)


@pytest.fixture(scope="module")
def every_channel():
    return _build(apns_secret_arn=APNS, apns_sandbox=True, fcm_secret_arn=FCM)


def test_without_secrets_only_the_app_exists(without_secrets) -> None:
    push, template, _ = without_secrets
    assert resource(template, push.app) == {
        "Type": "AWS::Pinpoint::App",
        "Properties": {"Name": "Test-push"},
        "Metadata": IGNORE_SUNSET,
    }
    for channel in CHANNELS:
        assert of_type(template, channel) == {}
    assert push.node.scope.resolve(push.app_id) == {"Ref": logical_id(push.app)}


def test_apns_channel_uses_token_auth_from_the_secret(apns_only) -> None:
    push, template, _ = apns_only
    [apns] = of_type(template, "AWS::Pinpoint::APNSChannel").values()
    assert apns == {
        "Type": "AWS::Pinpoint::APNSChannel",
        "Properties": {
            "ApplicationId": {"Ref": logical_id(push.app)},
            "DefaultAuthenticationMethod": "key",
            "BundleId": _ref(APNS, "bundle_id"),
            "TeamId": _ref(APNS, "team_id"),
            "TokenKey": _ref(APNS, "token_key"),
            "TokenKeyId": _ref(APNS, "token_key_id"),
            "Enabled": True,
        },
        "Metadata": IGNORE_SUNSET,
    }
    assert of_type(template, "AWS::Pinpoint::APNSSandboxChannel") == {}  # only with apns_sandbox
    assert of_type(template, "AWS::Pinpoint::GCMChannel") == {}


def test_sandbox_and_fcm_channels_when_configured(every_channel) -> None:
    push, template, _ = every_channel
    [apns] = of_type(template, "AWS::Pinpoint::APNSChannel").values()
    [sandbox] = of_type(template, "AWS::Pinpoint::APNSSandboxChannel").values()
    assert sandbox["Properties"] == apns["Properties"]  # same token credentials, the development APNs endpoint
    assert sandbox["Metadata"] == IGNORE_SUNSET
    [fcm] = of_type(template, "AWS::Pinpoint::GCMChannel").values()
    assert fcm == {
        "Type": "AWS::Pinpoint::GCMChannel",
        "Properties": {
            "ApplicationId": {"Ref": logical_id(push.app)},
            "DefaultAuthenticationMethod": "TOKEN",
            "ServiceJson": _ref(FCM, "service_json"),
            "Enabled": True,
        },
        "Metadata": IGNORE_SUNSET,
    }


@pytest.mark.parametrize("fixture", ["without_secrets", "every_channel"])
def test_grant_send_allows_send_messages_on_this_app_only(request, fixture: str) -> None:
    push, template, role_id = request.getfixturevalue(fixture)
    assert policy_statements(template, role_id) == [
        {
            "Action": "mobiletargeting:SendMessages",
            "Effect": "Allow",
            "Resource": {
                "Fn::Join": [
                    "",
                    [
                        "arn:",
                        {"Ref": "AWS::Partition"},
                        ":mobiletargeting:",
                        {"Ref": "AWS::Region"},
                        ":",
                        {"Ref": "AWS::AccountId"},
                        ":apps/",
                        {"Ref": logical_id(push.app)},
                        "/messages",
                    ],
                ]
            },
        }
    ]
