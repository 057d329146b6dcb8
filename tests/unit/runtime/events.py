"""AppSync direct-Lambda event builders, shaped like the ones the APPSYNC_JS request functions send."""

from __future__ import annotations

from typing import Any


def cognito_identity(sub: str, *, username: str | None = None, groups: list[str] | None = None) -> dict[str, Any]:
    claims: dict[str, Any] = {"sub": sub, "cognito:username": username or f"user-{sub}", "token_use": "access"}
    if groups:
        claims["cognito:groups"] = groups
    return {
        "sub": sub,
        "username": username or f"user-{sub}",
        "claims": claims,
        "groups": groups,
        "issuer": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_test",
        "sourceIp": ["203.0.113.10"],
        "defaultAuthStrategy": "ALLOW",
    }


def iam_identity() -> dict[str, Any]:
    return {
        "accountId": "123456789012",
        "userArn": "arn:aws:sts::123456789012:assumed-role/tests/session",
        "sourceIp": ["203.0.113.10"],
        "username": "AROAEXAMPLE:session",
    }


def field_event(
    parent: str,
    field: str,
    arguments: dict[str, Any] | None = None,
    *,
    identity: dict[str, Any] | None,
    source: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "arguments": arguments or {},
        "identity": identity,
        "source": source,
        "info": {
            "fieldName": field,
            "parentTypeName": parent,
            "variables": {},
            "selectionSetList": [],
            "selectionSetGraphQL": "",
        },
        "prev": None,
        "stash": {},
        "request": {"headers": {"x-amzn-trace-id": "Root=1-00000000-000000000000000000000000"}, "domainName": None},
    }


def batch_event(parent: str, field: str, sources: list[dict[str, Any]], *, identity: dict[str, Any]) -> list[dict]:
    return [field_event(parent, field, identity=identity, source=source) for source in sources]
