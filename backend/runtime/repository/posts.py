"""Posts table: pk ``id``; GSIs ``byFeed`` (feed="ALL", createdAt) and ``byAuthor`` (authorId, createdAt)."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from .. import aws
from ..errors import ConflictError, NotFound
from ..settings import get_settings
from . import dynamo, users

FEED_PARTITION = "ALL"


def _table() -> str:
    return get_settings().posts_table


FEED = dynamo.PartitionListing(
    _table, "feed", frozenset({"id", "feed", "createdAt"}), index="byFeed", newest_first=True
)
BY_AUTHOR = dynamo.PartitionListing(
    _table, "authorId", frozenset({"id", "authorId", "createdAt"}), index="byAuthor", newest_first=True
)


def get(post_id: str, *, consistent: bool = False) -> dict[str, Any] | None:
    return dynamo.get(_table(), {"id": post_id}, consistent=consistent)


def create(post: dict[str, Any], username: str) -> None:
    """Write the post and count it on the author's profile (creating the profile if needed), atomically."""
    dynamo.transact(
        [
            {
                "Put": {
                    "TableName": _table(),
                    "Item": dynamo.to_attributes(post),
                    "ConditionExpression": "attribute_not_exists(id)",
                }
            },
            users.upsert_with_post_delta(post["authorId"], username, post["createdAt"], 1),
        ]
    )


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
        dynamo.transact(
            [
                {
                    "Delete": {
                        "TableName": _table(),
                        "Key": dynamo.to_attributes({"id": post["id"]}),
                        "ConditionExpression": "attribute_exists(id)",
                    }
                },
                users.decrement_post_count(post["authorId"]),
            ]
        )
    except ClientError as error:
        if dynamo.condition_failed(error, 0):
            raise NotFound("Post not found") from None
        raise


def write_counted_on_post(post_id: str, counter: str, write: dict[str, Any], *more: dict[str, Any]) -> None:
    """Make ``write`` (and ``more``) and +1 on the post's ``counter`` in one transaction, while the post exists.

    NotFound when it does not; a failed condition of ``write`` itself is re-raised for the caller to judge.
    """
    try:
        dynamo.transact([write, _counter_increment(post_id, counter), *more])
    except ClientError as error:
        if dynamo.condition_failed(error, 1):
            raise NotFound("Post not found") from None
        raise


def _counter_increment(post_id: str, counter: str) -> dict[str, Any]:
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
