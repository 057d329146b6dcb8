"""AppSync direct-Lambda event builders, shaped like the ones the APPSYNC_JS request functions send."""

from __future__ import annotations

from typing import Any

from graphql import FieldNode, InlineFragmentNode, OperationDefinitionNode, SelectionSetNode, parse


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
    selection: str = "",
    variables: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """``selection``: the field's selection set as query text (``{ id author { id } }``), given to the
    runtime as AppSync does, as ``selectionSetGraphQL`` plus the ``selectionSetList`` of its field paths."""
    return {
        "arguments": arguments or {},
        "identity": identity,
        "source": source,
        "info": {
            "fieldName": field,
            "parentTypeName": parent,
            "variables": variables or {},
            "selectionSetList": selection_set_list(selection),
            "selectionSetGraphQL": selection,
        },
        "prev": None,
        "stash": {},
        "request": {"headers": {"x-amzn-trace-id": "Root=1-00000000-000000000000000000000000"}, "domainName": None},
    }


def batch_event(parent: str, field: str, sources: list[dict[str, Any]], *, identity: dict[str, Any]) -> list[dict]:
    return [field_event(parent, field, identity=identity, source=source) for source in sources]


def selection_set_list(selection: str) -> list[str]:
    """AppSync's ``selectionSetList``: every field path of the selection, by field name (not alias), with the
    fields of inline fragments in place (named fragments are left out here: the text has no definitions)."""
    if not selection:
        return []
    operation = parse(selection).definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    paths: list[str] = []

    def walk(selection_set: SelectionSetNode | None, prefix: str) -> None:
        for node in selection_set.selections if selection_set else ():
            if isinstance(node, InlineFragmentNode):
                walk(node.selection_set, prefix)
            elif isinstance(node, FieldNode):
                path = prefix + node.name.value
                if path not in paths:
                    paths.append(path)
                walk(node.selection_set, path + "/")

    walk(operation.selection_set, "")
    return paths
