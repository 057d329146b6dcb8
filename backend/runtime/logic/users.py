"""Profiles: created on first use, read, updated; batch lookup for nested ``author`` fields."""

from __future__ import annotations

from typing import Any

from .. import clock
from ..errors import DomainError, NotFound, ValidationError
from ..identity import Caller
from ..repository import users as users_repo
from ..validation import BIO_MAX, DISPLAY_NAME_MAX, identifier, input_object, media_key, text
from . import views


def me(caller: Caller) -> dict[str, Any]:
    """The caller's profile; created on the spot for a first-time user, so this never fails when signed in."""
    item = users_repo.get(caller.sub) or users_repo.create_if_missing(caller.sub, caller.username, clock.now_iso())
    return views.user(item)


def ensure_profile(user_id: str, username: str) -> dict[str, Any]:
    """For the Cognito post-confirmation trigger."""
    return views.user(users_repo.create_if_missing(user_id, username, clock.now_iso()))


def get_user(user_id: Any) -> dict[str, Any]:
    item = users_repo.get(identifier(user_id))
    if not item:
        raise NotFound("User not found")
    return views.user(item)


def update_profile(caller: Caller, raw_input: Any) -> dict[str, Any]:
    data = input_object(raw_input)
    changes: dict[str, str] = {}
    removals: list[str] = []
    # Absent = unchanged; explicit null = clear the field.
    for name, max_length in (("displayName", DISPLAY_NAME_MAX), ("bio", BIO_MAX)):
        if name in data:
            if data[name] is None:
                removals.append(name)
            else:
                changes[name] = text(data[name], name, max_length=max_length)
    if "avatarKey" in data:
        if data["avatarKey"] is None:
            removals.append("avatarKey")
        else:
            changes["avatarKey"] = media_key(data["avatarKey"], caller, "avatarKey")
    if not changes and not removals:
        raise ValidationError("input must change at least one of displayName, bio, avatarKey")
    item = users_repo.update_profile(caller.sub, caller.username, clock.now_iso(), changes, removals)
    return views.user(item)


def authors(author_ids: list[Any]) -> list[dict[str, Any] | DomainError]:
    """One user (or a NotFound) per requested id, read with one BatchGetItem per 100 distinct ids."""
    wanted = [author_id for author_id in author_ids if isinstance(author_id, str) and author_id]
    found = users_repo.batch_get(list(dict.fromkeys(wanted))) if wanted else {}
    results: list[dict[str, Any] | DomainError] = []
    for author_id in author_ids:
        item = found.get(author_id) if isinstance(author_id, str) else None
        results.append(views.user(item) if item else NotFound("Author not found"))
    return results
