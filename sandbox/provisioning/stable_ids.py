"""Ids derived from a resource's logical id, set on moto's objects right after creation, so the ids in
amplify_outputs.json stay the same across restarts and resets (moto generates random ones; its HASH strategy
exists only for user pools and clients and hashes the whole config, so any template change would move them).

Formats as AWS shows them: user pool `<region>_<9 alphanumerics>`, app client 26 lowercase alphanumerics,
identity pool `<region>:<uuid>`.
https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html (Id pattern)
https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_CreateIdentityPool.html (IdentityPoolId)
"""

from __future__ import annotations

import hashlib
import string
import uuid

from ..constants import ACCOUNT_ID

_ALNUM = string.ascii_letters + string.digits
_LOWER_ALNUM = string.ascii_lowercase + string.digits


def _digest(*parts: str) -> int:
    return int.from_bytes(hashlib.sha256("/".join(parts).encode()).digest(), "big")


def _encode(number: int, alphabet: str, length: int) -> str:
    out = []
    for _ in range(length):
        number, index = divmod(number, len(alphabet))
        out.append(alphabet[index])
    return "".join(out)


def user_pool_id(region: str, stack: str, logical: str) -> str:
    return f"{region}_{_encode(_digest(stack, logical), _ALNUM, 9)}"


def client_id(stack: str, logical: str) -> str:
    return _encode(_digest(stack, logical), _LOWER_ALNUM, 26)


def identity_pool_id(region: str, stack: str, logical: str) -> str:
    return f"{region}:{uuid.UUID(int=_digest(stack, logical) >> 128, version=4)}"


def rekey_user_pool(region: str, old: str, new: str) -> None:
    from moto.cognitoidp.models import cognitoidp_backends

    backend = cognitoidp_backends[ACCOUNT_ID][region]
    pool = backend.user_pools.pop(old)
    pool.id = new
    pool.arn = pool.arn.replace(old, new)
    backend.user_pools[new] = pool


def rekey_client(region: str, pool_id: str, old: str, new: str) -> None:
    from moto.cognitoidp.models import cognitoidp_backends

    pool = cognitoidp_backends[ACCOUNT_ID][region].user_pools[pool_id]
    client = pool.clients.pop(old)
    client.id = new
    pool.clients[new] = client


def rekey_identity_pool(region: str, old: str, new: str) -> None:
    from moto.cognitoidentity.models import cognitoidentity_backends

    backend = cognitoidentity_backends[ACCOUNT_ID][region]
    pool = backend.identity_pools.pop(old)
    pool.identity_pool_id = new
    backend.identity_pools[new] = pool
    identities = backend.pools_identities.pop(old)  # GetId/ListIdentities look the pool up here as well
    identities["IdentityPoolId"] = new
    backend.pools_identities[new] = identities
