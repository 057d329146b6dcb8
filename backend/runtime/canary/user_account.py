"""The canary's Cognito user: made to exist with a given password, or removed.

The user pool signs in by email (`SignInAliases email`, i.e. UsernameAttributes [email]), so the user is
created with the email as its sign-in name (Cognito gives it a generated internal username) and addressed by
that email in every admin call. It joins no group: the canary is an ordinary user and writes only its own posts.
Shared by the custom resource (user_resource.py) and `make canary` against the sandbox (local_run.py).
"""

from __future__ import annotations

from typing import Any


def ensure_canary_user(cognito: Any, user_pool_id: str, email: str, password: str) -> str:
    """Create the user when missing (no invitation sent, email verified), then set `password` as its permanent
    password, which also confirms it. Idempotent; returns the name it signs in with."""
    try:
        cognito.admin_get_user(UserPoolId=user_pool_id, Username=email)
    except cognito.exceptions.UserNotFoundException:
        try:
            cognito.admin_create_user(
                UserPoolId=user_pool_id,
                Username=email,
                UserAttributes=[{"Name": "email", "Value": email}, {"Name": "email_verified", "Value": "true"}],
                MessageAction="SUPPRESS",
            )
        except cognito.exceptions.UsernameExistsException:
            pass  # created meanwhile (a concurrent deploy's request): setting the password below is still right
    cognito.admin_set_user_password(UserPoolId=user_pool_id, Username=email, Password=password, Permanent=True)
    return email


def delete_canary_user(cognito: Any, user_pool_id: str, email: str) -> bool:
    """Delete the user; False when it (or its pool) is already gone."""
    try:
        cognito.admin_delete_user(UserPoolId=user_pool_id, Username=email)
    except (cognito.exceptions.UserNotFoundException, cognito.exceptions.ResourceNotFoundException):
        return False
    return True
