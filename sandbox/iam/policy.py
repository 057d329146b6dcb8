"""IAM policy evaluation for one request: identity policies of a role plus the resource's policy, same account.

The logic is AWS's (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
an explicit Deny in any applicable policy wins; otherwise an Allow in the identity policies or in the resource
policy (for this principal) allows; otherwise the request is implicitly denied.

Matched: Effect, Action/NotAction and Resource/NotResource with `*` and `?` (actions case-insensitively, ARNs
case-sensitively), Principal/NotPrincipal of resource policies, policy variables `${...}` in resources. Conditions:
the operators in `_OPERATORS` on the keys the request context holds (see `RequestContext`); a condition the
sandbox cannot decide (another operator, `...IfExists`, `ForAnyValue:`/`ForAllValues:`, a key the context lacks)
makes an Allow statement grant nothing and a Deny statement apply: never more permissive than AWS.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

Statement = Mapping[str, Any]

IMPLICIT = "implicit"
EXPLICIT_IDENTITY = "explicit-identity"
EXPLICIT_RESOURCE = "explicit-resource"


@dataclass(frozen=True)
class Decision:
    """The answer for one action on one resource. `reason`: "allowed", "implicit" (nothing allows it),
    "explicit-identity" / "explicit-resource" (a Deny in an identity / the resource policy)."""

    allowed: bool
    action: str
    resource: str
    principal: str  # the caller as AWS names it in the message (assumed-role session ARN, or the role ARN)
    reason: str = "allowed"

    def __bool__(self) -> bool:
        return self.allowed

    def message(self, *, quote_resource: bool = False) -> str:
        """AWS's access-denied wording
        (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html); S3 quotes the resource
        (https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html)."""
        resource = f'"{self.resource}"' if quote_resource else self.resource
        head = f"User: {self.principal} is not authorized to perform: {self.action} on resource: {resource}"
        if self.reason == EXPLICIT_IDENTITY:
            return f"{head} with an explicit deny in an identity-based policy"
        if self.reason == EXPLICIT_RESOURCE:
            return f"{head} with an explicit deny in a resource-based policy"
        return f"{head} because no identity-based policy allows the {self.action} action"


@dataclass
class RequestContext:
    """Who asks, and the condition keys the sandbox knows for the request (`aws:` keys are case-insensitive)."""

    principal_arn: str  # the role ARN (aws:PrincipalArn)
    session_arn: str  # arn:aws:sts::<account>:assumed-role/<role>/<session>
    account: str
    keys: dict[str, str | list[str]] = field(default_factory=dict)

    def value(self, key: str) -> list[str] | None:
        lowered = {k.lower(): v for k, v in self.keys.items()}
        found = lowered.get(key.lower())
        if found is None:
            return None
        return [str(v) for v in found] if isinstance(found, list) else [str(found)]


def _listed(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, str)]


@lru_cache(maxsize=4096)
def _pattern(text: str, ignore_case: bool) -> re.Pattern[str]:
    """IAM's wildcards: `*` any run of characters (`/` and `:` included), `?` one character."""
    body = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in text)
    return re.compile(f"^{body}$", re.IGNORECASE if ignore_case else 0)


def _like(pattern: str, value: str, *, ignore_case: bool = False) -> bool:
    return bool(_pattern(pattern, ignore_case).match(value))


_VARIABLE = re.compile(r"\$\{([^}]*)\}")
_SPECIAL = {"*": "*", "?": "?", "$": "$"}


def _substitute(text: str, context: RequestContext, *, unknown_as_wildcard: bool) -> str | None:
    """Policy variables (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html).
    An unknown one makes the entry match nothing (None), or anything for a Deny (`unknown_as_wildcard`).
    So do the escapes `${*}`, `${?}`, `${$}` (a Deny reads them as wildcards: at worst it applies more)."""
    missing = False

    def replace(match: re.Match[str]) -> str:
        nonlocal missing
        name = match.group(1)
        if name in _SPECIAL:  # a literal character: an Allow entry with one grants nothing here (rare)
            missing = True
            return _SPECIAL[name]
        name, _, default = name.partition(",")
        values = context.value(name.strip())
        if values:
            return values[0]
        if default:
            return default.strip().strip("'")
        missing = True
        return "*"

    result = _VARIABLE.sub(replace, text)
    if missing and not unknown_as_wildcard:
        return None
    return result


# --- conditions ------------------------------------------------------------------------------------------------

_UNDECIDABLE = None  # a condition the sandbox cannot evaluate


def _string_equals(wanted: list[str], got: list[str], *, ignore_case: bool = False) -> bool:
    if ignore_case:
        return any(w.lower() == g.lower() for w in wanted for g in got)
    return any(w == g for w in wanted for g in got)


def _string_like(wanted: list[str], got: list[str]) -> bool:
    return any(_like(w, g) for w in wanted for g in got)


def _bool(wanted: list[str], got: list[str]) -> bool:
    return any(w.lower() == g.lower() for w in wanted for g in got)


_OPERATORS: dict[str, tuple[Any, bool]] = {  # name -> (test, negated)
    "StringEquals": (_string_equals, False),
    "StringNotEquals": (_string_equals, True),
    "StringEqualsIgnoreCase": (lambda w, g: _string_equals(w, g, ignore_case=True), False),
    "StringNotEqualsIgnoreCase": (lambda w, g: _string_equals(w, g, ignore_case=True), True),
    "StringLike": (_string_like, False),
    "StringNotLike": (_string_like, True),
    "ArnEquals": (_string_like, False),  # ArnEquals takes wildcards too, as ArnLike
    "ArnLike": (_string_like, False),
    "ArnNotEquals": (_string_like, True),
    "ArnNotLike": (_string_like, True),
    "Bool": (_bool, False),
}


def _conditions_hold(conditions: Any, context: RequestContext) -> bool | None:
    """True / False when every condition can be decided, else None."""
    if not conditions:
        return True
    if not isinstance(conditions, Mapping):
        return _UNDECIDABLE
    for operator, pairs in conditions.items():
        if not isinstance(pairs, Mapping):
            return _UNDECIDABLE
        for key, wanted in pairs.items():
            if operator == "Null":  # decided only for keys the context holds (absent ones: undecidable)
                if context.value(key) is None:
                    return _UNDECIDABLE
                if any(str(w).lower() == "true" for w in _as_list(wanted)):
                    return False  # "Null: true" wants the key absent; it is present
                continue
            if operator not in _OPERATORS:
                return _UNDECIDABLE
            got = context.value(key)
            if got is None:
                return _UNDECIDABLE  # a key this sandbox does not know for the request
            test, negated = _OPERATORS[operator]
            hit = test([str(w).lower() if isinstance(w, bool) else str(w) for w in _as_list(wanted)], got)
            if hit == negated:
                return False
    return True


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


# --- statements ------------------------------------------------------------------------------------------------


def _action_matches(statement: Statement, action: str) -> bool:
    if "Action" in statement:
        return any(_like(p, action, ignore_case=True) for p in _listed(statement["Action"]))
    if "NotAction" in statement:
        return not any(_like(p, action, ignore_case=True) for p in _listed(statement["NotAction"]))
    return False


def _resource_matches(statement: Statement, resource: str, context: RequestContext, *, deny: bool) -> bool:
    def any_hit(patterns: list[str]) -> bool:
        for pattern in patterns:
            text = _substitute(pattern, context, unknown_as_wildcard=deny) if "${" in pattern else pattern
            if text is not None and _like(text, resource):
                return True
        return False

    if "Resource" in statement:
        return any_hit(_listed(statement["Resource"]))
    if "NotResource" in statement:
        # An unknown variable in a NotResource of a Deny: the entry excludes nothing (the Deny applies more).
        patterns = [
            p
            for p in _listed(statement["NotResource"])
            if "${" not in p or _substitute(p, context, unknown_as_wildcard=False)
        ]
        return not any_hit(patterns)
    return False


def _principal_matches(statement: Statement, context: RequestContext, *, deny: bool) -> bool:
    """A resource policy's Principal/NotPrincipal for a role session of this account. The account itself
    (`123456789012`, `arn:aws:iam::123456789012:root`) delegates to identity policies: it grants nothing by
    itself, but a Deny naming it applies."""
    ours = {context.principal_arn, context.session_arn}
    account_names = {context.account, f"arn:aws:iam::{context.account}:root"}

    def names(value: Any) -> tuple[list[str], bool]:
        if value == "*":
            return [], True
        if isinstance(value, Mapping):
            aws = _listed(value.get("AWS", []))
            return aws, "*" in aws
        return [], False

    if "Principal" in statement:
        listed, everyone = names(statement["Principal"])
        if everyone or ours & set(listed):
            return True
        return deny and bool(account_names & set(listed))
    if "NotPrincipal" in statement:
        listed, everyone = names(statement["NotPrincipal"])
        excluded = everyone or bool(ours & set(listed)) or bool(account_names & set(listed))
        return deny and not excluded  # an Allow with NotPrincipal: granted nothing here (never more than AWS)
    return False


def _applies(
    statement: Statement, action: str, resource: str, context: RequestContext, *, resource_policy: bool
) -> bool:
    deny = statement.get("Effect") == "Deny"
    if not deny and statement.get("Effect") != "Allow":
        return False
    if resource_policy and not _principal_matches(statement, context, deny=deny):
        return False
    if not _action_matches(statement, action) or not _resource_matches(statement, resource, context, deny=deny):
        return False
    held = _conditions_hold(statement.get("Condition"), context)
    return (held is not False) if deny else bool(held)


def evaluate(
    identity: Sequence[Statement],
    resource_policy: Sequence[Statement],
    action: str,
    resource: str,
    context: RequestContext,
) -> Decision:
    """One action on one resource, for a role session of the resource's account."""
    allowed = False
    for statement in identity:
        if _applies(statement, action, resource, context, resource_policy=False):
            if statement.get("Effect") == "Deny":
                return Decision(False, action, resource, context.session_arn, EXPLICIT_IDENTITY)
            allowed = True
    for statement in resource_policy:
        if _applies(statement, action, resource, context, resource_policy=True):
            if statement.get("Effect") == "Deny":
                return Decision(False, action, resource, context.session_arn, EXPLICIT_RESOURCE)
            allowed = True
    return Decision(allowed, action, resource, context.session_arn, "allowed" if allowed else IMPLICIT)
