"""Opaque, tamper-evident ``nextToken`` values bound to one query scope.

token = base64url(JSON payload) "." base64url(HMAC-SHA256(key, scope + payload)). The HMAC key is the
SecretString of the secret named by PAGINATION_SECRET_ARN, fetched once per process. Binding the scope
(e.g. ``feed`` or ``author#<id>``) into the MAC means a token from one key space is refused in another.
``read_page`` is the round trip every paged list makes: token → start key → page → token.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from collections.abc import Mapping
from functools import cache
from typing import Any, Protocol

from . import aws
from .errors import ConfigurationError, ValidationError
from .settings import get_settings

_MAX_TOKEN_LENGTH = 4096
_INVALID = "nextToken is invalid or does not belong to this query"


@cache
def _signing_key() -> bytes:
    secret = aws.client("secretsmanager").get_secret_value(SecretId=get_settings().pagination_secret_arn)
    value = secret.get("SecretString") or ""
    if len(value) < 16:
        raise ConfigurationError("pagination secret is missing or too short")
    return value.encode("utf-8")


def reset() -> None:
    _signing_key.cache_clear()


def encode(scope: str, key: Mapping[str, str]) -> str:
    payload = json.dumps(dict(key), separators=(",", ":"), sort_keys=True).encode("utf-8")
    return f"{_b64(payload)}.{_b64(_mac(scope, payload))}"


def decode(token: str | None, scope: str, key_attributes: frozenset[str]) -> dict[str, str] | None:
    """The exclusive start key a token carries, or None for the first page; ValidationError if forged."""
    if token is None:
        return None
    if len(token) > _MAX_TOKEN_LENGTH or token.count(".") != 1:
        raise ValidationError(_INVALID)
    encoded_payload, encoded_mac = token.split(".")
    try:
        payload = _unb64(encoded_payload)
        mac = _unb64(encoded_mac)
    except (binascii.Error, ValueError):
        raise ValidationError(_INVALID) from None
    if not hmac.compare_digest(mac, _mac(scope, payload)):
        raise ValidationError(_INVALID)
    key = json.loads(payload)
    # Signed by us, but check the shape anyway so a key-schema change can never feed junk to DynamoDB.
    if (
        not isinstance(key, dict)
        or set(key) != key_attributes
        or not all(isinstance(value, str) and value for value in key.values())
    ):
        raise ValidationError(_INVALID)
    return key


class Listing(Protocol):
    """What a paged list reads from (repository.dynamo.PartitionListing)."""

    @property
    def key_attributes(self) -> frozenset[str]: ...

    def page(
        self, partition: str, limit: int, start_key: Mapping[str, str] | None
    ) -> tuple[list[dict[str, Any]], dict[str, str] | None]: ...


def read_page(
    listing: Listing, partition: str, *, scope: str, limit: int, next_token: str | None
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of ``partition`` after the position ``next_token`` carries (None: from the start), and the token
    for the page after it (None: this was the last page). Tokens are bound to ``scope``."""
    start = decode(next_token, scope, listing.key_attributes)
    items, last_key = listing.page(partition, limit, start)
    return items, (encode(scope, last_key) if last_key else None)


def _mac(scope: str, payload: bytes) -> bytes:
    return hmac.new(_signing_key(), scope.encode("utf-8") + b"\n" + payload, hashlib.sha256).digest()


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    if not text.isascii():
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
