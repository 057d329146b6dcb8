"""The caller, taken from the identity AppSync puts into the event (Cognito user pools)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from .errors import Unauthorized

ADMINS_GROUP = "admins"


# A NamedTuple, not a frozen dataclass: as immutable, and building the class at import costs a third of a
# dataclass's (Lambda runs it on every cold start; docs/cold-start.md).
class Caller(NamedTuple):
    sub: str
    username: str
    groups: frozenset[str]

    @property
    def is_admin(self) -> bool:
        return ADMINS_GROUP in self.groups

    @property
    def media_prefix(self) -> str:
        return f"private/{self.sub}/"


def caller_from(identity: Any) -> Caller:
    """A signed-in Cognito user, or Unauthorized (IAM callers and anonymous events have no ``sub``)."""
    if not isinstance(identity, Mapping):
        raise Unauthorized("A signed-in user is required")
    claims = identity.get("claims")
    claims = claims if isinstance(claims, Mapping) else {}
    sub = identity.get("sub") or claims.get("sub")
    if not isinstance(sub, str) or not sub:
        raise Unauthorized("A signed-in user is required")
    username = identity.get("username") or claims.get("cognito:username") or claims.get("username") or sub
    return Caller(sub=sub, username=str(username), groups=_groups(identity, claims))


def _groups(identity: Mapping[str, Any], claims: Mapping[str, Any]) -> frozenset[str]:
    raw = identity.get("groups")
    if raw is None:
        raw = claims.get("cognito:groups")
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list):
        return frozenset()
    return frozenset(group for group in raw if isinstance(group, str))
