"""Caller authentication as AppSync does it: Cognito JWTs checked against the pool's JWKS, or SigV4 for IAM.

IAM: `Authenticator.authenticate` verifies an `AWS4-HMAC-SHA256` signature over the request it signs (method,
path, body, signed headers) with the secret moto or the sandbox issued for its access key (auth/sigv4.py) before
`iam_caller` turns it into a caller. Credentials from the sandbox's identity pool are recognized by their session
token (`X-Amz-Security-Token`) and authorized by their role's policy, as AppSync would
(aws_standins/identity_pool_access.py).
"""

from __future__ import annotations

import copy
import json
import logging
import re
import threading
import time
import urllib.request
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from joserfc import jwt
from joserfc.errors import ExpiredTokenError, JoseError
from joserfc.jwk import KeySet

from ..aws_standins.identity_pool_access import IdentityPoolAccess, InvalidSession
from ..constants import ACCOUNT_ID
from .authz import COGNITO, IAM, Caller

if TYPE_CHECKING:
    from .sigv4 import SignedRequest

_SIGV4_RE = re.compile(
    r"^AWS4-HMAC-SHA256 Credential=(?P<akid>[^/\s,]+)/(?P<date>\d{8})/(?P<region>[^/\s,]+)/(?P<service>[^/\s,]+)"
    r"/aws4_request,\s*SignedHeaders=(?P<signed>[a-z0-9;-]+),\s*Signature=(?P<signature>[0-9a-f]{64})$"
)


log = logging.getLogger("sandbox.auth")

VERIFIED_TOKENS = 1024  # tokens whose signature and fixed claims were checked, kept until they expire


class AuthError(Exception):
    """The request is not authenticated (HTTP 401 UnauthorizedException). The message is AppSync's; `reason`
    says why, for the sandbox's log only, and never contains the token."""

    def __init__(self, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason or message


def fetch_jwks_over_http(url: str) -> Callable[[], dict[str, Any]]:
    def fetch() -> dict[str, Any]:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback moto URL
            return json.load(response)

    return fetch


class CognitoTokenVerifier:
    """Verifies Cognito access and id tokens: RS256 signature (JWKS), exp, iss, token_use, client_id/aud."""

    def __init__(
        self,
        *,
        region: str,
        user_pool_id: str,
        client_ids: Iterable[str],
        jwks: Callable[[], Mapping[str, Any]],
        now: Callable[[], float] = time.time,
        refetch_interval_s: float = 60.0,
    ) -> None:
        self.issuer = f"https://cognito-idp.{region}.amazonaws.com/{user_pool_id}"
        self.client_ids = frozenset(client_ids)
        self._fetch_jwks = jwks
        self._now = now
        self._keys: KeySet | None = None
        self._lock = threading.Lock()
        self._refetch_interval_s = refetch_interval_s
        self._last_refetch: float | None = None
        # token -> its checked claims. A client sends the same token with every request until it expires; all
        # that can change for it is the time, so a cached token only has `exp` checked again.
        self._verified: OrderedDict[str, dict[str, Any]] = OrderedDict()

    def _key_set(self, refresh: bool = False) -> KeySet:
        with self._lock:
            if refresh:
                # A refetch is a blocking call to moto: a stream of bad tokens gets at most one per interval.
                recent = (
                    self._last_refetch is not None and time.monotonic() - self._last_refetch < self._refetch_interval_s
                )
                if recent and self._keys is not None:
                    return self._keys
                self._last_refetch = time.monotonic()
            if self._keys is None or refresh:
                self._keys = KeySet.import_key_set(dict(self._fetch_jwks()))  # type: ignore[arg-type]
            return self._keys

    def _decode(self, token: str) -> jwt.Token:
        try:
            return jwt.decode(token, self._key_set(), algorithms=["RS256"])
        except (JoseError, ValueError):
            # Unknown kid may mean rotated keys: refetch once, then give up.
            try:
                return jwt.decode(token, self._key_set(refresh=True), algorithms=["RS256"])
            except (JoseError, ValueError) as exc:
                reason = f"bad signature or unknown key ({type(exc).__name__})"
                if token.count(".") != 2:
                    reason = "not a JWT"
                raise AuthError("You are not authorized to make this call.", reason) from exc

    def claims(self, token: str) -> dict[str, Any]:
        with self._lock:
            cached = self._verified.get(token)
            if cached is not None:
                self._verified.move_to_end(token)
        if cached is not None:
            if cached["exp"] < int(self._now()):  # as joserfc's exp check, without leeway
                raise AuthError("Token has expired.", "expired")
            return copy.deepcopy(cached)  # callers put the claims into events the runtime may change
        claims = self._verify(token)
        with self._lock:
            self._verified[token] = claims
            while len(self._verified) > VERIFIED_TOKENS:
                self._verified.popitem(last=False)
        return copy.deepcopy(claims)

    def _verify(self, token: str) -> dict[str, Any]:
        decoded = self._decode(token)
        if decoded.header.get("alg") != "RS256":
            raise AuthError("You are not authorized to make this call.", "not signed with RS256")
        registry = jwt.JWTClaimsRegistry(
            now=lambda: int(self._now()),
            iss={"essential": True, "value": self.issuer},
            exp={"essential": True},
            token_use={"essential": True, "values": ["access", "id"]},
        )
        try:
            registry.validate(decoded.claims)
        except ExpiredTokenError as exc:
            raise AuthError("Token has expired.", "expired") from exc
        except JoseError as exc:
            reason = f"claim check failed: {exc.description or type(exc).__name__}"
            if decoded.claims.get("iss") != self.issuer:
                reason = "issued by another user pool"
            raise AuthError("You are not authorized to make this call.", reason) from exc
        claims = dict(decoded.claims)
        audience = claims.get("client_id") if claims["token_use"] == "access" else claims.get("aud")  # noqa: S105 - a claim's value
        if isinstance(audience, list):
            audience = audience[0] if len(audience) == 1 else None
        if audience not in self.client_ids:
            raise AuthError("You are not authorized to make this call.", "issued to another app client")
        return claims

    def caller(self, token: str, source_ip: str = "127.0.0.1") -> Caller:
        claims = self.claims(token)
        groups = claims.get("cognito:groups") or []
        identity = {
            "sub": claims.get("sub"),
            "issuer": claims.get("iss"),
            "username": claims.get("cognito:username") or claims.get("username"),
            "claims": claims,
            "sourceIp": [source_ip],
            "defaultAuthStrategy": "ALLOW",
            "groups": list(groups) or None,
        }
        return Caller(mode=COGNITO, identity=identity, groups=frozenset(groups), token=token)


def iam_caller(
    authorization: str,
    source_ip: str = "127.0.0.1",
    *,
    session_token: str | None = None,
    identity_pools: IdentityPoolAccess | None = None,
) -> Caller:
    """An IAM caller. Credentials the sandbox's identity pool issued (their session token) are that pool role's
    session, whose policy decides the fields (aws_standins/identity_pool_access.py); any other signature is an IAM
    principal of the account whose policy the sandbox cannot see."""
    match = _SIGV4_RE.match(authorization.strip())
    if not match:
        raise AuthError(
            "The request signature we calculated does not match the signature you provided.", "malformed SigV4 header"
        )
    if session_token and identity_pools is not None:
        try:
            pool_caller = identity_pools.caller(session_token, source_ip)
        except InvalidSession as exc:
            raise AuthError("The security token included in the request is invalid.", str(exc)) from None
        if pool_caller is not None:
            return pool_caller
    akid = match["akid"]
    identity = {
        "accountId": ACCOUNT_ID,
        "cognitoIdentityPoolId": None,
        "cognitoIdentityId": None,
        "cognitoIdentityAuthType": None,
        "cognitoIdentityAuthProvider": None,
        "sourceIp": [source_ip],
        "username": akid,
        "userArn": f"arn:aws:iam::{ACCOUNT_ID}:user/{akid}",
    }
    return Caller(mode=IAM, identity=identity, token=authorization)


class Authenticator:
    """Turns request headers into a Caller (or AuthError), for HTTP and realtime alike."""

    def __init__(self, verifier: CognitoTokenVerifier | None, identity_pools: IdentityPoolAccess | None = None) -> None:
        self.verifier = verifier
        self.identity_pools = identity_pools

    clock: Callable[[], float] = staticmethod(time.time)  # for signature dates

    def authenticate(
        self, headers: Mapping[str, Any], source_ip: str = "127.0.0.1", signed: SignedRequest | None = None
    ) -> Caller:
        """`signed`: the method, path and body a SigV4 signature covers (None: no SigV4 caller can verify)."""
        try:
            return self._authenticate(headers, source_ip, signed)
        except AuthError as exc:
            log.info("rejected a request from %s: %s", source_ip, exc.reason)
            raise

    def _authenticate(self, headers: Mapping[str, Any], source_ip: str, signed: SignedRequest | None) -> Caller:
        if not isinstance(headers, Mapping):
            raise AuthError("Valid authorization header not provided.", "the auth headers are not an object")
        value = next((v for k, v in headers.items() if isinstance(k, str) and k.lower() == "authorization"), "")
        if not value:
            raise AuthError("Valid authorization header not provided.", "missing Authorization header")
        if not isinstance(value, str):
            raise AuthError("Valid authorization header not provided.", "the Authorization header is not a string")
        if value.startswith("AWS4-HMAC-SHA256 "):
            token = next(
                (v for k, v in headers.items() if isinstance(k, str) and k.lower() == "x-amz-security-token"), None
            )
            from .sigv4 import MISMATCH, SignatureError, header_pairs, verify_header_signature

            if signed is None:
                raise SignatureError(MISMATCH, "nothing to verify the signature against", status=403)
            issued = verify_header_signature(value, header_pairs(headers), signed, service="appsync", now=self.clock)
            caller = iam_caller(
                value,
                source_ip,
                session_token=token if isinstance(token, str) else None,
                identity_pools=self.identity_pools,
            )
            if caller.identity.get("cognitoIdentityPoolId") is None and issued.principal_arn:
                caller.identity["userArn"] = issued.principal_arn
            return caller
        if value[:7].lower() == "bearer ":
            raise AuthError("You are not authorized to make this call.", "a 'Bearer' prefix")
        if self.verifier is None:
            raise AuthError("You are not authorized to make this call.", "no user pool is provisioned")
        return self.verifier.caller(value, source_ip)
