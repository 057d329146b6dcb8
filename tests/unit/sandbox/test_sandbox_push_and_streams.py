"""Push outbox (as the runtime's boto3 pinpoint client sees it) and the DynamoDB stream poller."""

from __future__ import annotations

import os
import time

import boto3
import pytest
import requests


def runtime_pinpoint():
    """The runtime's client: endpoint and CA bundle come from the env the sandbox sets before importing it."""
    return boto3.client(
        "pinpoint",
        endpoint_url=os.environ["AWS_ENDPOINT_URL_PINPOINT"],
        region_name="us-east-1",
        verify=os.environ["AWS_CA_BUNDLE"],
    )


def test_pinpoint_send_messages_is_recorded(running_sandbox):
    pinpoint = runtime_pinpoint()
    app_id = os.environ["PUSH_APP_ID"]
    response = pinpoint.send_messages(
        ApplicationId=app_id,
        MessageRequest={
            "Addresses": {"good-token": {"ChannelType": "APNS"}, "invalid-token": {"ChannelType": "GCM"}},
            "MessageConfiguration": {"DefaultPushNotificationMessage": {"Title": "New comment", "Body": "hi"}},
        },
    )
    result = response["MessageResponse"]["Result"]
    assert result["good-token"]["DeliveryStatus"] == "SUCCESSFUL"
    assert result["invalid-token"]["DeliveryStatus"] == "PERMANENT_FAILURE"
    outbox = requests.get(
        running_sandbox.sandbox.base_url + "/_sandbox/push-outbox", verify=running_sandbox.ca, timeout=30
    ).json()
    sent = [m for m in outbox["messages"] if "good-token" in m["messageRequest"]["Addresses"]]
    assert sent and sent[-1]["applicationId"] == app_id
    assert (
        sent[-1]["messageRequest"]["MessageConfiguration"]["DefaultPushNotificationMessage"]["Title"] == "New comment"
    )


def test_unknown_app_is_404(running_sandbox):
    pinpoint = runtime_pinpoint()
    with pytest.raises(pinpoint.exceptions.NotFoundException):
        pinpoint.send_messages(ApplicationId="nope", MessageRequest={"Addresses": {}, "MessageConfiguration": {}})


def wait_for(predicate, timeout_s=10.0):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def test_stream_records_reach_the_stream_handler_as_lambda_events(running_sandbox):
    comments_table = os.environ["COMMENTS_TABLE"]
    ddb = running_sandbox.client("dynamodb")
    ddb.put_item(
        TableName=comments_table,
        Item={"postId": {"S": "stream-p1"}, "commentKey": {"S": "2026#c1"}, "content": {"S": "x"}},
    )
    ddb.delete_item(TableName=comments_table, Key={"postId": {"S": "stream-p1"}, "commentKey": {"S": "2026#c1"}})

    def records():
        found = [
            r
            for e in running_sandbox.runtime.stream_events
            for r in e["Records"]
            if r["dynamodb"]["Keys"].get("postId") == {"S": "stream-p1"}
        ]
        return found if len(found) >= 2 else None

    insert, remove = wait_for(records)
    assert insert["eventName"] == "INSERT" and remove["eventName"] == "REMOVE"
    assert insert["eventSource"] == "aws:dynamodb"
    assert insert["eventSourceARN"].startswith(
        f"arn:aws:dynamodb:us-east-1:123456789012:table/{comments_table}/stream/"
    )
    assert insert["dynamodb"]["NewImage"]["content"] == {"S": "x"}
    assert remove["dynamodb"]["OldImage"]["content"] == {"S": "x"}
    assert isinstance(insert["dynamodb"]["ApproximateCreationDateTime"], int)


def test_event_source_mapping_filters_apply(running_sandbox):
    posts_table = os.environ["POSTS_TABLE"]
    ddb = running_sandbox.client("dynamodb")
    ddb.put_item(TableName=posts_table, Item={"id": {"S": "filtered-p1"}, "title": {"S": "t"}})
    ddb.delete_item(TableName=posts_table, Key={"id": {"S": "filtered-p1"}})

    def records():
        return [
            r
            for e in running_sandbox.runtime.stream_events
            for r in e["Records"]
            if r["dynamodb"]["Keys"].get("id") == {"S": "filtered-p1"}
        ]

    (remove,) = wait_for(records)  # the INSERT before it was filtered out by {"eventName": ["REMOVE"]}
    assert remove["eventName"] == "REMOVE"
    assert remove["dynamodb"]["OldImage"]["title"] == {"S": "t"}


def test_records_after_a_rolled_back_transaction_still_arrive(running_sandbox):
    """moto rolls back a failed TransactWriteItems by restoring a deep copy of every table (new stream shards)."""
    comments_table = os.environ["COMMENTS_TABLE"]
    ddb = running_sandbox.client("dynamodb")

    def keys_seen():
        return {
            r["dynamodb"]["Keys"]["commentKey"]["S"]
            for e in running_sandbox.runtime.stream_events
            for r in e["Records"]
            if r["dynamodb"]["Keys"].get("postId") == {"S": "rollback-p"}
        }

    ddb.put_item(TableName=comments_table, Item={"postId": {"S": "rollback-p"}, "commentKey": {"S": "before"}})
    wait_for(lambda: "before" in keys_seen())
    with pytest.raises(ddb.exceptions.TransactionCanceledException):
        ddb.transact_write_items(
            TransactItems=[
                {
                    "Put": {
                        "TableName": comments_table,
                        "Item": {"postId": {"S": "rollback-p"}, "commentKey": {"S": "before"}},
                        "ConditionExpression": "attribute_not_exists(postId)",
                    }
                }
            ]
        )
    ddb.put_item(TableName=comments_table, Item={"postId": {"S": "rollback-p"}, "commentKey": {"S": "after"}})
    assert wait_for(lambda: "after" in keys_seen())
