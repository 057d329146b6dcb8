"""The test tables, bucket and secret, with the key schemas of docs/architecture.md (one place)."""

from __future__ import annotations

from typing import Any

TABLE_NAMES = {
    "USERS_TABLE": "test-users",
    "POSTS_TABLE": "test-posts",
    "COMMENTS_TABLE": "test-comments",
    "LIKES_TABLE": "test-likes",
    "DEVICES_TABLE": "test-devices",
}
MEDIA_BUCKET = "test-media-bucket"
PAGINATION_SECRET_NAME = "test-pagination-key"
PAGINATION_KEY = "an-hmac-key-for-unit-tests-0123456789"


def _attributes(*names: str) -> list[dict[str, str]]:
    return [{"AttributeName": name, "AttributeType": "S"} for name in names]


def _key(partition: str, sort: str | None = None) -> list[dict[str, str]]:
    schema = [{"AttributeName": partition, "KeyType": "HASH"}]
    if sort:
        schema.append({"AttributeName": sort, "KeyType": "RANGE"})
    return schema


def _index(name: str, partition: str, sort: str | None = None, projection: str = "ALL") -> dict[str, Any]:
    return {"IndexName": name, "KeySchema": _key(partition, sort), "Projection": {"ProjectionType": projection}}


STREAM = {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}

TABLE_DEFINITIONS: list[dict[str, Any]] = [
    {"TableName": TABLE_NAMES["USERS_TABLE"], "KeySchema": _key("id"), "AttributeDefinitions": _attributes("id")},
    {
        "TableName": TABLE_NAMES["POSTS_TABLE"],
        "KeySchema": _key("id"),
        "AttributeDefinitions": _attributes("id", "feed", "createdAt", "authorId"),
        "GlobalSecondaryIndexes": [_index("byFeed", "feed", "createdAt"), _index("byAuthor", "authorId", "createdAt")],
        "StreamSpecification": STREAM,
    },
    {
        "TableName": TABLE_NAMES["COMMENTS_TABLE"],
        "KeySchema": _key("postId", "commentKey"),
        "AttributeDefinitions": _attributes("postId", "commentKey"),
        "StreamSpecification": STREAM,
    },
    {
        "TableName": TABLE_NAMES["LIKES_TABLE"],
        "KeySchema": _key("postId", "userId"),
        "AttributeDefinitions": _attributes("postId", "userId"),
    },
    {
        "TableName": TABLE_NAMES["DEVICES_TABLE"],
        "KeySchema": _key("userId", "token"),
        "AttributeDefinitions": _attributes("userId", "token"),
        "GlobalSecondaryIndexes": [_index("byToken", "token", projection="KEYS_ONLY")],
    },
]


def create_all(session: Any) -> str:
    """Create tables, bucket and pagination secret in the (mocked) account; returns the secret ARN."""
    dynamodb = session.client("dynamodb")
    for definition in TABLE_DEFINITIONS:
        dynamodb.create_table(BillingMode="PAY_PER_REQUEST", **definition)
    session.client("s3").create_bucket(Bucket=MEDIA_BUCKET)
    secret = session.client("secretsmanager").create_secret(Name=PAGINATION_SECRET_NAME, SecretString=PAGINATION_KEY)
    return secret["ARN"]
