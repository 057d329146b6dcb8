"""Push devices: one item per (user, token); a token belongs to one user at a time."""

from __future__ import annotations

from typing import Any

from .. import clock
from ..errors import ValidationError
from ..identity import Caller
from ..repository import devices as devices_repo
from ..validation import text
from . import views

PLATFORMS = frozenset({"APNS", "APNS_SANDBOX", "GCM"})
TOKEN_MAX = 1024  # bytes: the token is the table's sort key (DynamoDB limit 1024 bytes)


def register(caller: Caller, token: Any, platform: Any) -> dict[str, Any]:
    """Idempotent: registering again keeps one item; a token another user had moves to the caller."""
    device_token = _token(token)
    if not isinstance(platform, str) or platform not in PLATFORMS:
        raise ValidationError(f"platform must be one of {', '.join(sorted(PLATFORMS))}")
    for owner in devices_repo.owners_of(device_token):
        if owner != caller.sub:  # the device changed hands (sign-out/sign-in): stop notifying the old user
            devices_repo.delete(owner, device_token)
    return views.device(devices_repo.put(caller.sub, device_token, platform, clock.now_iso()))


def unregister(caller: Caller, token: Any) -> bool:
    """Idempotent: afterwards the token is not registered for the caller; always True."""
    devices_repo.delete(caller.sub, _token(token))
    return True


def list_mine(caller: Caller) -> list[dict[str, Any]]:
    return [views.device(item) for item in devices_repo.list_for_user(caller.sub)]


def _token(value: Any) -> str:
    token = text(value, "token", max_length=TOKEN_MAX)
    if any(character.isspace() for character in token):
        raise ValidationError("token must not contain whitespace")
    if len(token.encode("utf-8")) > TOKEN_MAX:
        raise ValidationError(f"token must be at most {TOKEN_MAX} bytes")
    return token
