"""Identity-pool credentials as Cognito issues them and AppSync authorizes them, for the sandbox.

moto 5.2's Cognito Identity gives every caller the same fixed credentials, guest or signed in, ignores
`AllowUnauthenticatedIdentities` and `Logins`, and its credentials belong to no role. `install()` replaces its
GetId and GetCredentialsForIdentity (in-process: moto's port, the TLS port's `/cognito-identity` front and the
sandbox's own botocore calls all reach them) with the enhanced flow's behaviour for the sandbox's identity pools:

- GetId without `Logins` is refused (NotAuthorizedException) unless the pool allows unauthenticated identities;
  with `Logins`, each login must name one of the pool's providers, with an unexpired ID token issued by that
  provider to one of its app clients (its signature is not checked, as SigV4 signatures are not: README, "Known
  differences from AWS"). The same login gets the same identity id again.
- GetCredentialsForIdentity issues credentials of the role the pool's role attachment gives that kind of identity
  (`authenticated` with `Logins`, else `unauthenticated`), or Cognito's errors: an identity that signed in must
  present its logins, a pool without guests or without that role refuses.
  https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetId.html
  https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetCredentialsForIdentity.html

The credentials' session token (identity_sessions.py) names the pool, the identity and its kind; a SigV4-signed
GraphQL request carrying it is that role's session (identity_pool_access.py).
"""

from __future__ import annotations

import base64
import binascii
import datetime
import json
import re
import threading
import time
import uuid
from collections.abc import Mapping
from typing import Any

from ..constants import ACCOUNT_ID
from .identity_sessions import AUTHENTICATED, ROLE_SESSION_NAME, UNAUTHENTICATED, PoolSetup, Session, encode_session

CREDENTIALS_SECONDS = 3600  # Cognito's credentials last an hour
_IDENTITY_ID = re.compile(r"^[\w-]+:[0-9a-f-]+$")


_lock = threading.Lock()
_pools: dict[str, PoolSetup] = {}
_identities: dict[str, dict[str, Any]] = {}  # identity id -> {"pool", "authenticated"}
_by_login: dict[tuple[str, str, str], str] = {}  # (pool, provider, sub) -> identity id
_installed = False


def configure(pools: Mapping[str, PoolSetup]) -> None:
    """The sandbox's identity pools (empty: moto's own behaviour for every pool again)."""
    with _lock:
        _pools.clear()
        _pools.update(pools)
        _identities.clear()
        _by_login.clear()


def install() -> None:
    """Idempotent; for this process's moto. Pools `configure` does not name keep moto's own behaviour."""
    global _installed
    if _installed:
        return
    from moto.cognitoidentity.responses import CognitoIdentityResponse

    original_get_id = CognitoIdentityResponse.get_id
    original_credentials = CognitoIdentityResponse.get_credentials_for_identity

    def get_id(self: Any) -> str:
        pool_id = self._get_param("IdentityPoolId")
        if pool_id not in _pools:
            return original_get_id(self)
        identity_id, created = _get_id(pool_id, self._get_param("Logins") or {})
        if created:  # ListIdentities (moto's) lists it, as Cognito would
            from moto.cognitoidentity.models import cognitoidentity_backends

            backend = cognitoidentity_backends[self.current_account][pool_id.split(":", 1)[0]]
            backend.pools_identities[pool_id]["Identities"].append({"IdentityId": identity_id})
        return json.dumps({"IdentityId": identity_id})

    def get_credentials_for_identity(self: Any) -> str:
        identity_id = self._get_param("IdentityId")
        with _lock:
            known = identity_id in _identities or (len(_pools) == 1 and _IDENTITY_ID.match(str(identity_id)))
        if not known:
            return original_credentials(self)
        return json.dumps(_credentials(str(identity_id), self._get_param("Logins") or {}))

    CognitoIdentityResponse.get_id = get_id  # type: ignore[method-assign]
    CognitoIdentityResponse.get_credentials_for_identity = get_credentials_for_identity  # type: ignore[method-assign]
    _installed = True


def _error(error_type: str, message: str) -> Exception:
    from moto.core.exceptions import JsonRESTError

    return JsonRESTError(error_type, message)


def _login_subject(pool: PoolSetup, provider: str, token: Any) -> str:
    """The `sub` of a login's ID token, checked as far as the sandbox can: a JWT from one of the pool's providers
    (issuer), for one of its clients (audience), of use `id`, not expired."""
    if provider not in pool.providers:
        raise _error("NotAuthorizedException", f"Invalid login token. Not a valid provider for this pool: {provider}")
    try:
        encoded = str(token).split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    except (IndexError, ValueError, binascii.Error):
        raise _error(
            "NotAuthorizedException", "Invalid login token. Not a valid OpenId Connect identity token."
        ) from None
    if not isinstance(claims, dict) or claims.get("iss") != f"https://{provider}":
        raise _error("NotAuthorizedException", "Invalid login token. Issuer doesn't match providerName")
    if claims.get("token_use") != "id" or claims.get("aud") not in pool.providers[provider]:
        raise _error("NotAuthorizedException", "Invalid login token. Not a valid OpenId Connect identity token.")
    if not isinstance(claims.get("exp"), int) or claims["exp"] <= time.time():
        raise _error("NotAuthorizedException", "Invalid login token. Token expired.")
    return str(claims.get("sub"))


def _get_id(pool_id: str, logins: Mapping[str, Any]) -> tuple[str, bool]:
    """The identity id for these logins (the one they had before, if any), and whether it is new."""
    pool = _pools[pool_id]
    if not logins and not pool.allow_unauthenticated:
        raise _error("NotAuthorizedException", "Unauthenticated access is not supported for this identity pool.")
    subjects = [(provider, _login_subject(pool, provider, token)) for provider, token in logins.items()]
    region = pool_id.split(":", 1)[0]
    with _lock:
        for provider, sub in subjects:
            known = _by_login.get((pool_id, provider, sub))
            if known is not None:
                return known, False
        identity_id = f"{region}:{uuid.uuid4()}"
        _identities[identity_id] = {"pool": pool_id, "authenticated": bool(subjects)}
        for provider, sub in subjects:
            _by_login[(pool_id, provider, sub)] = identity_id
    return identity_id, True


def _credentials(identity_id: str, logins: Mapping[str, Any]) -> dict[str, Any]:
    with _lock:
        record = _identities.get(identity_id)
        if record is None:  # an identity of an earlier run of this sandbox (apps keep their identity id)
            record = {"pool": next(iter(_pools)), "authenticated": bool(logins)}
            _identities[identity_id] = record
    pool = _pools[record["pool"]]
    provider = subject = None
    if logins:
        checked = [(name, _login_subject(pool, name, token)) for name, token in logins.items()]
        provider, subject = checked[0]
        kind = AUTHENTICATED
    elif record["authenticated"]:
        raise _error(
            "NotAuthorizedException", "Logins don't match. Please include at least one valid login for this identity."
        )
    elif not pool.allow_unauthenticated:
        raise _error("NotAuthorizedException", "Unauthenticated access is not supported for this identity pool.")
    else:
        kind = UNAUTHENTICATED
    if kind not in pool.roles:
        raise _error(
            "InvalidIdentityPoolConfigurationException",
            "Invalid identity pool configuration. Check assigned IAM roles for this pool.",
        )
    session = _issue_role_session(
        pool.roles[kind], encode_session(Session(record["pool"], identity_id, kind, provider, subject))
    )
    return {
        "IdentityId": identity_id,
        "Credentials": {
            "AccessKeyId": session.access_key_id,
            "SecretKey": session.secret_access_key,
            "SessionToken": session.session_token,
            "Expiration": session.expiration.replace(tzinfo=datetime.UTC).timestamp(),
        },
    }


def _issue_role_session(role_arn: str, session_token: str) -> Any:
    """New credentials of the pool's role, as moto's STS AssumeRole issues them (a fresh access key and secret
    every time), with the session token naming the identity: moto's backend keeps them, so a SigV4 signature made
    with them can be verified (auth/sigv4.py looks the secret up by access key id)."""
    from moto.sts.models import sts_backends

    backend = sts_backends[ACCOUNT_ID]["aws"]
    role = backend.assume_role(
        region_name=role_arn.split(":")[3] or "us-east-1",
        role_session_name=ROLE_SESSION_NAME,
        role_arn=role_arn,
        policy=None,  # type: ignore[arg-type]  # moto takes None for no session policy
        duration=CREDENTIALS_SECONDS,
        external_id=None,  # type: ignore[arg-type]
    )
    role.session_token = session_token
    return role
