"""The session token of sandbox-issued identity-pool credentials: it names the pool, the identity and its kind.

identity_pool.py issues it with the role's credentials; identity_pool_access.py reads it back on a signed request.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

SESSION_PREFIX = "sandbox-cognito-identity."
ROLE_SESSION_NAME = "CognitoIdentityCredentials"  # what AppSync shows in the caller's userArn for such sessions
AUTHENTICATED, UNAUTHENTICATED = "authenticated", "unauthenticated"


@dataclass(frozen=True)
class PoolSetup:
    """One identity pool as the template configures it."""

    allow_unauthenticated: bool
    providers: Mapping[str, Sequence[str]] = field(default_factory=dict)  # provider name -> app client ids
    roles: Mapping[str, str] = field(default_factory=dict)  # "authenticated" | "unauthenticated" -> role ARN

    @classmethod
    def from_provisioned(cls, raw: Mapping[str, Any]) -> PoolSetup:
        return cls(
            allow_unauthenticated=bool(raw.get("allow_unauthenticated")),
            providers={name: tuple(clients) for name, clients in (raw.get("providers") or {}).items()},
            roles=dict(raw.get("roles") or {}),
        )


@dataclass(frozen=True)
class Session:
    pool_id: str
    identity_id: str
    kind: str  # AUTHENTICATED | UNAUTHENTICATED
    provider: str | None = None  # authenticated: the login's provider and the user's sub there
    subject: str | None = None


def encode_session(session: Session) -> str:
    body = {"pool": session.pool_id, "identity": session.identity_id, "kind": session.kind}
    if session.provider and session.subject:
        body.update(provider=session.provider, sub=session.subject)
    raw = json.dumps(body, separators=(",", ":")).encode()
    return SESSION_PREFIX + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_session(token: str) -> Session | None:
    """The session a sandbox-issued token names, or None for any other token (e.g. an assumed role's)."""
    if not token.startswith(SESSION_PREFIX):
        return None
    encoded = token[len(SESSION_PREFIX) :]
    try:
        body = json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    except (ValueError, binascii.Error):
        return None
    if not isinstance(body, dict) or body.get("kind") not in (AUTHENTICATED, UNAUTHENTICATED):
        return None
    pool, identity, provider, subject = (body.get(key) for key in ("pool", "identity", "provider", "sub"))
    if not isinstance(pool, str) or not isinstance(identity, str):
        return None
    login = (provider, subject) if isinstance(provider, str) and isinstance(subject, str) else (None, None)
    return Session(pool, identity, body["kind"], *login)
