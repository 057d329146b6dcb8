"""Likes table: pk ``postId``, sk ``userId`` — one item per (post, user), which makes liking idempotent."""

from __future__ import annotations

from botocore.exceptions import ClientError

from ..settings import get_settings
from . import dynamo, posts


def _table() -> str:
    return get_settings().likes_table


def like(post_id: str, user_id: str, now: str) -> bool:
    """Record the like and count it; False when this user had already liked the post (nothing changes)."""
    try:
        posts.write_counted_on_post(
            post_id,
            "likeCount",
            {
                "Put": {
                    "TableName": _table(),
                    "Item": dynamo.to_attributes({"postId": post_id, "userId": user_id, "createdAt": now}),
                    "ConditionExpression": "attribute_not_exists(userId)",
                }
            },
        )
    except ClientError as error:
        if dynamo.condition_failed(error, 0):  # the like is there already
            return False
        raise
    return True


def liked_post_ids(user_id: str, post_ids: list[str]) -> set[str]:
    likes = dynamo.batch_get(_table(), [{"postId": pid, "userId": user_id} for pid in post_ids])
    return {like["postId"] for like in likes}


def delete_all_for_post(post_id: str) -> int:
    keys = dynamo.query_all_keys(
        table=_table(), key_condition="postId = :post", values={":post": post_id}, key_attributes=["postId", "userId"]
    )
    return dynamo.batch_delete(_table(), keys)
