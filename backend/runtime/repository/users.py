"""Users table: pk ``id``."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from .. import aws
from ..settings import get_settings
from . import dynamo


def _table() -> str:
    return get_settings().users_table


def get(user_id: str) -> dict[str, Any] | None:
    return dynamo.get(_table(), {"id": user_id})


def batch_get(user_ids: list[str]) -> dict[str, dict[str, Any]]:
    return {user["id"]: user for user in dynamo.batch_get(_table(), [{"id": uid} for uid in user_ids])}


def create_if_missing(user_id: str, username: str, now: str) -> dict[str, Any]:
    """The profile, created with defaults unless it already exists (safe to race with itself)."""
    item = new_profile(user_id, username, now)
    try:
        aws.dynamodb().put_item(
            TableName=_table(),
            Item=dynamo.to_attributes(item),
            ConditionExpression="attribute_not_exists(id)",
        )
        return item
    except ClientError as error:
        if not dynamo.is_conditional_failure(error):
            raise
    return dynamo.get(_table(), {"id": user_id}, consistent=True) or item


def new_profile(user_id: str, username: str, now: str) -> dict[str, Any]:
    return {"id": user_id, "username": username, "postCount": 0, "createdAt": now, "updatedAt": now}


def update_profile(
    user_id: str, username: str, now: str, changes: dict[str, str], removals: list[str]
) -> dict[str, Any]:
    """Apply profile changes, creating the profile first if it did not exist yet."""
    sets = [
        "username = if_not_exists(username, :username)",
        "postCount = if_not_exists(postCount, :zero)",
        "createdAt = if_not_exists(createdAt, :now)",
        "updatedAt = :now",
    ]
    values: dict[str, Any] = {":username": username, ":zero": 0, ":now": now}
    expression, names = dynamo.set_and_remove(sets, values, changes, removals)
    response = aws.dynamodb().update_item(
        TableName=_table(),
        Key=dynamo.to_attributes({"id": user_id}),
        UpdateExpression=expression,
        ExpressionAttributeValues=dynamo.to_attributes(values),
        **names,
        ReturnValues="ALL_NEW",
    )
    return dynamo.from_attributes(response["Attributes"])


def upsert_with_post_delta(user_id: str, username: str, now: str, delta: int) -> dict[str, Any]:
    """Transaction item: make sure the profile exists and move ``postCount`` by ``delta`` (0, +1)."""
    return {
        "Update": {
            "TableName": _table(),
            "Key": dynamo.to_attributes({"id": user_id}),
            "UpdateExpression": (
                "SET username = if_not_exists(username, :username), createdAt = if_not_exists(createdAt, :now),"
                " updatedAt = if_not_exists(updatedAt, :now), postCount = if_not_exists(postCount, :zero) + :delta"
            ),
            "ExpressionAttributeValues": dynamo.to_attributes(
                {":username": username, ":now": now, ":zero": 0, ":delta": delta}
            ),
        }
    }


def decrement_post_count(user_id: str) -> dict[str, Any]:
    """Transaction item: one post fewer; refuses to go below zero."""
    return {
        "Update": {
            "TableName": _table(),
            "Key": dynamo.to_attributes({"id": user_id}),
            "UpdateExpression": "SET postCount = postCount - :one",
            "ConditionExpression": "postCount >= :one",
            "ExpressionAttributeValues": dynamo.to_attributes({":one": 1}),
        }
    }
