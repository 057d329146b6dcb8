"""Cognito test users: created and confirmed through the admin API, signed in with USER_PASSWORD_AUTH, deleted.

Each user is unique to the run (`it-<uuid>@example.com`) and has a fresh strong password. The admin API
(AdminCreateUser with SUPPRESS + a permanent AdminSetUserPassword) sends no email: a public SignUp would mail
a code to example.com from Cognito's small default email quota on every run.
"""

from __future__ import annotations

import base64
import json
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from . import aws
from .target import Target


@dataclass(frozen=True)
class Tokens:
    access_token: str
    id_token: str


@dataclass(frozen=True)
class TestUser:
    __test__ = False  # not a test class, despite the name

    email: str
    password: str
    tokens: Tokens

    @property
    def sub(self) -> str:
        return jwt_claims(self.tokens.id_token)["sub"]


def jwt_claims(token: str) -> dict[str, Any]:
    """The payload of a JWT, unverified: the suite only reads its own tokens."""
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def strong_password() -> str:
    # Satisfies any Cognito policy up to 'all character classes, 12+ chars'.
    return f"Aa1!{secrets.token_urlsafe(18)}"


class CognitoUsers:
    """Creates users through the admin API and removes every one of them in `delete_all`."""

    def __init__(self, target: Target, admin_credentials: aws.AwsCredentials | None):
        endpoint = target.sandbox.cognito_idp_endpoint if target.sandbox else None
        self._target = target
        self._admin = aws.client(target, "cognito-idp", admin_credentials, endpoint_url=endpoint)
        self._public = aws.client(target, "cognito-idp", None, endpoint_url=endpoint)
        self._created: list[str] = []

    def create(self, groups: Iterable[str] = ()) -> TestUser:
        email = f"it-{uuid.uuid4()}@example.com"
        password = strong_password()
        self._admin.admin_create_user(
            UserPoolId=self._target.user_pool_id,
            Username=email,
            UserAttributes=[{"Name": "email", "Value": email}, {"Name": "email_verified", "Value": "true"}],
            MessageAction="SUPPRESS",
        )
        self._created.append(email)
        # A permanent password confirms the user: no FORCE_CHANGE_PASSWORD challenge at sign-in.
        self._admin.admin_set_user_password(
            UserPoolId=self._target.user_pool_id, Username=email, Password=password, Permanent=True
        )
        for group in groups:
            self._admin.admin_add_user_to_group(UserPoolId=self._target.user_pool_id, Username=email, GroupName=group)
        # Sign in after joining groups so the tokens carry `cognito:groups`.
        return TestUser(email=email, password=password, tokens=self.sign_in(email, password))

    def sign_in(self, email: str, password: str) -> Tokens:
        result = self._public.initiate_auth(
            ClientId=self._target.user_pool_client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": email, "PASSWORD": password},
        )["AuthenticationResult"]
        return Tokens(access_token=result["AccessToken"], id_token=result["IdToken"])

    def delete_all(self) -> list[str]:
        """Delete every user this instance created; returns the failures instead of stopping at the first."""
        failures = []
        for email in self._created:
            try:
                self._admin.admin_delete_user(UserPoolId=self._target.user_pool_id, Username=email)
            except self._admin.exceptions.UserNotFoundException:
                pass
            except Exception as error:  # noqa: BLE001 - keep deleting the others, report each failure
                failures.append(f"{email}: {error}")
        self._created.clear()
        return failures
