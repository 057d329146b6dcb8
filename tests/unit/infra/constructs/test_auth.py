"""Auth alone: the user pool and client the app signs in with, and an identity pool reaching only own data."""

from __future__ import annotations

import json

import pytest
from aws_cdk.assertions import Template

from backend.auth_settings import ADMINS_GROUP, PASSWORD_MIN_LENGTH, auth_settings_json
from backend.infra.auth import Auth
from backend.infra.nag import logical_id

from .support import bare_stack, inline_function, of_type, policy_statements, resource, settings

MEDIA_ARN = "arn:aws:s3:::media-bucket"
API_ARN = "arn:aws:appsync:us-east-1:111111111111:apis/api-id"
GUEST_FIELD_ARNS = [f"{API_ARN}/types/Query/fields/appConfig", f"{API_ARN}/types/AppConfig/fields/supported"]


def _build(**overrides) -> tuple[Auth, Template]:
    stack = bare_stack()
    trigger = inline_function(stack, "PostConfirmation")
    auth = Auth(stack, "Auth", settings=settings(**overrides), post_confirmation=trigger)
    auth.grant_own_media_prefix(MEDIA_ARN)
    auth.grant_guest_fields(GUEST_FIELD_ARNS)
    return auth, Template.from_stack(stack)


def _trigger_id(auth: Auth) -> str:
    assert auth.node.scope is not None
    return logical_id(auth.node.scope.node.find_child("PostConfirmation"))


@pytest.fixture(scope="module")
def removable() -> tuple[Auth, Template]:
    return _build(protect_data=False)


@pytest.fixture(scope="module")
def protected() -> tuple[Auth, Template]:
    return _build(protect_data=True, threat_protection="enforced")


@pytest.fixture(scope="module")
def without_threat_protection() -> tuple[Auth, Template]:
    return _build(protect_data=False, threat_protection="off")


def test_user_pool_signs_in_by_email_with_a_strong_password_and_optional_totp(removable) -> None:
    auth, template = removable
    template.has_resource_properties(
        "AWS::Cognito::UserPool",
        {
            "UsernameAttributes": ["email"],
            "UsernameConfiguration": {"CaseSensitive": False},
            "AutoVerifiedAttributes": ["email"],
            "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": False},  # self sign-up
            "Schema": [{"Name": "email", "Required": True, "Mutable": True}],
            "Policies": {
                "PasswordPolicy": {
                    "MinimumLength": 12,
                    "RequireLowercase": True,
                    "RequireUppercase": True,
                    "RequireNumbers": True,
                    "RequireSymbols": True,
                    "TemporaryPasswordValidityDays": 3,
                }
            },
            "MfaConfiguration": "OPTIONAL",
            "EnabledMfas": ["SOFTWARE_TOKEN_MFA"],
            "AccountRecoverySetting": {"RecoveryMechanisms": [{"Name": "verified_email", "Priority": 1}]},
            "LambdaConfig": {"PostConfirmation": {"Fn::GetAtt": [_trigger_id(auth), "Arn"]}},
        },
    )
    template.has_resource_properties(
        "AWS::Cognito::UserPoolGroup",
        {
            "GroupName": ADMINS_GROUP,
            "UserPoolId": {"Ref": logical_id(auth.user_pool)},
        },
    )


def test_cognito_may_invoke_the_post_confirmation_trigger_from_this_pool_only(removable) -> None:
    auth, template = removable
    template.has_resource_properties(
        "AWS::Lambda::Permission",
        {
            "Action": "lambda:InvokeFunction",
            "FunctionName": {"Fn::GetAtt": [_trigger_id(auth), "Arn"]},
            "Principal": "cognito-idp.amazonaws.com",
            "SourceArn": {"Fn::GetAtt": [logical_id(auth.user_pool), "Arn"]},
        },
    )


def test_the_auth_settings_output_describes_this_pool(removable) -> None:
    auth, template = removable
    pool = resource(template, auth.user_pool)["Properties"]
    published = json.loads(auth_settings_json())
    policy = pool["Policies"]["PasswordPolicy"]
    assert published["password_policy"] == {
        "min_length": policy["MinimumLength"],
        "require_lowercase": policy["RequireLowercase"],
        "require_uppercase": policy["RequireUppercase"],
        "require_numbers": policy["RequireNumbers"],
        "require_symbols": policy["RequireSymbols"],
    }
    assert policy["MinimumLength"] == PASSWORD_MIN_LENGTH
    assert (published["mfa_configuration"], published["mfa_methods"]) == (pool["MfaConfiguration"], ["TOTP"])
    assert pool["EnabledMfas"] == ["SOFTWARE_TOKEN_MFA"]  # TOTP, and nothing else
    assert published["username_attributes"] == pool["UsernameAttributes"]
    assert published["groups"] == [
        g["Properties"]["GroupName"] for g in of_type(template, "AWS::Cognito::UserPoolGroup").values()
    ]


@pytest.mark.parametrize(
    ("fixture", "tier", "add_ons"),
    [
        ("removable", "PLUS", {"AdvancedSecurityMode": "AUDIT"}),
        ("protected", "PLUS", {"AdvancedSecurityMode": "ENFORCED"}),
        ("without_threat_protection", "ESSENTIALS", None),
    ],
)
def test_threat_protection_mode_and_feature_plan(request, fixture: str, tier: str, add_ons) -> None:
    auth, template = request.getfixturevalue(fixture)
    pool = resource(template, auth.user_pool)["Properties"]
    assert pool["UserPoolTier"] == tier
    assert pool.get("UserPoolAddOns") == add_ons


@pytest.mark.parametrize(
    ("fixture", "policy", "protection"), [("removable", "Delete", "INACTIVE"), ("protected", "Retain", "ACTIVE")]
)
def test_protect_data_keeps_the_user_pool(request, fixture: str, policy: str, protection: str) -> None:
    auth, template = request.getfixturevalue(fixture)
    pool = resource(template, auth.user_pool)
    assert (pool["DeletionPolicy"], pool["UpdateReplacePolicy"]) == (policy, policy)
    assert pool["Properties"]["DeletionProtection"] == protection


def test_app_client_is_public_without_hosted_ui_flows(removable) -> None:
    auth, template = removable
    client = resource(template, auth.client)["Properties"]
    assert client["UserPoolId"] == {"Ref": logical_id(auth.user_pool)}
    assert client["GenerateSecret"] is False
    assert sorted(client["ExplicitAuthFlows"]) == [
        "ALLOW_REFRESH_TOKEN_AUTH",
        "ALLOW_USER_PASSWORD_AUTH",
        "ALLOW_USER_SRP_AUTH",
    ]
    assert client["AllowedOAuthFlowsUserPoolClient"] is False
    assert "AllowedOAuthFlows" not in client and "CallbackURLs" not in client
    assert client["PreventUserExistenceErrors"] == "ENABLED"
    assert client["EnableTokenRevocation"] is True
    assert client["TokenValidityUnits"] == {"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "minutes"}
    assert (client["AccessTokenValidity"], client["IdTokenValidity"], client["RefreshTokenValidity"]) == (
        60,
        60,
        30 * 24 * 60,
    )


def test_identity_pool_admits_guests_and_only_this_client_with_server_side_token_check(removable) -> None:
    auth, template = removable
    assert resource(template, auth.identity_pool)["Properties"] == {
        "AllowUnauthenticatedIdentities": True,
        "CognitoIdentityProviders": [
            {
                "ClientId": {"Ref": logical_id(auth.client)},
                "ProviderName": {"Fn::GetAtt": [logical_id(auth.user_pool), "ProviderName"]},
                "ServerSideTokenCheck": True,
            }
        ],
    }
    template.has_resource_properties(
        "AWS::Cognito::IdentityPoolPrincipalTag",
        {
            "IdentityPoolId": {"Ref": logical_id(auth.identity_pool)},
            "IdentityProviderName": {"Fn::GetAtt": [logical_id(auth.user_pool), "ProviderName"]},
            "PrincipalTags": {"sub": "sub"},
            "UseDefaults": False,
        },
    )
    # Signed-in identities get the authenticated role, guests the unauthenticated one; no rules pick others.
    [attachment] = of_type(template, "AWS::Cognito::IdentityPoolRoleAttachment").values()
    assert attachment["Properties"] == {
        "IdentityPoolId": {"Ref": logical_id(auth.identity_pool)},
        "Roles": {
            "authenticated": {"Fn::GetAtt": [logical_id(auth.authenticated_role), "Arn"]},
            "unauthenticated": {"Fn::GetAtt": [logical_id(auth.unauthenticated_role), "Arn"]},
        },
    }
    assert json.loads(auth_settings_json())["unauthenticated_identities_enabled"] is True


def test_authenticated_role_is_assumable_only_by_signed_in_identities_of_this_pool(removable) -> None:
    auth, template = removable
    trust = resource(template, auth.authenticated_role)["Properties"]["AssumeRolePolicyDocument"]["Statement"]
    assert trust == [
        {
            "Action": ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"],
            "Condition": {
                "StringEquals": {"cognito-identity.amazonaws.com:aud": {"Ref": logical_id(auth.identity_pool)}},
                "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"},
            },
            "Effect": "Allow",
            "Principal": {"Federated": "cognito-identity.amazonaws.com"},
        }
    ]


def test_own_media_prefix_grant_is_keyed_by_the_sub_session_tag(removable) -> None:
    auth, template = removable
    [statement] = policy_statements(template, logical_id(auth.authenticated_role))
    assert statement == {
        "Sid": "OwnMediaPrefixOnly",
        "Action": ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"],
        "Effect": "Allow",
        "Resource": f"{MEDIA_ARN}/private/${{aws:PrincipalTag/sub}}/*",
    }


def test_unauthenticated_role_is_assumable_only_by_guests_of_this_pool(removable) -> None:
    auth, template = removable
    trust = resource(template, auth.unauthenticated_role)["Properties"]["AssumeRolePolicyDocument"]["Statement"]
    assert trust == [
        {
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {
                "StringEquals": {"cognito-identity.amazonaws.com:aud": {"Ref": logical_id(auth.identity_pool)}},
                "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "unauthenticated"},
            },
            "Effect": "Allow",
            "Principal": {"Federated": "cognito-identity.amazonaws.com"},
        }
    ]


def test_the_guest_grant_is_appsync_graphql_on_exactly_the_given_fields(removable) -> None:
    auth, template = removable
    assert policy_statements(template, logical_id(auth.unauthenticated_role)) == [
        {
            "Sid": "GuestGraphQLFields",
            "Action": "appsync:GraphQL",
            "Effect": "Allow",
            "Resource": sorted(GUEST_FIELD_ARNS),
        }
    ]
    role = resource(template, auth.unauthenticated_role)["Properties"]
    assert "ManagedPolicyArns" not in role and "Policies" not in role  # no other grant hides elsewhere
