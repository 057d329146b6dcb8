"""Stack outputs → the Amplify Gen 2 `amplify_outputs.json` document."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .errors import OutputsError

# "1.3" is the first official schema version with `auth.groups`; Amplify JS v6 accepts any "1*" version.
SCHEMA_VERSION = "1.3"

# CfnOutput keys of the MobileBackend stack (docs/architecture.md, "Stack outputs").
REQUIRED_OUTPUTS = ("GraphQLUrl", "Region", "UserPoolId", "UserPoolClientId", "MediaBucketName")
# SandboxExtras exists only on the sandbox's own stack: its local endpoints, written to `custom.sandbox`.
SANDBOX_EXTRAS_OUTPUT = "SandboxExtras"
OPTIONAL_OUTPUTS = (
    "GraphQLApiId",  # for the pipeline's pre-deploy schema check; apps do not need it
    "IdentityPoolId",
    "AnalyticsStreamName",
    "PushAppId",
    "AuthSettings",
    "TestRoleArn",
    "TestUsersAllowed",
    SANDBOX_EXTRAS_OUTPUT,
)
KNOWN_OUTPUTS = REQUIRED_OUTPUTS + OPTIONAL_OUTPUTS

# AuthSettings JSON keys copied into `auth` (already in amplify_outputs naming, except `groups`).
AUTH_SETTING_KEYS = (
    "password_policy",
    "username_attributes",
    "standard_required_attributes",
    "user_verification_types",
    "mfa_configuration",
    "mfa_methods",
    "groups",
    "unauthenticated_identities_enabled",
)


def amplify_outputs_from_stack_outputs(
    outputs: Mapping[str, str], *, sandbox: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Build the `amplify_outputs.json` document from the MobileBackend stack outputs.

    `sandbox` (or the stack output SandboxExtras) becomes `custom.sandbox`: the local endpoints of a sandbox.
    """
    missing = [key for key in REQUIRED_OUTPUTS if not outputs.get(key)]
    if missing:
        raise OutputsError(f"missing stack output(s): {', '.join(missing)}")
    region = outputs["Region"]
    if sandbox is None and outputs.get(SANDBOX_EXTRAS_OUTPUT):
        sandbox = _json_object(outputs[SANDBOX_EXTRAS_OUTPUT], SANDBOX_EXTRAS_OUTPUT)

    document: dict[str, Any] = {
        "version": SCHEMA_VERSION,
        "auth": _auth_section(outputs, region),
        "data": {
            "url": outputs["GraphQLUrl"],
            "aws_region": region,
            "default_authorization_type": "AMAZON_COGNITO_USER_POOLS",
            "authorization_types": ["AWS_IAM"],
        },
        "storage": {"aws_region": region, "bucket_name": outputs["MediaBucketName"]},
    }
    custom = _custom_section(outputs, region, sandbox)
    if custom:
        document["custom"] = custom
    return document


def _auth_section(outputs: Mapping[str, str], region: str) -> dict[str, Any]:
    auth: dict[str, Any] = {
        "aws_region": region,
        "user_pool_id": outputs["UserPoolId"],
        "user_pool_client_id": outputs["UserPoolClientId"],
    }
    if outputs.get("IdentityPoolId"):
        auth["identity_pool_id"] = outputs["IdentityPoolId"]
    auth.update(parse_auth_settings(outputs.get("AuthSettings") or "{}"))
    # Guest credentials (Amplify's `allowGuestAccess`: apps call `appConfig` before sign-in) come from the identity
    # pool, so only a stack with one can enable them; a stack whose AuthSettings predate the key has none.
    guests = auth.get("unauthenticated_identities_enabled", False)
    if not isinstance(guests, bool):
        raise OutputsError("AuthSettings.unauthenticated_identities_enabled must be true or false")
    auth["unauthenticated_identities_enabled"] = guests and "identity_pool_id" in auth
    return auth


def _json_object(raw: str, output_key: str) -> dict[str, Any]:
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as error:
        raise OutputsError(f"stack output {output_key} is not valid JSON: {error}") from None
    if not isinstance(value, dict):
        raise OutputsError(f"stack output {output_key} must be a JSON object")
    return value


def parse_auth_settings(raw: str) -> dict[str, Any]:
    """The `AuthSettings` output (JSON in amplify_outputs naming) → `auth` fields, groups in Amplify's shape."""
    settings = _json_object(raw, "AuthSettings")
    unknown = sorted(set(settings) - set(AUTH_SETTING_KEYS))
    if unknown:
        raise OutputsError(f"stack output AuthSettings has unknown key(s): {', '.join(unknown)}")
    result = {key: settings[key] for key in AUTH_SETTING_KEYS if key in settings}
    if "groups" in result:
        result["groups"] = _amplify_groups(result["groups"])
    return result


def _amplify_groups(groups: Any) -> list[dict[str, dict[str, int]]]:
    """`["admins", ...]` (precedence = position) or `{"admins": 0}` → `[{"admins": {"precedence": 0}}]`."""
    if isinstance(groups, list) and all(isinstance(name, str) for name in groups):
        pairs = [(name, position) for position, name in enumerate(groups)]
    elif isinstance(groups, dict) and all(isinstance(p, int) for p in groups.values()):
        pairs = sorted(groups.items(), key=lambda pair: pair[1])
    else:
        raise OutputsError("AuthSettings.groups must be a list of group names or an object of name → precedence")
    return [{name: {"precedence": precedence}} for name, precedence in pairs]


def _custom_section(outputs: Mapping[str, str], region: str, sandbox: Mapping[str, Any] | None) -> dict[str, Any]:
    # Amplify's schema has only a Pinpoint slot under `analytics`; our Firehose stream and push app live here.
    custom: dict[str, Any] = {}
    if outputs.get("AnalyticsStreamName"):
        custom["analytics"] = {
            "aws_region": region,
            "firehose_stream_name": outputs["AnalyticsStreamName"],
        }
    if outputs.get("PushAppId"):
        custom["push"] = {"aws_region": region, "app_id": outputs["PushAppId"]}
    if sandbox is not None:
        custom["sandbox"] = json.loads(json.dumps(dict(sandbox)))  # a plain, JSON-safe copy
    return custom
