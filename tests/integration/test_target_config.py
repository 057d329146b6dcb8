"""How the suite finds its target: pure configuration, checked here because CI only ever uses the file path."""
from __future__ import annotations

import json

from .realtime import realtime_url
from .target import load_target

PIPELINE_ENV = {
    "GRAPHQL_URL": "https://abc.appsync-api.eu-west-1.amazonaws.com/graphql",
    "AWS_REGION": "us-east-1",  # CodeBuild's own region: the pipeline's, not necessarily the target's
    "TARGET_REGION": "eu-west-1",
    "USER_POOL_ID": "eu-west-1_pool",
    "USER_POOL_CLIENT_ID": "client",
    "IDENTITY_POOL_ID": "eu-west-1:identity",
    "MEDIA_BUCKET": "media",
    "ANALYTICS_STREAM": "events",
}


def test_pipeline_env_wins_over_any_outputs_file_and_prefers_target_region(tmp_path) -> None:
    target = load_target({**PIPELINE_ENV, "AMPLIFY_OUTPUTS": str(tmp_path / "absent.json")})
    assert (target.graphql_url, target.region, target.user_pool_id) == (
        PIPELINE_ENV["GRAPHQL_URL"], "eu-west-1", "eu-west-1_pool"
    )
    assert not target.is_sandbox and not target.can_create_users, "no TEST_ROLE_ARN: no test users"
    role = {"TEST_ROLE_ARN": "arn:aws:iam::1:role/t"}
    assert not load_target({**PIPELINE_ENV, **role, "TEST_USERS_ALLOWED": "false"}).can_create_users  # protected
    assert load_target({**PIPELINE_ENV, **role, "TEST_USERS_ALLOWED": "true"}).can_create_users


def test_outputs_file_named_by_amplify_outputs(tmp_path) -> None:
    outputs = {
        "version": "1.3",
        "auth": {"aws_region": "us-east-1", "user_pool_id": "p", "user_pool_client_id": "c"},
        "data": {"url": "https://127.0.0.1:8443/graphql", "aws_region": "us-east-1"},
        "storage": {"aws_region": "us-east-1", "bucket_name": "media"},
        "custom": {"sandbox": {
            "aws_endpoint": "http://127.0.0.1:5000", "cognito_idp_endpoint": "https://127.0.0.1:8443/cognito",
            "ca_cert": "/tmp/ca.pem", "push_outbox_url": "https://127.0.0.1:8443/_sandbox/push-outbox",
            "access_key_id": "testing", "secret_access_key": "testing",
        }},
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
