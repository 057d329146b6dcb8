"""The AWS calls a check makes, recorded, and IAM's Allow matching of them against synthesized statements
(shared by the gate's and the pre-deploy step's chain tests)."""

from __future__ import annotations

import fnmatch
from collections.abc import Callable
from typing import Any

import boto3

Call = tuple[str, str, dict[str, Any]]  # (IAM service prefix, operation, its parameters)


def allowed(statements: list[dict[str, Any]], action_name: str, resource: str) -> bool:
    """IAM's Allow matching for statements without conditions or denials (asserted), case-insensitive actions."""
    for statement in statements:
        assert statement["Effect"] == "Allow" and "Condition" not in statement, statement
        actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
        targets = statement["Resource"] if isinstance(statement["Resource"], list) else [statement["Resource"]]
        if any(fnmatch.fnmatch(action_name.lower(), a.lower()) for a in actions) and any(
            isinstance(t, str) and fnmatch.fnmatchcase(resource, t) for t in targets
        ):
            return True
    return False


def recording_sessions(calls: list[Call]) -> Callable[..., Any]:
    """A boto3.Session factory whose clients append each call to `calls` before it is sent."""

    def session(*args: Any, **kwargs: Any) -> Any:
        made = boto3.Session(*args, **kwargs)

        def record(model: Any, params: dict[str, Any], **_: Any) -> None:
            calls.append((model.service_model.service_id.hyphenize(), model.name, dict(params)))

        made.events.register("before-parameter-build", record)
        return made

    return session
