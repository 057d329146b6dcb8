"""What apps are told about sign-in (the `AuthSettings` stack output, amplify_outputs' `auth`), and the user pool
that backend/infra/auth.py builds from the same values. No CDK import: the sandbox checks its seed's passwords
against this policy before it synthesizes anything, and importing aws_cdk alone takes seconds."""

from __future__ import annotations

import json
from typing import Any

ADMINS_GROUP = "admins"
# Guests (apps before sign-in, for `appConfig`) get identity-pool credentials; published to apps as amplify_outputs'
# `auth.unauthenticated_identities_enabled`, which Amplify reads as `allowGuestAccess`.
GUEST_ACCESS = True
PASSWORD_POLICY: dict[str, Any] = {
    "min_length": 12,
    "require_lowercase": True,
    "require_uppercase": True,
    "require_numbers": True,
    "require_symbols": True,
}
PASSWORD_MIN_LENGTH: int = PASSWORD_POLICY["min_length"]


def auth_settings() -> dict[str, Any]:
    """The `AuthSettings` output's content (docs/architecture.md)."""
    return {
        "username_attributes": ["email"],
        "standard_required_attributes": ["email"],
        "user_verification_types": ["email"],
        "password_policy": dict(PASSWORD_POLICY),
        "mfa_configuration": "OPTIONAL",
        "mfa_methods": ["TOTP"],
        "groups": [ADMINS_GROUP],
        "unauthenticated_identities_enabled": GUEST_ACCESS,
    }


def auth_settings_json() -> str:
    """The literal `AuthSettings` stack output."""
    return json.dumps(auth_settings(), separators=(",", ":"))
