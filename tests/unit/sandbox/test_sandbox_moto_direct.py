"""The sandbox's moto: this process's botocore calls answered in-process (same answers as over HTTP), the write
hook that wakes the stream poller, and lazy setup before a service's first request."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator

import boto3
import pytest
from botocore.config import Config
from botocore.handlers import BUILTIN_HANDLERS

from sandbox.moto_host.moto_server import SETUP_AGENT, MotoServer

AWS = {"region_name": "us-east-1", "aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


@pytest.fixture
def moto() -> Iterator[MotoServer]:
    server = MotoServer().start()
    yield server
    server.stop()


def _table(client, name: str) -> None:
    client.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )


def test_calls_to_its_url_are_answered_in_process_with_what_http_answers(moto):
    direct = boto3.session.Session().client("dynamodb", endpoint_url=moto.url, **AWS)
    # "localhost" is not the prefix the in-process handler answers for: this client goes over HTTP.
    over_http = boto3.session.Session().client("dynamodb", endpoint_url=f"http://localhost:{moto.port}", **AWS)
    name = f"direct-{uuid.uuid4().hex[:8]}"
    before = moto._direct.calls

    _table(direct, name)
    direct.put_item(TableName=name, Item={"id": {"S": "a"}, "text": {"S": "päivää/ü"}})

    assert moto._direct.calls == before + 2
    via_http = over_http.get_item(TableName=name, Key={"id": {"S": "a"}})
    assert moto._direct.calls == before + 2
    via_direct = direct.get_item(TableName=name, Key={"id": {"S": "a"}})
    assert via_direct["Item"] == via_http["Item"] == {"id": {"S": "a"}, "text": {"S": "päivää/ü"}}
    assert via_direct["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_errors_come_back_as_the_same_botocore_errors(moto):
    direct = boto3.session.Session().client("dynamodb", endpoint_url=moto.url, **AWS)
    with pytest.raises(direct.exceptions.ResourceNotFoundException):
        direct.get_item(TableName=f"missing-{uuid.uuid4().hex[:8]}", Key={"id": {"S": "a"}})


def test_s3_keys_with_special_characters_round_trip(moto):
    s3 = boto3.session.Session().client("s3", endpoint_url=moto.url, **AWS)
    bucket = f"direct-{uuid.uuid4().hex[:8]}"
    s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key="media/a b+c%d/ä.jpg", Body=b"\x00\xffdata")
    assert s3.get_object(Bucket=bucket, Key="media/a b+c%d/ä.jpg")["Body"].read() == b"\x00\xffdata"
    assert [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]] == ["media/a b+c%d/ä.jpg"]


def test_write_listeners_run_after_writes_only(moto):
    client = boto3.session.Session().client("dynamodb", endpoint_url=moto.url, **AWS)
    name = f"writes-{uuid.uuid4().hex[:8]}"
    _table(client, name)
    writes: list[int] = []
    moto.on_dynamodb_write(lambda: writes.append(1))

    client.put_item(TableName=name, Item={"id": {"S": "a"}})
    client.get_item(TableName=name, Key={"id": {"S": "a"}})
    client.query(TableName=name, KeyConditionExpression="id = :a", ExpressionAttributeValues={":a": {"S": "a"}})
    client.update_item(
        TableName=name,
        Key={"id": {"S": "a"}},
        UpdateExpression="SET n = :n",
        ExpressionAttributeValues={":n": {"N": "1"}},
    )
    client.delete_item(TableName=name, Key={"id": {"S": "a"}})

    assert len(writes) == 3


def test_before_first_runs_once_before_that_services_first_request(moto):
    seen: list[str] = []

    def setup() -> None:
        # The setup's own calls (marked with SETUP_AGENT) must not wait for the setup itself.
        own = boto3.session.Session().client(
            "sts", endpoint_url=moto.url, config=Config(user_agent_extra=SETUP_AGENT), **AWS
        )
        own.get_caller_identity()
        seen.append("setup")

    moto.before_first("sts", setup)
    dynamodb = boto3.session.Session().client("dynamodb", endpoint_url=moto.url, **AWS)
    dynamodb.list_tables()
    assert seen == []  # another service: nothing yet

    sts = boto3.session.Session().client("sts", endpoint_url=moto.url, **AWS)
    threads = [threading.Thread(target=sts.get_caller_identity) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    sts.get_caller_identity()
    assert seen == ["setup"]


def test_stop_disables_the_in_process_answers():
    server = MotoServer().start()
    handler = server._direct
    assert ("before-send", handler) in BUILTIN_HANDLERS
    server.stop()
    assert ("before-send", handler) not in BUILTIN_HANDLERS
    assert handler is not None and not handler.enabled
