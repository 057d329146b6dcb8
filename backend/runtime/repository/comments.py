"""Comments table: pk ``postId``, sk ``commentKey`` = ``<createdAt>#<id>`` (oldest first)."""

from __future__ import annotations

from typing import Any

from ..settings import get_settings
from . import dynamo, posts, users

KEY = frozenset({"postId", "commentKey"})


def _table() -> str:
    return get_settings().comments_table


FOR_POST = dynamo.PartitionListing(_table, "postId", KEY)


def comment_key(created_at: str, comment_id: str) -> str:
    return f"{created_at}#{comment_id}"


def create(comment: dict[str, Any], username: str) -> None:
    """Write the comment, count it on the post (which must exist) and make sure the author has a profile."""
    posts.write_counted_on_post(
        comment["postId"],
        "commentCount",
        {
            "Put": {
                "TableName": _table(),
                "Item": dynamo.to_attributes(comment),
                "ConditionExpression": "attribute_not_exists(commentKey)",
            }
        },
        users.upsert_with_post_delta(comment["authorId"], username, comment["createdAt"], 0),
    )


def delete_all_for_post(post_id: str) -> int:
    keys = dynamo.query_all_keys(
        table=_table(), key_condition="postId = :post", values={":post": post_id}, key_attributes=sorted(KEY)
    )
    return dynamo.batch_delete(_table(), keys)
