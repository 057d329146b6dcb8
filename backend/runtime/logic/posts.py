"""Posts: create, read, feeds, update with optimistic locking, delete, like."""

from __future__ import annotations

import uuid
from typing import Any

from .. import clock
from ..errors import DomainError, NotFound, Unauthorized, ValidationError
from ..identity import Caller
from ..repository import likes as likes_repo
from ..repository import posts as posts_repo
from ..validation import (
    POST_CONTENT_MAX,
    TITLE_MAX,
    identifier,
    input_object,
    integer,
    media_key,
    text,
)
from . import views
from .paging import connection_page

FEED_SCOPE = "feed"


def author_scope(author_id: str) -> str:
    return f"author#{author_id}"


def get_post(post_id: Any) -> dict[str, Any]:
    item = posts_repo.get(identifier(post_id))
    if not item:
        raise NotFound("Post not found")
    return views.post(item)


def list_feed(limit: Any, next_token: Any) -> dict[str, Any]:
    return connection_page(
        posts_repo.FEED,
        posts_repo.FEED_PARTITION,
        scope=FEED_SCOPE,
        limit=limit,
        next_token=next_token,
        view=views.post,
    )


def list_by_author(author_id: Any, limit: Any, next_token: Any) -> dict[str, Any]:
    author = identifier(author_id, "authorId")
    return connection_page(
        posts_repo.BY_AUTHOR, author, scope=author_scope(author), limit=limit, next_token=next_token, view=views.post
    )


def create_post(caller: Caller, raw_input: Any) -> dict[str, Any]:
    data = input_object(raw_input)
    claimed_author = data.get("authorId")
    if claimed_author is not None and claimed_author != caller.sub:
        raise Unauthorized("authorId must be your own user id")
    now = clock.now_iso()
    item = {
        "id": str(uuid.uuid4()),
        "feed": posts_repo.FEED_PARTITION,
        "authorId": caller.sub,
        "title": text(data.get("title"), "title", max_length=TITLE_MAX),
        "content": text(data.get("content"), "content", max_length=POST_CONTENT_MAX),
        "imageKey": None if data.get("imageKey") is None else media_key(data["imageKey"], caller, "imageKey"),
        "status": "PUBLISHED",
        "likeCount": 0,
        "commentCount": 0,
        "version": 1,
        "createdAt": now,
        "updatedAt": now,
    }
    posts_repo.create(item, caller.username)
    return views.post(item)


def update_post(caller: Caller, raw_input: Any) -> dict[str, Any]:
    data = input_object(raw_input)
    post_id = identifier(data.get("id"))
    expected_version = integer(data.get("expectedVersion"), "expectedVersion")
    if expected_version < 1:
        raise ValidationError("expectedVersion must be at least 1")
    changes: dict[str, Any] = {}
    removals: list[str] = []
    if data.get("title") is not None:
        changes["title"] = text(data["title"], "title", max_length=TITLE_MAX)
    if data.get("content") is not None:
        changes["content"] = text(data["content"], "content", max_length=POST_CONTENT_MAX)
    if "imageKey" in data:  # explicit null removes the image
        if data["imageKey"] is None:
            removals.append("imageKey")
        else:
            changes["imageKey"] = media_key(data["imageKey"], caller, "imageKey")
    if not changes and not removals:
        raise ValidationError("input must change at least one of title, content, imageKey")
    _owned_post(caller, post_id)
    return views.post(posts_repo.update(post_id, expected_version, clock.now_iso(), changes, removals))


def delete_post(caller: Caller, post_id: Any) -> dict[str, Any]:
    post = _owned_post(caller, identifier(post_id))
    posts_repo.delete(post)
    return {"id": post["id"]}


def like_post(caller: Caller, post_id: Any) -> dict[str, Any]:
    """Idempotent per user: a second like changes nothing and returns the post as it is."""
    pid = identifier(post_id)
    likes_repo.like(pid, caller.sub, clock.now_iso())
    item = posts_repo.get(pid, consistent=True)
    if item is None:  # deleted right after the like
        raise NotFound("Post not found")
    return views.post(item)


def liked_by(caller: Caller, post_ids: list[Any]) -> list[bool | DomainError]:
    """Whether the caller liked each post: one BatchGetItem on the likes table per 100 posts."""
    valid = [pid for pid in post_ids if isinstance(pid, str) and pid]
    liked = likes_repo.liked_post_ids(caller.sub, list(dict.fromkeys(valid))) if valid else set()
    return [pid in liked if isinstance(pid, str) and pid else ValidationError("Post id missing") for pid in post_ids]


def _owned_post(caller: Caller, post_id: str) -> dict[str, Any]:
    post = posts_repo.get(post_id, consistent=True)
    if post is None:
        raise NotFound("Post not found")
    if post["authorId"] != caller.sub and not caller.is_admin:
        raise Unauthorized("Only the author or an admin may change this post")
    return post
