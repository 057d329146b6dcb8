"""The policy of a role, as IAM evaluates it for one action on one resource (wildcards, Deny over Allow)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any


def _pattern(text: str, *, ignore_case: bool) -> re.Pattern[str]:
    """IAM's wildcards: `*` any run of characters (`/` and `:` included), `?` one character."""
    body = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in text)
    return re.compile(f"^{body}$", re.IGNORECASE if ignore_case else 0)


def _listed(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, str)]


class RolePolicy:
    """A role's statements. An explicit Deny wins, then an Allow; nothing matching means no. Conditions cannot be
    evaluated offline: an Allow with a Condition grants nothing, a Deny with one always applies."""

    def __init__(self, statements: Sequence[Mapping[str, Any]]) -> None:
        self._statements = list(statements)

    @staticmethod
    def _matches(statement: Mapping[str, Any], action: str, resource: str) -> bool:
        def any_match(key: str, value: str, *, ignore_case: bool) -> bool | None:
            if key not in statement:
                return None
            return any(_pattern(p, ignore_case=ignore_case).match(value) for p in _listed(statement[key]))

        action_hit = any_match("Action", action, ignore_case=True)
        if action_hit is None:
            not_action = any_match("NotAction", action, ignore_case=True)
            action_hit = not_action is False
        resource_hit = any_match("Resource", resource, ignore_case=False)
        if resource_hit is None:
            not_resource = any_match("NotResource", resource, ignore_case=False)
            resource_hit = not_resource is False
        return bool(action_hit and resource_hit)

    def allows(self, action: str, resource: str) -> bool:
        allowed = False
        for statement in self._statements:
            if not self._matches(statement, action, resource):
                continue
            if statement.get("Effect") == "Deny":
                return False
            if statement.get("Effect") == "Allow" and "Condition" not in statement:
                allowed = True
        return allowed
