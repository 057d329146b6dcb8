"""Devices table: pk ``userId``, sk ``token``; GSI ``byToken`` (pk ``token``, keys only)."""

from __future__ import annotations

from typing import Any

from .. import aws
from ..settings import get_settings
from . import dynamo


def _table() -> str:
    return get_settings().devices_table


def put(user_id: str, token: str, platform: str, now: str) -> dict[str, Any]:
    """Store the device; re-registering keeps the original ``createdAt``."""
    response = aws.dynamodb().update_item(
        TableName=_table(),
        Key=dynamo.to_attributes({"userId": user_id, "token": token}),
        UpdateExpression="SET platform = :platform, createdAt = if_not_exists(createdAt, :now)",
        ExpressionAttributeValues=dynamo.to_attributes({":platform": platform, ":now": now}),
        ReturnValues="ALL_NEW",
    )
    return dynamo.from_attributes(response["Attributes"])


def owners_of(token: str) -> list[str]:
    """Users that registered ``token`` (normally at most one)."""
    response = aws.dynamodb().query(
        TableName=_table(),
        IndexName="byToken",
        KeyConditionExpression="#token = :token",
        ExpressionAttributeNames={"#token": "token"},  # TOKEN is a DynamoDB reserved word
        ExpressionAttributeValues=dynamo.to_attributes({":token": token}),
    )
    return [dynamo.from_attributes(item)["userId"] for item in response.get("Items", [])]


def delete(user_id: str, token: str) -> bool:
    response = aws.dynamodb().delete_item(
        TableName=_table(), Key=dynamo.to_attributes({"userId": user_id, "token": token}), ReturnValues="ALL_OLD"
    )
    return bool(response.get("Attributes"))


def list_for_user(user_id: str) -> list[dict[str, Any]]:
    response = aws.dynamodb().query(
        TableName=_table(),
        KeyConditionExpression="userId = :user",
        ExpressionAttributeValues=dynamo.to_attributes({":user": user_id}),
    )
    return [dynamo.from_attributes(item) for item in response.get("Items", [])]
