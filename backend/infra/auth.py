"""Cognito user pool + app client + identity pool whose roles reach only the caller's own data.

The authenticated role's S3 scope uses the user-pool `sub` mapped to a session principal tag, so the prefix
`private/<sub>/` is the same one the runtime signs uploads for.

Guests (an app before sign-in) get identity-pool credentials of the unauthenticated role, which may call only the
GraphQL fields granted with `grant_guest_fields` (the `appConfig` query: forced update and remote switches). Not an
AppSync API key: a key expires after at most 365 days and would be embedded in every shipped app, so an app that
stays installed for longer than the key lives would lose the very query that tells it to update; identity-pool
guest credentials are short-lived, issued per device, and never expire as a whole.
"""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from .auth_settings import ADMINS_GROUP, GUEST_ACCESS, PASSWORD_MIN_LENGTH
from .settings import BackendSettings, SesEmail

_THREAT_MODES = {
    "audit": cognito.StandardThreatProtectionMode.AUDIT_ONLY,
    "enforced": cognito.StandardThreatProtectionMode.FULL_FUNCTION,
}


def user_pool_email(sender: SesEmail | None) -> cognito.UserPoolEmail | None:
    """Verification and password-reset mail through the environment's SES identity (`EmailSendingAccount:
    DEVELOPER`), or None for Cognito's built-in sender (a small daily cap: development only; `make preflight`
    refuses it for a protected pool). CDK writes the identity's ARN from the stack's account, the SES Region and
    the verified domain (or, for an address identity, the address itself), i.e. exactly the configured ARN.

    Cognito sends as its email service-linked role (AmazonCognitoIdpEmailService: `ses:SendEmail` and
    `ses:SendRawEmail`), which it creates when a pool is first configured so: the deploying role needs
    `iam:CreateServiceLinkedRole` once per account. A sending authorization policy on the identity is what
    Cognito's *own* sender needs for a custom FROM address, not this one (docs/deploying.md, section 9)."""
    if sender is None:
        return None
    return cognito.UserPoolEmail.with_ses(
        from_email=sender.from_address,
        reply_to=sender.reply_to,
        ses_region=sender.region,
        ses_verified_domain=sender.verified_domain,
    )


class Auth(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        settings: BackendSettings,
        post_confirmation: lambda_.IFunction,
    ) -> None:
        super().__init__(scope, construct_id)
        threat_mode = _THREAT_MODES.get(settings.threat_protection)
        self.user_pool = cognito.UserPool(
            self,
            "UserPool",
            sign_in_aliases=cognito.SignInAliases(email=True),
            sign_in_case_sensitive=False,
            self_sign_up_enabled=True,
            auto_verify=cognito.AutoVerifiedAttrs(email=True),
            standard_attributes=cognito.StandardAttributes(
                email=cognito.StandardAttribute(required=True, mutable=True)
            ),
            password_policy=cognito.PasswordPolicy(
                min_length=PASSWORD_MIN_LENGTH,
                require_lowercase=True,
                require_uppercase=True,
                require_digits=True,
                require_symbols=True,
                temp_password_validity=cdk.Duration.days(3),
            ),
            mfa=cognito.Mfa.OPTIONAL,
            mfa_second_factor=cognito.MfaSecondFactor(otp=True, sms=False),
            account_recovery=cognito.AccountRecovery.EMAIL_ONLY,
            # Threat protection needs the Plus plan; without it Essentials is enough.
            feature_plan=cognito.FeaturePlan.PLUS if threat_mode else cognito.FeaturePlan.ESSENTIALS,
            standard_threat_protection_mode=threat_mode,
            deletion_protection=settings.protect_data,
            email=user_pool_email(settings.ses_email),
            removal_policy=settings.removal_policy,
            lambda_triggers=cognito.UserPoolTriggers(post_confirmation=post_confirmation),
        )
        self.admins_group = cognito.CfnUserPoolGroup(
            self,
            "AdminsGroup",
            user_pool_id=self.user_pool.user_pool_id,
            group_name=ADMINS_GROUP,
            description="May update or delete any post.",
        )
        self.client = self.user_pool.add_client(
            "AppClient",
            generate_secret=False,
            auth_flows=cognito.AuthFlow(user_srp=True, user_password=True),
            disable_o_auth=True,  # no hosted-UI flows at all, so no implicit grant
            prevent_user_existence_errors=True,
            enable_token_revocation=True,
            access_token_validity=cdk.Duration.hours(1),
            id_token_validity=cdk.Duration.hours(1),
            refresh_token_validity=cdk.Duration.days(30),
        )
        self.identity_pool = cognito.CfnIdentityPool(
            self,
            "IdentityPool",
            # Guests: an app asks `appConfig` before sign-in (the unauthenticated role below may call nothing else).
            allow_unauthenticated_identities=GUEST_ACCESS,
            cognito_identity_providers=[
                cognito.CfnIdentityPool.CognitoIdentityProviderProperty(
                    client_id=self.client.user_pool_client_id,
                    provider_name=self.user_pool.user_pool_provider_name,
                    server_side_token_check=True,
                )
            ],
        )
        self.authenticated_role = iam.Role(
            self,
            "AuthenticatedRole",
            description="Signed-in app users (via the identity pool): own media prefix and analytics only.",
            assumed_by=self._identity_pool_principal("authenticated").with_session_tags(),
        )
        # Its only grant comes from grant_guest_fields (the stack grants the appConfig field and its types).
        self.unauthenticated_role = iam.Role(
            self,
            "UnauthenticatedRole",
            description="Apps before sign-in (identity-pool guests): the appConfig GraphQL query only.",
            assumed_by=self._identity_pool_principal("unauthenticated"),
        )
        cognito.CfnIdentityPoolRoleAttachment(
            self,
            "RoleAttachment",
            identity_pool_id=self.identity_pool.ref,
            roles={
                "authenticated": self.authenticated_role.role_arn,
                "unauthenticated": self.unauthenticated_role.role_arn,
            },
        )
        # Session tag `sub` = the user-pool sub, used as ${aws:PrincipalTag/sub} in the S3 policy.
        cognito.CfnIdentityPoolPrincipalTag(
            self,
            "PrincipalTags",
            identity_pool_id=self.identity_pool.ref,
            identity_provider_name=self.user_pool.user_pool_provider_name,
            principal_tags={"sub": "sub"},
            use_defaults=False,
        )

    def _identity_pool_principal(self, amr: str) -> iam.FederatedPrincipal:
        """Cognito Identity assuming a role for this pool's identities of one kind (`authenticated` or
        `unauthenticated`), the trust Cognito documents for identity-pool roles."""
        return iam.FederatedPrincipal(
            "cognito-identity.amazonaws.com",
            conditions={
                "StringEquals": {"cognito-identity.amazonaws.com:aud": self.identity_pool.ref},
                "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": amr},
            },
            assume_role_action="sts:AssumeRoleWithWebIdentity",
        )

    def grant_guest_fields(self, field_arns: list[str]) -> None:
        """`appsync:GraphQL` on exactly these field ARNs (`<api arn>/types/<Type>/fields/<field>`), nothing else.

        AppSync's IAM mode authorizes a request by the caller's policy on the field ARNs it resolves; the resource
        type `field` of `appsync:GraphQL` is `arn:${Partition}:appsync:${Region}:${Account}:apis/${GraphQLAPIId}/
        types/${TypeName}/fields/${FieldName}` (AppSync developer guide, "AWS_IAM authorization":
        https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html#aws-iam-authorization; Service
        Authorization Reference: https://docs.aws.amazon.com/service-authorization/latest/reference/
        list_awsappsync.html). backend/infra/schema_fields.py lists the root field and every field of the types it
        returns, so nested types need no wildcard either way."""
        self.unauthenticated_role.add_to_policy(
            iam.PolicyStatement(sid="GuestGraphQLFields", actions=["appsync:GraphQL"], resources=field_arns)
        )

    def grant_own_media_prefix(self, bucket_arn: str) -> None:
        self.authenticated_role.add_to_policy(
            iam.PolicyStatement(
                sid="OwnMediaPrefixOnly",
                actions=["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
                resources=[f"{bucket_arn}/private/${{aws:PrincipalTag/sub}}/*"],
            )
        )
