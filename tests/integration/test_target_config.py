"""How the suite finds its target: pure configuration, checked here because CI only ever uses the file path."""

from __future__ import annotations

import json
from typing import Any

from .realtime import realtime_url
from .target import load_target

DEPLOYED_OUTPUTS: dict[str, Any] = {
    "version": "1.3",
    "auth": {"aws_region": "eu-west-1", "user_pool_id": "eu-west-1_pool", "user_pool_client_id": "client"},
    "data": {"url": "https://abc.appsync-api.eu-west-1.amazonaws.com/graphql", "aws_region": "eu-west-1"},
    "storage": {"aws_region": "eu-west-1", "bucket_name": "media"},
}


def test_a_deployed_target_creates_users_only_through_a_test_role_that_may(tmp_path) -> None:
    path = tmp_path / "amplify_outputs.json"
    path.write_text(json.dumps(DEPLOYED_OUTPUTS))
    base = {"AMPLIFY_OUTPUTS": str(path), "AWS_REGION": "us-east-1"}  # CodeBuild's region is the pipeline's

    target = load_target(base)

    assert (target.graphql_url, target.region, target.user_pool_id) == (
        DEPLOYED_OUTPUTS["data"]["url"],
        "eu-west-1",
        "eu-west-1_pool",
    )
    assert not target.is_sandbox and not target.can_create_users, "no TEST_ROLE_ARN: no test users"
    role = {"TEST_ROLE_ARN": "arn:aws:iam::1:role/t"}
    assert not load_target({**base, **role, "TEST_USERS_ALLOWED": "false"}).can_create_users  # protected
    assert load_target({**base, **role, "TEST_USERS_ALLOWED": "true"}).can_create_users


def test_outputs_file_named_by_amplify_outputs(tmp_path) -> None:
    outputs = {
        "version": "1.3",
        "auth": {"aws_region": "us-east-1", "user_pool_id": "p", "user_pool_client_id": "c"},
        "data": {"url": "https://127.0.0.1:8443/graphql", "aws_region": "us-east-1"},
        "storage": {"aws_region": "us-east-1", "bucket_name": "media"},
        "custom": {
            "sandbox": {
                "aws_endpoint": "http://127.0.0.1:5000",
                "cognito_idp_endpoint": "https://127.0.0.1:8443/cognito",
                "ca_cert": "/tmp/ca.pem",
                "push_outbox_url": "https://127.0.0.1:8443/_sandbox/push-outbox",
                "access_key_id": "testing",
                "secret_access_key": "testing",
            }
        },
    }
    path = tmp_path / "amplify_outputs.json"
    path.write_text(json.dumps(outputs))
    target = load_target({"AMPLIFY_OUTPUTS": str(path)})
    assert target.is_sandbox and target.can_create_users
    assert target.tls_verify == "/tmp/ca.pem"
    assert (target.identity_pool_id, target.analytics_stream, target.has_analytics) == (None, None, False)


def test_realtime_url_follows_amplify_v6() -> None:
    assert realtime_url("https://127.0.0.1:8443/graphql") == "wss://127.0.0.1:8443/graphql/realtime"
    assert (
        realtime_url("https://abc.appsync-api.eu-west-1.amazonaws.com/graphql")
        == "wss://abc.appsync-realtime-api.eu-west-1.amazonaws.com/graphql"
    )


def test_guest_access_environment_and_identity_endpoint(tmp_path) -> None:
    outputs = json.loads(json.dumps(DEPLOYED_OUTPUTS))
    outputs["auth"].update(identity_pool_id="eu-west-1:pool", unauthenticated_identities_enabled=True)
    path = tmp_path / "amplify_outputs.json"
    path.write_text(json.dumps(outputs))
    target = load_target({"AMPLIFY_OUTPUTS": str(path), "TEST_ENVIRONMENT": "prod"})
    assert (target.guest_access, target.environment) == (True, "prod")
    assert target.aws_endpoint("cognito-identity") is None  # deployed: Cognito Identity's own endpoint
    outputs["auth"]["unauthenticated_identities_enabled"] = False
    outputs["custom"] = {
        "sandbox": {
            "aws_endpoint": "http://127.0.0.1:8444",
            "cognito_idp_endpoint": "https://127.0.0.1:8443/cognito",
            "cognito_identity_endpoint": "https://127.0.0.1:8443/cognito-identity",
            "push_outbox_url": "https://127.0.0.1:8443/_sandbox/push-outbox",
            "access_key_id": "testing",
            "secret_access_key": "testing",
        }
    }
    path.write_text(json.dumps(outputs))
    sandbox = load_target({"AMPLIFY_OUTPUTS": str(path)})
    assert (sandbox.guest_access, sandbox.environment) == (False, None)
    assert sandbox.aws_endpoint("cognito-identity") == "https://127.0.0.1:8443/cognito-identity"
    assert sandbox.aws_endpoint("firehose") == "http://127.0.0.1:8444"
