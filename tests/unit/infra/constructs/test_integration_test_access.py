"""The post-deploy test role alone: trusted by one principal; its own stack's outputs, IAM fields, test users."""

from __future__ import annotations

import pytest
from aws_cdk import aws_cognito as cognito
from aws_cdk.assertions import Template

from backend.infra.integration_test_access import TEST_USER_ACTIONS, IntegrationTestAccess
from backend.infra.nag import logical_id

from .support import bare_stack, policy_statements, resource

RUNNER = "arn:aws:iam::111111111111:role/mobile-backend-dev-integ-tests"
HEALTH = "arn:aws:appsync:us-east-1:222222222222:apis/abc/types/Query/fields/health"


def _build(*, manage_users: bool, iam_query_arns: list[str]):
    stack = bare_stack()
    pool = cognito.UserPool(stack, "Pool")
    access = IntegrationTestAccess(
        stack,
        "TestAccess",
        role_name="mobile-backend-test-test-users",
        trusted_principal_arn=RUNNER,
        user_pool=pool,
        iam_query_arns=iam_query_arns,
        manage_users=manage_users,
    )
    return access, Template.from_stack(stack), logical_id(pool)


@pytest.fixture(scope="module")
def with_users():
    return _build(manage_users=True, iam_query_arns=[HEALTH])


@pytest.fixture(scope="module")
def protected():
    return _build(manage_users=False, iam_query_arns=[HEALTH])


@pytest.mark.parametrize("fixture", ["with_users", "protected"])
def test_role_is_named_and_trusted_only_by_the_test_runner_role(request, fixture: str) -> None:
    access, template, _ = request.getfixturevalue(fixture)
    props = resource(template, access.role)["Properties"]
    assert props["RoleName"] == "mobile-backend-test-test-users"
    assert props["AssumeRolePolicyDocument"]["Statement"] == [
        {
            "Action": "sts:AssumeRole",
            "Condition": {"ArnEquals": {"aws:PrincipalArn": RUNNER}},
            "Effect": "Allow",
            "Principal": {"AWS": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::111111111111:root"]]}},
        }
    ]
    assert "ManagedPolicyArns" not in props


def test_non_protected_role_reads_its_stack_calls_iam_fields_and_manages_test_users(with_users) -> None:
    access, template, pool_id = with_users
    statements = policy_statements(template, logical_id(access.role))
    assert [s["Sid"] for s in statements] == ["ThisStacksOutputs", "TestUsersInThisPool", "IamAuthorizedFields"]
    outputs, users, fields = statements
    assert outputs == {
        "Sid": "ThisStacksOutputs",
        "Action": "cloudformation:DescribeStacks",
        "Effect": "Allow",
        "Resource": {"Ref": "AWS::StackId"},
    }
    assert users["Effect"] == "Allow" and users["Resource"] == {"Fn::GetAtt": [pool_id, "Arn"]}
    assert sorted(users["Action"]) == sorted(TEST_USER_ACTIONS)
    assert set(TEST_USER_ACTIONS) == {
        "cognito-idp:AdminCreateUser",
        "cognito-idp:AdminSetUserPassword",
        "cognito-idp:AdminConfirmSignUp",
        "cognito-idp:AdminGetUser",
        "cognito-idp:AdminDeleteUser",
        "cognito-idp:AdminAddUserToGroup",
        "cognito-idp:AdminRemoveUserFromGroup",
    }
    assert fields == {"Sid": "IamAuthorizedFields", "Action": "appsync:GraphQL", "Effect": "Allow", "Resource": HEALTH}
    assert access.manage_users is True


def test_protected_role_cannot_touch_users(protected) -> None:
    access, template, _ = protected
    statements = policy_statements(template, logical_id(access.role))
    assert [s["Sid"] for s in statements] == ["ThisStacksOutputs", "IamAuthorizedFields"]
    assert not any(
        a.startswith("cognito-idp:")
        for s in statements
        for a in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])
    )
    assert "only (protected data)" in resource(template, access.role)["Properties"]["Description"]
    assert access.manage_users is False


def test_without_iam_fields_there_is_no_appsync_statement() -> None:
    access, template, _ = _build(manage_users=False, iam_query_arns=[])
    statements = policy_statements(template, logical_id(access.role))
    assert [s["Sid"] for s in statements] == ["ThisStacksOutputs"]
