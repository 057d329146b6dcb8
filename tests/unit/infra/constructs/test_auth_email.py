"""The user pool's sender: the environment's SES identity when configured (exactly its ARN, DEVELOPER sending), else
Cognito's built-in sender (no EmailConfiguration at all)."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk.assertions import Template

from backend.infra.auth import Auth
from backend.infra.settings import SesEmail
from config import load_config
from pipeline.environment_settings import backend_settings
from tests.unit.conftest import cdk_context

from .support import inline_function, settings

ACCOUNT, REGION = "333333333333", "us-west-2"
DOMAIN = SesEmail("arn:aws:ses:us-west-2:333333333333:identity/example.com", "no-reply@example.com", "help@example.com")
ADDRESS = SesEmail("arn:aws:ses:us-east-1:333333333333:identity/no-reply@example.com", "no-reply@example.com")


def user_pool(*, protect_data: bool, ses_email: SesEmail | None) -> dict[str, Any]:
    stack = cdk.Stack(cdk.App(context=cdk_context()), "Test", env=cdk.Environment(account=ACCOUNT, region=REGION))
    Auth(
        stack,
        "Auth",
        settings=settings(protect_data=protect_data, ses_email=ses_email),
        post_confirmation=inline_function(stack, "PostConfirmation"),
    )
    [pool] = [
        r for r in Template.from_stack(stack).to_json()["Resources"].values() if r["Type"] == "AWS::Cognito::UserPool"
    ]
    return pool["Properties"]


@pytest.mark.parametrize("protect_data", [False, True])
def test_without_an_identity_the_pool_keeps_cognitos_sender(protect_data: bool) -> None:
    assert "EmailConfiguration" not in user_pool(protect_data=protect_data, ses_email=None)


def test_a_domain_identity_sends_through_ses_with_exactly_the_configured_arn() -> None:
    assert user_pool(protect_data=True, ses_email=DOMAIN)["EmailConfiguration"] == {
        "EmailSendingAccount": "DEVELOPER",
        "SourceArn": DOMAIN.ses_identity_arn,
        "From": "no-reply@example.com",
        "ReplyToEmailAddress": "help@example.com",
    }


def test_an_address_identity_in_a_legacy_region_keeps_its_region_and_address() -> None:
    assert user_pool(protect_data=False, ses_email=ADDRESS)["EmailConfiguration"] == {
        "EmailSendingAccount": "DEVELOPER",
        "SourceArn": ADDRESS.ses_identity_arn,
        "From": "no-reply@example.com",
    }


def test_the_pipeline_hands_each_environment_its_own_sender() -> None:
    config = load_config()
    dev, prod = (backend_settings(config, config.environment(name)) for name in ("dev", "prod"))
    assert dev.ses_email is None
    assert prod.ses_email == SesEmail(
        "arn:aws:ses:us-west-2:333333333333:identity/example.com", "no-reply@example.com", None
    )
