"""Fixtures for the amplify_outputs generator tests: dummy AWS credentials, realistic stack outputs."""

from __future__ import annotations

import pytest

from backend.auth_settings import auth_settings_json


@pytest.fixture(autouse=True)
def dummy_aws_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # Never reach a real account, the instance metadata service or a developer's profile.
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent/aws-config")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws-credentials")
    for variable in (
        "AWS_PROFILE",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "AWS_WEB_IDENTITY_TOKEN_FILE",
    ):
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture
def stack_outputs() -> dict[str, str]:
    """Every output the MobileBackend stack declares (docs/architecture.md), as CloudFormation returns them."""
    return {
        "GraphQLUrl": "https://abc123.appsync-api.eu-west-1.amazonaws.com/graphql",
        "Region": "eu-west-1",
        "UserPoolId": "eu-west-1_AbCdEf123",
        "UserPoolClientId": "1example23456789client",
        "IdentityPoolId": "eu-west-1:11111111-2222-3333-4444-555555555555",
        "MediaBucketName": "dev-mobilebackend-media-1a2b3c",
        "AnalyticsStreamName": "dev-mobilebackend-analytics",
        "PushAppId": "0123456789abcdef0123456789abcdef",
        "TestRoleArn": "arn:aws:iam::222222222222:role/dev-test-user",
        "TestUsersAllowed": "true",
        "AuthSettings": auth_settings_json(),
    }
