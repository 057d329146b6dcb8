"""Cognito JWT verification as AppSync does it, with a locally made RSA key and JWKS."""

from __future__ import annotations

import time
from typing import Any

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet, OctKey, RSAKey

from sandbox.auth.authz import COGNITO, IAM
from sandbox.auth.tokens import Authenticator, AuthError, CognitoTokenVerifier, iam_caller

POOL = "us-east-1_TestPool"
CLIENT = "client-1"
ISSUER = f"https://cognito-idp.us-east-1.amazonaws.com/{POOL}"
KEY = RSAKey.generate_key(2048, parameters={"kid": "k1"})
OTHER_KEY = RSAKey.generate_key(2048, parameters={"kid": "k1"})
JWKS = KeySet([KEY]).as_dict(private=False)


def make_token(key=KEY, alg="RS256", **overrides):
    claims = {
        "sub": "abc",
        "iss": ISSUER,
        "token_use": "access",
        "client_id": CLIENT,
        "username": "abc",
        "exp": int(time.time()) + 600,
        "cognito:groups": ["admins"],
    }
    claims.update(overrides)
    claims = {k: v for k, v in claims.items() if v is not None}
    return jwt.encode({"alg": alg, "kid": "k1"}, claims, key)


@pytest.fixture
def verifier():
    return CognitoTokenVerifier(region="us-east-1", user_pool_id=POOL, client_ids=[CLIENT], jwks=lambda: JWKS)


def test_good_access_token(verifier):
    caller = verifier.caller(make_token())
    assert caller.mode == COGNITO
    assert caller.identity["sub"] == "abc" and caller.identity["issuer"] == ISSUER
    assert caller.groups == frozenset({"admins"}) and caller.identity["groups"] == ["admins"]


def test_good_id_token_uses_aud_and_cognito_username(verifier):
    token = make_token(token_use="id", client_id=None, aud=CLIENT, username=None, **{"cognito:username": "alice"})
    assert verifier.caller(token).identity["username"] == "alice"


@pytest.mark.parametrize(
    "token, message",
    [
        (lambda: make_token(exp=int(time.time()) - 10), "Token has expired."),
        (lambda: make_token(client_id="other-client"), "not authorized"),
        (lambda: make_token(token_use="id", client_id=None, aud="other-client"), "not authorized"),
        (lambda: make_token(token_use="refresh"), "not authorized"),
        (lambda: make_token(token_use=None), "not authorized"),
        (lambda: make_token(iss="https://cognito-idp.us-east-1.amazonaws.com/other"), "not authorized"),
        (lambda: make_token(key=OTHER_KEY), "not authorized"),
        (lambda: make_token(key=OctKey.generate_key(256), alg="HS256"), "not authorized"),
        (lambda: "not.a.jwt", "not authorized"),
    ],
    ids=[
        "expired",
        "wrong-client",
        "wrong-aud",
        "wrong-token-use",
        "no-token-use",
        "wrong-iss",
        "bad-signature",
        "hs256",
        "garbage",
    ],
)
def test_rejected_tokens(verifier, token, message):
    with pytest.raises(AuthError, match=message):
        verifier.caller(token())


def test_jwks_is_refetched_once_for_a_new_key():
    fetched = []
    current = {"jwks": KeySet([OTHER_KEY]).as_dict(private=False)}

    def fetch():
        fetched.append(1)
        return current["jwks"]

    verifier = CognitoTokenVerifier(region="us-east-1", user_pool_id=POOL, client_ids=[CLIENT], jwks=fetch)
    verifier._key_set()  # first fetch: only the old key
    current["jwks"] = JWKS  # then the pool's keys rotate
    assert verifier.caller(make_token()).identity["sub"] == "abc"
    assert len(fetched) == 2


def test_bad_tokens_refetch_the_jwks_at_most_once_per_interval():
    fetched = []

    def fetch():
        fetched.append(1)
        return JWKS

    verifier = CognitoTokenVerifier(region="us-east-1", user_pool_id=POOL, client_ids=[CLIENT], jwks=fetch)
    for _ in range(5):
        with pytest.raises(AuthError):
            verifier.caller(make_token(key=OTHER_KEY))
    assert len(fetched) == 2  # the first fetch, then one refetch for the unknown signature
    assert verifier.caller(make_token()).identity["sub"] == "abc"
    assert len(fetched) == 2


def test_iam_header_must_be_well_formed():
    header = (
        "AWS4-HMAC-SHA256 Credential=AKID/20261125/us-east-1/appsync/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature=" + "0" * 64
    )
    caller = iam_caller(header)
    assert caller.mode == IAM and caller.identity["username"] == "AKID"
    assert caller.identity["userArn"].startswith("arn:aws:iam::123456789012:")
    with pytest.raises(AuthError):
        iam_caller("AWS4-HMAC-SHA256 Credential=AKID, Signature=zz")


def test_authenticator_requires_a_header(verifier):
    authenticator = Authenticator(verifier)
    with pytest.raises(AuthError, match="Valid authorization header not provided"):
        authenticator.authenticate({})
    assert authenticator.authenticate({"authorization": make_token()}).mode == COGNITO


def test_a_token_is_verified_once_then_only_its_expiry_is_checked_again():
    now = [time.time()]
    verifier = CognitoTokenVerifier(
        region="us-east-1", user_pool_id=POOL, client_ids=[CLIENT], jwks=lambda: JWKS, now=lambda: now[0]
    )
    token = make_token(exp=int(now[0]) + 60)
    verifications: list[str] = []
    verify = verifier._verify

    def counted_verify(token: str) -> dict[str, Any]:
        verifications.append(token)
        return verify(token)

    verifier._verify = counted_verify  # type: ignore[method-assign]

    first = verifier.claims(token)
    first["cognito:groups"].append("mutated")  # a caller's change must not reach the cache
    second = verifier.claims(token)
    assert verifications == [token]
    assert second["cognito:groups"] == ["admins"]

    now[0] += 120
    with pytest.raises(AuthError, match=r"Token has expired\."):
        verifier.claims(token)


def test_a_rejected_token_is_not_remembered(verifier):
    token = make_token(client_id="other-client")
    for _ in range(2):
        with pytest.raises(AuthError, match="not authorized"):
            verifier.claims(token)
    assert not verifier._verified
