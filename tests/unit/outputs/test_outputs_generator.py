"""amplify_outputs_from_stack_outputs: stack outputs → Amplify Gen 2 document."""

from __future__ import annotations

import json

import pytest

from backend.outputs import OutputsError, amplify_outputs_from_stack_outputs, parse_auth_settings

REQUIRED = ["GraphQLUrl", "Region", "UserPoolId", "UserPoolClientId", "MediaBucketName"]


def test_sections_point_at_the_stack_resources(stack_outputs: dict[str, str]) -> None:
    document = amplify_outputs_from_stack_outputs(stack_outputs)

    assert document["version"].startswith("1")  # what Amplify JS v6 checks (isAmplifyOutputs)
    assert document["data"] == {
        "url": stack_outputs["GraphQLUrl"],
        "aws_region": "eu-west-1",
        "default_authorization_type": "AMAZON_COGNITO_USER_POOLS",
        "authorization_types": ["AWS_IAM"],
    }
    assert document["storage"] == {"aws_region": "eu-west-1", "bucket_name": stack_outputs["MediaBucketName"]}
    auth = document["auth"]
    assert auth["aws_region"] == "eu-west-1"
    assert auth["user_pool_id"] == stack_outputs["UserPoolId"]
    assert auth["user_pool_client_id"] == stack_outputs["UserPoolClientId"]
    assert auth["identity_pool_id"] == stack_outputs["IdentityPoolId"]
    assert auth["unauthenticated_identities_enabled"] is True  # the stack's AuthSettings allow guests


def test_guest_access_follows_auth_settings_and_needs_an_identity_pool(stack_outputs: dict[str, str]) -> None:
    assert amplify_outputs_from_stack_outputs(stack_outputs)["auth"]["unauthenticated_identities_enabled"] is True
    without_pool = {key: value for key, value in stack_outputs.items() if key != "IdentityPoolId"}
    assert amplify_outputs_from_stack_outputs(without_pool)["auth"]["unauthenticated_identities_enabled"] is False
    settings = json.loads(stack_outputs["AuthSettings"])
    del settings["unauthenticated_identities_enabled"]  # a stack whose AuthSettings predate the key
    older = {**stack_outputs, "AuthSettings": json.dumps(settings)}
    assert amplify_outputs_from_stack_outputs(older)["auth"]["unauthenticated_identities_enabled"] is False
    settings["unauthenticated_identities_enabled"] = "yes"
    with pytest.raises(OutputsError, match="unauthenticated_identities_enabled must be true or false"):
        amplify_outputs_from_stack_outputs({**stack_outputs, "AuthSettings": json.dumps(settings)})


def test_auth_settings_become_auth_fields_with_groups_in_amplify_shape(stack_outputs: dict[str, str]) -> None:
    auth = amplify_outputs_from_stack_outputs(stack_outputs)["auth"]

    assert auth["username_attributes"] == ["email"]
    assert auth["standard_required_attributes"] == ["email"]
    assert auth["user_verification_types"] == ["email"]
    assert auth["password_policy"]["min_length"] == 12
    assert auth["mfa_configuration"] == "OPTIONAL"
    assert auth["mfa_methods"] == ["TOTP"]
    assert auth["groups"] == [{"admins": {"precedence": 0}}]


@pytest.mark.parametrize(
    ("groups", "expected"),
    [
        (["admins", "editors"], [{"admins": {"precedence": 0}}, {"editors": {"precedence": 1}}]),
        ({"editors": 5, "admins": 1}, [{"admins": {"precedence": 1}}, {"editors": {"precedence": 5}}]),
        ([], []),
    ],
)
def test_groups_accept_names_in_order_or_explicit_precedence(groups: object, expected: list) -> None:
    assert parse_auth_settings(json.dumps({"groups": groups}))["groups"] == expected


def test_firehose_stream_and_push_app_go_under_custom(stack_outputs: dict[str, str]) -> None:
    document = amplify_outputs_from_stack_outputs(stack_outputs)

    assert "analytics" not in document  # Amplify's analytics slot is Pinpoint-only
    assert document["custom"]["analytics"] == {
        "aws_region": "eu-west-1",
        "firehose_stream_name": stack_outputs["AnalyticsStreamName"],
    }
    assert document["custom"]["push"] == {"aws_region": "eu-west-1", "app_id": stack_outputs["PushAppId"]}


def test_test_role_is_not_shipped_to_clients(stack_outputs: dict[str, str]) -> None:
    text = json.dumps(amplify_outputs_from_stack_outputs(stack_outputs))

    assert stack_outputs["TestRoleArn"] not in text


def test_push_off_and_no_optional_outputs_give_a_minimal_document(stack_outputs: dict[str, str]) -> None:
    minimal = {key: stack_outputs[key] for key in REQUIRED} | {"PushAppId": ""}

    document = amplify_outputs_from_stack_outputs(minimal)

    assert "custom" not in document
    assert "identity_pool_id" not in document["auth"]
    assert "groups" not in document["auth"]


def test_sandbox_extras_become_custom_sandbox_as_a_copy(stack_outputs: dict[str, str]) -> None:
    sandbox = {"cognito_idp_endpoint": "https://127.0.0.1:8443/cognito", "ca_cert": "/tmp/ca.pem"}

    document = amplify_outputs_from_stack_outputs(stack_outputs, sandbox=sandbox)
    sandbox["ca_cert"] = "changed later"

    assert document["custom"]["sandbox"] == {
        "cognito_idp_endpoint": "https://127.0.0.1:8443/cognito",
        "ca_cert": "/tmp/ca.pem",
    }


@pytest.mark.parametrize("missing", REQUIRED)
def test_a_missing_required_output_is_named(stack_outputs: dict[str, str], missing: str) -> None:
    del stack_outputs[missing]

    with pytest.raises(OutputsError, match=f"missing stack output\\(s\\): {missing}$"):
        amplify_outputs_from_stack_outputs(stack_outputs)


def test_an_empty_required_output_counts_as_missing(stack_outputs: dict[str, str]) -> None:
    stack_outputs["GraphQLUrl"] = ""

    with pytest.raises(OutputsError, match="GraphQLUrl"):
        amplify_outputs_from_stack_outputs(stack_outputs)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "must be a JSON object"),
        ('{"password_polcy": {}}', "unknown key\\(s\\): password_polcy"),
        ('{"groups": [1, 2]}', "AuthSettings.groups"),
    ],
)
def test_bad_auth_settings_are_explained(stack_outputs: dict[str, str], raw: str, message: str) -> None:
    stack_outputs["AuthSettings"] = raw

    with pytest.raises(OutputsError, match=message):
        amplify_outputs_from_stack_outputs(stack_outputs)
