"""Who issued an access key id, and its secret: moto's STS sessions and IAM users' keys, or the sandbox's dummy keys.

Signatures (sigv4.py, s3_signatures.py) are recomputed with the secret found here; an unknown key id is refused.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ..constants import ACCOUNT_ID

# The sandbox's own dummy keys (moto_host/moto_server.py DUMMY_CREDENTIALS): what the runtime signs its presigned
# URLs with, and what the integration suite's IAM caller uses. Session tokens that may come with them.
STATIC_KEYS: dict[str, tuple[str, frozenset[str | None]]] = {"testing": ("testing", frozenset({None, "testing"}))}


@dataclass(frozen=True)
class Issued:
    """Credentials the sandbox (or moto) issued for an access key id."""

    access_key_id: str
    secret: str
    tokens: frozenset[str | None]  # the session tokens that go with it
    expires: float | None = None  # epoch seconds
    principal_arn: str | None = None  # the assumed role or user, for IAM checks
    role_arn: str | None = None


def lookup(access_key_id: str) -> Issued | None:
    """The secret and session token moto or the sandbox issued for this key id; None when nobody did."""
    static = STATIC_KEYS.get(access_key_id)
    if static is not None:
        return Issued(access_key_id, static[0], static[1], principal_arn=f"arn:aws:iam::{ACCOUNT_ID}:root")
    try:
        from moto.iam.models import iam_backends
        from moto.sts.models import sts_backends
    except ImportError:  # pragma: no cover - moto is a dependency of the sandbox
        return None
    for partition in ("aws",):
        for role in list(sts_backends[ACCOUNT_ID][partition].assumed_roles):
            if role.access_key_id == access_key_id:
                expires = role.expiration.replace(tzinfo=datetime.UTC).timestamp()
                return Issued(
                    access_key_id,
                    role.secret_access_key,
                    frozenset({role.session_token}),
                    expires,
                    principal_arn=role.arn,
                    role_arn=role.role_arn,
                )
        iam = iam_backends[ACCOUNT_ID][partition]
        for user in list(iam.users.values()):
            for key in list(user.access_keys):
                if key.access_key_id == access_key_id and key.status == "Active":
                    return Issued(access_key_id, key.secret_access_key, frozenset({None}), principal_arn=user.arn)
    return None
