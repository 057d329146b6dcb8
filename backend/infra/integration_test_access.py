"""A role the pipeline's post-deploy test step assumes in this environment's account.

Trusts exactly one principal (the test step's role in the pipeline account). It may read this stack's outputs
(the step finds the API, pool and bucket that way), call the IAM-authorized GraphQL fields (AppSync authorizes
only IAM callers of its own account) and, in non-protected environments only, administer short-lived test users
of this environment's user pool.
"""

from __future__ import annotations

import aws_cdk as cdk
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


class IntegrationTestAccess(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        role_name: str,
        trusted_principal_arn: str,
        user_pool: cognito.IUserPool,
        iam_query_arns: list[str],
        manage_users: bool,
    ) -> None:
        super().__init__(scope, construct_id)
        self.manage_users = manage_users
        account = trusted_principal_arn.split(":")[4]
        self.role = iam.Role(
            self,
            "Role",
            role_name=role_name,
            description=(
                "Post-deploy integration tests: IAM-authorized GraphQL fields"
                + (", short-lived test users in this user pool." if manage_users else " only (protected data).")
            ),
            assumed_by=iam.AccountPrincipal(account).with_conditions(
                {"ArnEquals": {"aws:PrincipalArn": trusted_principal_arn}}
            ),
        )
        # DescribeStacks takes a stack ARN as its resource (Service Authorization Reference, AWS CloudFormation:
        # https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscloudformation.html):
        # AWS::StackId is this stack's own ARN, so the role reads no other stack.
        self.role.add_to_policy(
            iam.PolicyStatement(
                sid="ThisStacksOutputs", actions=["cloudformation:DescribeStacks"], resources=[cdk.Aws.STACK_ID]
            )
        )
        if manage_users:
            self.role.add_to_policy(
                iam.PolicyStatement(
                    sid="TestUsersInThisPool", actions=TEST_USER_ACTIONS, resources=[user_pool.user_pool_arn]
                )
            )
        if iam_query_arns:  # the IAM-authorized fields (e.g. Query.health) the tests call with SigV4
            self.role.add_to_policy(
                iam.PolicyStatement(sid="IamAuthorizedFields", actions=["appsync:GraphQL"], resources=iam_query_arns)
            )
