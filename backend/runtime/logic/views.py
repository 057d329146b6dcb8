"""Stored items → the GraphQL object shapes (only schema fields; internal attributes stay inside)."""

from __future__ import annotations

from typing import Any

from . import media

_USER_FIELDS = ("id", "username", "displayName", "bio", "avatarKey", "postCount", "createdAt", "updatedAt")
_COMMENT_FIELDS = ("id", "postId", "authorId", "content", "createdAt")
_DEVICE_FIELDS = ("token", "platform", "createdAt")


def user(item: dict[str, Any]) -> dict[str, Any]:
    view = {name: item.get(name) for name in _USER_FIELDS}
    view["postCount"] = int(item.get("postCount") or 0)
    return view


def post(item: dict[str, Any]) -> dict[str, Any]:
    """A Post; ``imageUrl`` is derived here so every field that returns a Post carries it."""
    return {
        "id": item["id"],
        "authorId": item["authorId"],
        "title": item["title"],
        "content": item["content"],
        "imageKey": item.get("imageKey"),
        "imageUrl": media.presigned_get(item.get("imageKey")),
        "status": item.get("status") or "PUBLISHED",
        "likeCount": int(item.get("likeCount") or 0),
        "commentCount": int(item.get("commentCount") or 0),
        "version": int(item["version"]),
        "createdAt": item["createdAt"],
        "updatedAt": item["updatedAt"],
    }


def comment(item: dict[str, Any]) -> dict[str, Any]:
    return {name: item.get(name) for name in _COMMENT_FIELDS}


def device(item: dict[str, Any]) -> dict[str, Any]:
    return {name: item.get(name) for name in _DEVICE_FIELDS}


def connection(items: list[dict[str, Any]], next_token: str | None) -> dict[str, Any]:
    return {"items": items, "nextToken": next_token}
