"""A role the pipeline's post-deploy test step assumes to create/delete short-lived test users.

Only in non-protected environments. Trusts exactly one principal (the test step's role in the pipeline
account) and may only administer users of this environment's user pool.
"""

from __future__ import annotations

from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_iam as iam
from constructs import Construct

TEST_USER_ACTIONS = [
    "cognito-idp:AdminCreateUser",
    "cognito-idp:AdminSetUserPassword",
    "cognito-idp:AdminConfirmSignUp",
    "cognito-idp:AdminGetUser",
    "cognito-idp:AdminDeleteUser",
    "cognito-idp:AdminAddUserToGroup",
    "cognito-idp:AdminRemoveUserFromGroup",
]


class TestUserAccess(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        role_name: str,
        trusted_principal_arn: str,
        user_pool: cognito.IUserPool,
        iam_query_arns: list[str],
    ) -> None:
        super().__init__(scope, construct_id)
        account = trusted_principal_arn.split(":")[4]
        self.role = iam.Role(
            self,
            "Role",
            role_name=role_name,
            description="Post-deploy integration tests: short-lived test users in this user pool only.",
            assumed_by=iam.AccountPrincipal(account).with_conditions(
                {"ArnEquals": {"aws:PrincipalArn": trusted_principal_arn}}
            ),
        )
        self.role.add_to_policy(
            iam.PolicyStatement(sid="TestUsersInThisPool", actions=TEST_USER_ACTIONS, resources=[user_pool.user_pool_arn])
        )
        if iam_query_arns:  # the IAM-authorized fields (e.g. Query.health) the tests call with SigV4
            self.role.add_to_policy(
                iam.PolicyStatement(sid="IamAuthorizedFields", actions=["appsync:GraphQL"], resources=iam_query_arns)
            )
