"""The `AuthSettings` stack output (docs/architecture.md) and the user pool settings it publishes, apart from the
construct so that its readers (the sandbox's seed check, the tests of the amplify_outputs generator and of the
sandbox) get the stack's very document without importing aws_cdk, which takes seconds."""

from __future__ import annotations

import json

ADMINS_GROUP = "admins"
PASSWORD_MIN_LENGTH = 12
# Identity-pool guests (apps before sign-in, for `appConfig`); published to apps as amplify_outputs'
# `auth.unauthenticated_identities_enabled`, which Amplify reads as `allowGuestAccess`.
GUEST_ACCESS = True


def auth_settings_json() -> str:
    """The literal `AuthSettings` stack output (docs/architecture.md): what amplify_outputs `auth` needs."""
    return json.dumps(
        {
            "username_attributes": ["email"],
            "standard_required_attributes": ["email"],
            "user_verification_types": ["email"],
            "password_policy": {
                "min_length": PASSWORD_MIN_LENGTH,
                "require_lowercase": True,
                "require_uppercase": True,
                "require_numbers": True,
                "require_symbols": True,
            },
            "mfa_configuration": "OPTIONAL",
            "mfa_methods": ["TOTP"],
            "groups": [ADMINS_GROUP],
            "unauthenticated_identities_enabled": GUEST_ACCESS,
        },
        separators=(",", ":"),
    )
