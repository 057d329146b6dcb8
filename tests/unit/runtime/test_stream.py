"""Stream handler: push on comment (SendMessages request shape, invalid-token cleanup), cascade on delete."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from boto3.dynamodb.types import TypeSerializer
from botocore.stub import Stubber

from backend.runtime import aws, settings
from backend.runtime.stream_handler import handler, table_name_of

from .conftest import REGION, GraphQL
from .tables import TABLE_NAMES

_serialize = TypeSerializer().serialize


def _arn(table: str) -> str:
    return f"arn:aws:dynamodb:{REGION}:123456789012:table/{table}/stream/2026-11-25T00:00:00.000"


def _record(
    table: str, event_name: str, keys: dict, new: dict | None = None, old: dict | None = None, sequence: str = "1"
) -> dict[str, Any]:
    image = {
        "Keys": {k: _serialize(v) for k, v in keys.items()},
        "SequenceNumber": sequence,
        "StreamViewType": "NEW_AND_OLD_IMAGES",
    }
    if new is not None:
        image["NewImage"] = {k: _serialize(v) for k, v in new.items()}
    if old is not None:
        image["OldImage"] = {k: _serialize(v) for k, v in old.items()}
    return {
        "eventID": sequence,
        "eventName": event_name,
        "eventSource": "aws:dynamodb",
        "awsRegion": REGION,
        "eventSourceARN": _arn(table),
        "dynamodb": image,
    }


def _comment_insert(comment: dict, sequence: str = "1") -> dict[str, Any]:
    stored = {**comment, "commentKey": f"{comment['createdAt']}#{comment['id']}"}
    return _record(
        TABLE_NAMES["COMMENTS_TABLE"],
        "INSERT",
        {"postId": comment["postId"], "commentKey": stored["commentKey"]},
        new=stored,
        sequence=sequence,
    )


@pytest.fixture
def pinpoint() -> Any:
    """A real boto3 Pinpoint client with a Stubber: requests are validated against the API model."""
    client = boto3.client("pinpoint", region_name=REGION)
    aws.set_client("pinpoint", client)
    with Stubber(client) as stubber:
        yield stubber
        stubber.assert_no_pending_responses()


def _send_result(results: dict[str, dict]) -> dict[str, Any]:
    return {"MessageResponse": {"ApplicationId": "test-push-app", "Result": results}}


def test_table_name_is_read_from_the_stream_arn() -> None:
    assert table_name_of(_arn("my-table")) == "my-table"
    assert table_name_of("nonsense") == "" and table_name_of(None) == ""


def test_comment_on_someone_elses_post_pushes_to_the_authors_devices(
    alice: GraphQL, bob: GraphQL, pinpoint: Stubber
) -> None:
    alice.mutate("registerDevice", token="apns-good", platform="APNS")
    alice.mutate("registerDevice", token="gcm-stale", platform="GCM")
    post = alice.create_post()
    comment = bob.mutate("createComment", input={"postId": post["id"], "content": "Great post"})
    expected_request = {
        "ApplicationId": "test-push-app",
        "MessageRequest": {
            "Addresses": {"apns-good": {"ChannelType": "APNS"}, "gcm-stale": {"ChannelType": "GCM"}},
            "MessageConfiguration": {
                platform: {
                    "Action": "OPEN_APP",
                    "Title": "New comment on your post",
                    "Body": "Great post",
                    "Data": {"postId": post["id"], "commentId": comment["id"]},
                }
                for platform in ("APNSMessage", "GCMMessage")
            },
        },
    }
    pinpoint.add_response(
        "send_messages",
        _send_result(
            {
                "apns-good": {"DeliveryStatus": "SUCCESSFUL", "StatusCode": 200},
                "gcm-stale": {
                    "DeliveryStatus": "PERMANENT_FAILURE",
                    "StatusCode": 410,
                    "StatusMessage": "NotRegistered",
                },
            }
        ),
        expected_request,
    )

    assert handler({"Records": [_comment_insert(comment)]}, None) == {"batchItemFailures": []}
    assert [device["token"] for device in alice.query("listMyDevices")] == ["apns-good"]


def test_own_comment_and_authors_without_devices_send_nothing(alice: GraphQL, bob: GraphQL, pinpoint: Stubber) -> None:
    post = alice.create_post()
    alice.mutate("registerDevice", token="tok", platform="APNS")
    own = alice.mutate("createComment", input={"postId": post["id"], "content": "me"})
    bobs_post = bob.create_post()
    to_bob = alice.mutate("createComment", input={"postId": bobs_post["id"], "content": "hi"})
    result = handler({"Records": [_comment_insert(own, "1"), _comment_insert(to_bob, "2")]}, None)
    assert result == {"batchItemFailures": []}  # the Stubber fails the record if anything is sent


def test_push_disabled_or_channel_missing_is_logged_not_failed(
    alice: GraphQL, bob: GraphQL, pinpoint: Stubber, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice.mutate("registerDevice", token="tok", platform="APNS")
    post = alice.create_post()
    comment = bob.mutate("createComment", input={"postId": post["id"], "content": "hi"})
    pinpoint.add_client_error("send_messages", service_error_code="NotFoundException", http_status_code=404)
    assert handler({"Records": [_comment_insert(comment)]}, None) == {"batchItemFailures": []}
    monkeypatch.setenv("PUSH_APP_ID", "")
    settings.reset()
    assert handler({"Records": [_comment_insert(comment)]}, None) == {"batchItemFailures": []}
    assert len(alice.query("listMyDevices")) == 1


def test_throttled_push_fails_only_that_record(alice: GraphQL, bob: GraphQL, pinpoint: Stubber) -> None:
    alice.mutate("registerDevice", token="tok", platform="APNS")
    post = alice.create_post()
    first = bob.mutate("createComment", input={"postId": post["id"], "content": "one"})
    second = bob.mutate("createComment", input={"postId": post["id"], "content": "two"})
    pinpoint.add_client_error("send_messages", service_error_code="TooManyRequestsException", http_status_code=429)
    pinpoint.add_response("send_messages", _send_result({"tok": {"DeliveryStatus": "SUCCESSFUL", "StatusCode": 200}}))
    result = handler({"Records": [_comment_insert(first, "11"), _comment_insert(second, "12")]}, None)
    assert result == {"batchItemFailures": [{"itemIdentifier": "11"}]}


def test_deleting_a_post_cascades_to_its_comments_and_likes(alice: GraphQL, bob: GraphQL) -> None:
    post, kept = alice.create_post(), alice.create_post()
    for i in range(30):  # more than one BatchWriteItem chunk
        bob.mutate("createComment", input={"postId": post["id"], "content": f"c{i}"})
    bob.mutate("createComment", input={"postId": kept["id"], "content": "stays"})
    bob.mutate("likePost", id=post["id"])
    alice.mutate("likePost", id=kept["id"])
    stored = boto3.client("dynamodb", region_name=REGION).get_item(
        TableName=TABLE_NAMES["POSTS_TABLE"], Key={"id": {"S": post["id"]}}
    )["Item"]
    alice.mutate("deletePost", id=post["id"])
    removal = {
        "Records": [
            {
                **_record(TABLE_NAMES["POSTS_TABLE"], "REMOVE", {"id": post["id"]}),
                "dynamodb": {"Keys": {"id": {"S": post["id"]}}, "OldImage": stored, "SequenceNumber": "5"},
            }
        ]
    }
    assert handler(removal, None) == {"batchItemFailures": []}

    dynamodb = boto3.client("dynamodb", region_name=REGION)

    def count(table: str, post_id: str) -> int:
        return dynamodb.query(
            TableName=table, KeyConditionExpression="postId = :p", ExpressionAttributeValues={":p": {"S": post_id}}
        )["Count"]

    assert count(TABLE_NAMES["COMMENTS_TABLE"], post["id"]) == 0
    assert count(TABLE_NAMES["LIKES_TABLE"], post["id"]) == 0
    assert count(TABLE_NAMES["COMMENTS_TABLE"], kept["id"]) == 1
    assert count(TABLE_NAMES["LIKES_TABLE"], kept["id"]) == 1
    assert handler(removal, None) == {"batchItemFailures": []}  # replay is harmless
