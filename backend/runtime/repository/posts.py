"""Posts table: pk ``id``; GSIs ``byFeed`` (feed="ALL", createdAt) and ``byAuthor`` (authorId, createdAt)."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from .. import aws
from ..errors import ConflictError, NotFound
from ..settings import get_settings
from . import dynamo, users

FEED_PARTITION = "ALL"
FEED_KEY = frozenset({"id", "feed", "createdAt"})
AUTHOR_KEY = frozenset({"id", "authorId", "createdAt"})


def _table() -> str:
    return get_settings().posts_table


def get(post_id: str, *, consistent: bool = False) -> dict[str, Any] | None:
    return dynamo.get(_table(), {"id": post_id}, consistent=consistent)


def create(post: dict[str, Any], username: str) -> None:
    """Write the post and count it on the author's profile (creating the profile if needed), atomically."""
    dynamo.transact([
        {
            "Put": {
                "TableName": _table(),
                "Item": dynamo.to_attributes(post),
                "ConditionExpression": "attribute_not_exists(id)",
            }
        },
        users.upsert_with_post_delta(post["authorId"], username, post["createdAt"], 1),
    ])


def update(
    post_id: str, expected_version: int, now: str, changes: dict[str, Any], removals: list[str]
) -> dict[str, Any]:
    """Apply changes iff the stored version is ``expected_version``; the version grows by exactly one."""
    sets = ["version = version + :one", "updatedAt = :now"]
    values: dict[str, Any] = {":one": 1, ":now": now, ":expected": expected_version}
    expression, names = dynamo.set_and_remove(sets, values, changes, removals)
    try:
        response = aws.dynamodb().update_item(
            TableName=_table(),
            Key=dynamo.to_attributes({"id": post_id}),
            UpdateExpression=expression,
            ConditionExpression="attribute_exists(id) AND version = :expected",
            ExpressionAttributeValues=dynamo.to_attributes(values),
            **names,
            ReturnValues="ALL_NEW",
            ReturnValuesOnConditionCheckFailure="ALL_OLD",
        )
    except ClientError as error:
        if not dynamo.is_conditional_failure(error):
            raise
        if error.response.get("Item"):
            raise ConflictError("The post was changed by someone else; reload it and try again") from None
        raise NotFound("Post not found") from None
    return dynamo.from_attributes(response["Attributes"])


def delete(post: dict[str, Any]) -> None:
    """Remove the post and uncount it on its author's profile, atomically. Comments/likes: stream cascade."""
    try:
        dynamo.transact([
            {
                "Delete": {
                    "TableName": _table(),
                    "Key": dynamo.to_attributes({"id": post["id"]}),
                    "ConditionExpression": "attribute_exists(id)",
                }
            },
            users.decrement_post_count(post["authorId"]),
        ])
    except ClientError as error:
        codes = dynamo.cancellation_codes(error)
        if codes and codes[0] == "ConditionalCheckFailed":
            raise NotFound("Post not found") from None
        raise


def counter_increment(post_id: str, counter: str) -> dict[str, Any]:
    """Transaction item: +1 on a post counter, only while the post exists."""
    return {
        "Update": {
            "TableName": _table(),
            "Key": dynamo.to_attributes({"id": post_id}),
            "UpdateExpression": f"SET {counter} = if_not_exists({counter}, :zero) + :one",
            "ConditionExpression": "attribute_exists(id)",
            "ExpressionAttributeValues": dynamo.to_attributes({":zero": 0, ":one": 1}),
        }
    }


def list_feed(limit: int, start_key: dict[str, str] | None) -> tuple[list[dict[str, Any]], dict[str, str] | None]:
    return dynamo.query_page(
        table=_table(),
        index="byFeed",
        key_condition="feed = :feed",
        values={":feed": FEED_PARTITION},
        key_attributes=FEED_KEY,
        limit=limit,
        start_key=start_key,
        newest_first=True,
    )


def list_by_author(
    author_id: str, limit: int, start_key: dict[str, str] | None
) -> tuple[list[dict[str, Any]], dict[str, str] | None]:
    return dynamo.query_page(
        table=_table(),
        index="byAuthor",
        key_condition="authorId = :author",
        values={":author": author_id},
        key_attributes=AUTHOR_KEY,
        limit=limit,
        start_key=start_key,
        newest_first=True,
    )
