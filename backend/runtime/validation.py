"""Input checks with messages a client developer can act on. Every failure is a ValidationError."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .errors import ValidationError
from .identity import Caller

TITLE_MAX = 200
POST_CONTENT_MAX = 10_000
COMMENT_MAX = 2_000
DISPLAY_NAME_MAX = 100
BIO_MAX = 1_000
ID_MAX = 128
MEDIA_KEY_MAX = 512
DEFAULT_LIMIT = 20
MAX_LIMIT = 100

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MEDIA_TAIL = re.compile(r"^[A-Za-z0-9._-]+$")


def input_object(value: Any, name: str = "input") -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ValidationError(f"{name} must be an object")
    return value


def text(value: Any, name: str, *, max_length: int, min_length: int = 1) -> str:
    """A string whose trimmed length is within bounds; returned trimmed."""
    if not isinstance(value, str):
        raise ValidationError(f"{name} must be a string")
    _ensure_encodable(value, name)
    trimmed = value.strip()
    if len(trimmed) < min_length:
        raise ValidationError(
            f"{name} must not be empty" if min_length == 1 else f"{name} must be at least {min_length} characters"
        )
    if len(trimmed) > max_length:
        raise ValidationError(f"{name} must be at most {max_length} characters")
    return trimmed


def identifier(value: Any, name: str = "id") -> str:
    if not isinstance(value, str) or not value:
        raise ValidationError(f"{name} is required")
    _ensure_encodable(value, name)
    if len(value) > ID_MAX or _CONTROL.search(value) or value != value.strip():
        raise ValidationError(f"{name} is not a valid id")
    return value


def integer(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{name} must be an integer")
    return value


def limit(value: Any) -> int:
    """Page size: default 20, clamped to 1..100."""
    if value is None:
        return DEFAULT_LIMIT
    return max(1, min(MAX_LIMIT, integer(value, "limit")))


def optional_token(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValidationError("nextToken must be a string")
    return value


def media_key(value: Any, caller: Caller, name: str) -> str:
    """An S3 key under the caller's own ``private/<sub>/`` prefix, one path segment deep."""
    if not isinstance(value, str):
        raise ValidationError(f"{name} must be a string")
    _ensure_encodable(value, name)
    tail = value[len(caller.media_prefix) :] if value.startswith(caller.media_prefix) else None
    if tail is None:
        raise ValidationError(f"{name} must be under your own upload prefix {caller.media_prefix}")
    if len(value) > MEDIA_KEY_MAX or not _MEDIA_TAIL.match(tail) or tail in {".", ".."}:
        raise ValidationError(f"{name} is not a key returned by createUploadUrl")
    return value


def _ensure_encodable(value: str, name: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(f"{name} contains invalid characters") from None
