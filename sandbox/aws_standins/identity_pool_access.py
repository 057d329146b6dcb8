"""GraphQL callers with identity-pool credentials, as AppSync sees them.

The credentials' session token names the pool, the identity and its kind. A SigV4-signed GraphQL request carrying
it is that role's session: `IdentityPoolAccess.caller` gives it AppSync's IAM identity and lets the role's policy
(the synthesized template's statements) decide which fields it may resolve, `appsync:GraphQL` on
`<api arn>/types/<Type>/fields/<field>` (https://docs.aws.amazon.com/appsync/latest/devguide/
security-authz.html#aws-iam-authorization), so a guest reaches exactly what the guest role grants.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..auth.authz import IAM, Caller
from ..constants import ACCOUNT_ID
from .identity_sessions import AUTHENTICATED, ROLE_SESSION_NAME, UNAUTHENTICATED, PoolSetup, decode_session
from .role_policy import RolePolicy


class InvalidSession(Exception):
    """A sandbox identity-pool session token that no longer names a pool role (AppSync: invalid security token)."""


class IdentityPoolAccess:
    """Turns a sandbox-issued session token into the caller AppSync would see, with its role's field grants."""

    def __init__(
        self,
        pools: Mapping[str, PoolSetup],
        role_policies: Mapping[str, Sequence[Mapping[str, Any]]],
        api_arn: str,
    ) -> None:
        self.pools = dict(pools)
        self.policies = {arn: RolePolicy(statements) for arn, statements in role_policies.items()}
        self.api_arn = api_arn

    def caller(self, session_token: str, source_ip: str = "127.0.0.1") -> Caller | None:
        """None when the token is not one of ours; InvalidSession when it names no pool role (any more)."""
        session = decode_session(session_token)
        if session is None:
            return None
        pool = self.pools.get(session.pool_id)
        role_arn = pool.roles.get(session.kind) if pool else None
        if pool is None or role_arn is None or (session.kind == UNAUTHENTICATED and not pool.allow_unauthenticated):
            raise InvalidSession(f"session of {session.kind} identity {session.identity_id} names no pool role")
        role_name = role_arn.rsplit("/", 1)[-1]
        provider = None
        if session.kind == AUTHENTICATED and session.provider:
            provider = f'"{session.provider}","{session.provider}:CognitoSignIn:{session.subject}"'
        identity = {
            "accountId": ACCOUNT_ID,
            "cognitoIdentityPoolId": session.pool_id,
            "cognitoIdentityId": session.identity_id,
            "cognitoIdentityAuthType": session.kind,
            "cognitoIdentityAuthProvider": provider,
            "sourceIp": [source_ip],
            "username": f"{role_name}:{ROLE_SESSION_NAME}",
            "userArn": f"arn:aws:sts::{ACCOUNT_ID}:assumed-role/{role_name}/{ROLE_SESSION_NAME}",
        }
        policy = self.policies.get(role_arn) or RolePolicy([])
        api_arn = self.api_arn

        def grants(type_name: str, field_name: str) -> bool:
            return policy.allows("appsync:GraphQL", f"{api_arn}/types/{type_name}/fields/{field_name}")

        return Caller(mode=IAM, identity=identity, token=session_token, grants=grants)
