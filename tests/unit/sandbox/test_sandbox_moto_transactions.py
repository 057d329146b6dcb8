"""moto's TransactWriteItems with the sandbox's cheaper rollback snapshot: a cancelled transaction still leaves
the tables (items and stream records) as they were, a successful one applies every write, and items the
transaction did not name are not copied."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import boto3
import pytest

from sandbox.moto_host.moto_server import MotoServer

AWS = {"region_name": "us-east-1", "aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


@pytest.fixture
def dynamodb() -> Iterator[object]:
    server = MotoServer().start()
    yield boto3.session.Session().client("dynamodb", endpoint_url=server.url, **AWS)
    server.stop()


def _table(client, *, range_key: bool) -> str:
    name = f"tx-{uuid.uuid4().hex[:8]}"
    schema = [{"AttributeName": "pk", "KeyType": "HASH"}]
    attributes = [{"AttributeName": "pk", "AttributeType": "S"}]
    if range_key:
        schema.append({"AttributeName": "sk", "KeyType": "RANGE"})
        attributes.append({"AttributeName": "sk", "AttributeType": "S"})
    client.create_table(
        TableName=name,
        KeySchema=schema,
        AttributeDefinitions=attributes,
        BillingMode="PAY_PER_REQUEST",
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
    )
    return name


def _moto_table(name: str):
    from moto.dynamodb.models import dynamodb_backends

    return dynamodb_backends["123456789012"]["us-east-1"].tables[name]


def _key(range_key: bool, pk: str) -> dict:
    return {"pk": {"S": pk}, "sk": {"S": "1"}} if range_key else {"pk": {"S": pk}}


@pytest.mark.parametrize("range_key", [False, True])
def test_a_cancelled_transaction_leaves_items_and_stream_as_they_were(dynamodb, range_key):
    name = _table(dynamodb, range_key=range_key)
    for pk in ("a", "checked", "untouched"):
        dynamodb.put_item(TableName=name, Item={**_key(range_key, pk), "n": {"N": "0"}})
    untouched = _moto_table(name).items
    records_before = len(_moto_table(name).stream_shard.items)

    with pytest.raises(dynamodb.exceptions.TransactionCanceledException):
        dynamodb.transact_write_items(
            TransactItems=[
                {
                    "Update": {
                        "TableName": name,
                        "Key": _key(range_key, "a"),
                        "UpdateExpression": "SET n = :one",
                        "ExpressionAttributeValues": {":one": {"N": "1"}},
                    }
                },
                {"Put": {"TableName": name, "Item": {**_key(range_key, "new"), "n": {"N": "5"}}}},
                {
                    "ConditionCheck": {
                        "TableName": name,
                        "Key": _key(range_key, "checked"),
                        "ConditionExpression": "attribute_not_exists(pk)",
                    }
                },
            ]
        )

    assert dynamodb.get_item(TableName=name, Key=_key(range_key, "a"))["Item"]["n"] == {"N": "0"}
    assert "Item" not in dynamodb.get_item(TableName=name, Key=_key(range_key, "new"))
    assert len(_moto_table(name).stream_shard.items) == records_before
    assert _moto_table(name).stream_shard.table is _moto_table(name)
    # Only the named items were copied: the untouched one is the very object it was before.
    restored = _moto_table(name).items
    if range_key:
        untouched_before = next(iter(v for h, v in untouched.items() if h.value == "untouched"))
        untouched_after = next(iter(v for h, v in restored.items() if h.value == "untouched"))
        assert next(iter(untouched_after.values())) is next(iter(untouched_before.values()))
    else:
        before = next(v for h, v in untouched.items() if h.value == "untouched")
        assert next(v for h, v in restored.items() if h.value == "untouched") is before


def test_a_successful_transaction_applies_every_write(dynamodb):
    name = _table(dynamodb, range_key=False)
    dynamodb.put_item(TableName=name, Item={"pk": {"S": "a"}, "n": {"N": "0"}})
    records_before = len(_moto_table(name).stream_shard.items)

    dynamodb.transact_write_items(
        TransactItems=[
            {
                "Update": {
                    "TableName": name,
                    "Key": {"pk": {"S": "a"}},
                    "UpdateExpression": "SET n = n + :one",
                    "ExpressionAttributeValues": {":one": {"N": "1"}},
                }
            },
            {"Put": {"TableName": name, "Item": {"pk": {"S": "b"}}}},
            {"Delete": {"TableName": name, "Key": {"pk": {"S": "missing"}}}},
        ]
    )

    assert dynamodb.get_item(TableName=name, Key={"pk": {"S": "a"}})["Item"]["n"] == {"N": "1"}
    assert "Item" in dynamodb.get_item(TableName=name, Key={"pk": {"S": "b"}})
    assert len(_moto_table(name).stream_shard.items) == records_before + 2
