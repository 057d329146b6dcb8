"""The stream mappings and their failure queue alone on a bare stack (two stream tables, one inline function)."""

from __future__ import annotations

from typing import Any

import pytest
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk.assertions import Template

from backend.infra.streams import Streams

from .constructs.support import bare_stack, inline_function, logical_id, of_type, policy_statements, resource, settings
from .helpers import as_list

FOURTEEN_DAYS = 14 * 24 * 3600


def _table(scope: Any, name: str, *, stream: bool = True) -> dynamodb.Table:
    return dynamodb.Table(
        scope,
        name,
        partition_key=dynamodb.Attribute(name="id", type=dynamodb.AttributeType.STRING),
        stream=dynamodb.StreamViewType.NEW_AND_OLD_IMAGES if stream else None,
    )


class Built:
    def __init__(self, *, protect_data: bool) -> None:
        stack = bare_stack()
        self.tables = [_table(stack, "Posts"), _table(stack, "Comments")]
        self.handler = inline_function(stack, "Handler")
        self.streams = Streams(
            stack, "Streams", settings=settings(protect_data=protect_data), handler=self.handler, tables=self.tables
        )
        self.template = Template.from_stack(stack)

    def mapping_of(self, table: dynamodb.Table) -> dict[str, Any]:
        stream = {"Fn::GetAtt": [logical_id(table), "StreamArn"]}
        [props] = [
            mapping["Properties"]
            for mapping in of_type(self.template, "AWS::Lambda::EventSourceMapping").values()
            if mapping["Properties"]["EventSourceArn"] == stream
        ]
        return props

    def handler_actions_on(self, target: Any) -> set[str]:
        statements = policy_statements(self.template, logical_id(self.handler.role))
        return {a for s in statements if target in as_list(s["Resource"]) for a in as_list(s["Action"])}


@pytest.fixture(scope="module")
def dev() -> Built:
    return Built(protect_data=False)


@pytest.fixture(scope="module")
def prod() -> Built:
    return Built(protect_data=True)


@pytest.mark.parametrize("table_index", [0, 1])
def test_each_table_stream_feeds_the_handler_from_the_oldest_record(dev: Built, table_index: int) -> None:
    props = dev.mapping_of(dev.tables[table_index])
    assert props["FunctionName"] == {"Ref": logical_id(dev.handler)}
    assert props["StartingPosition"] == "TRIM_HORIZON"
    assert props["BatchSize"] == 100


@pytest.mark.parametrize("table_index", [0, 1])
def test_a_failing_batch_is_split_retried_five_times_then_sent_to_the_failure_queue(
    dev: Built, table_index: int
) -> None:
    props = dev.mapping_of(dev.tables[table_index])
    assert props["BisectBatchOnFunctionError"] is True
    assert props["MaximumRetryAttempts"] == 5
    assert props["MaximumRecordAgeInSeconds"] == 24 * 3600
    assert props["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert props["DestinationConfig"] == {
        "OnFailure": {"Destination": {"Fn::GetAtt": [logical_id(dev.streams.failures), "Arn"]}}
    }


@pytest.mark.parametrize("table_index", [0, 1])
def test_every_record_reaches_the_handler_which_picks_the_events_itself(dev: Built, table_index: int) -> None:
    # No filter: the handler acts on comment inserts and post removals, and the sandbox mirrors the mapping.
    assert "FilterCriteria" not in dev.mapping_of(dev.tables[table_index])


def test_the_handler_may_read_both_streams_and_send_to_the_failure_queue(dev: Built) -> None:
    for table in dev.tables:
        stream = {"Fn::GetAtt": [logical_id(table), "StreamArn"]}
        assert {
            "dynamodb:DescribeStream",
            "dynamodb:GetRecords",
            "dynamodb:GetShardIterator",
        } <= dev.handler_actions_on(stream)
    assert "sqs:SendMessage" in dev.handler_actions_on({"Fn::GetAtt": [logical_id(dev.streams.failures), "Arn"]})


@pytest.mark.parametrize(("fixture", "deletion"), [("dev", "Delete"), ("prod", "Retain")])
def test_the_failure_queue_keeps_messages_14_days_encrypted_behind_tls(request, fixture: str, deletion: str) -> None:
    built: Built = request.getfixturevalue(fixture)
    queue = resource(built.template, built.streams.failures)
    assert queue["Properties"]["MessageRetentionPeriod"] == FOURTEEN_DAYS
    assert queue["Properties"]["SqsManagedSseEnabled"] is True
    assert queue["DeletionPolicy"] == deletion
    [policy] = [
        p["Properties"]
        for p in of_type(built.template, "AWS::SQS::QueuePolicy").values()
        if {"Ref": logical_id(built.streams.failures)} in p["Properties"]["Queues"]
    ]
    assert any(
        s["Effect"] == "Deny" and s.get("Condition") == {"Bool": {"aws:SecureTransport": "false"}}
        for s in policy["PolicyDocument"]["Statement"]
    )


def test_a_table_without_a_stream_is_refused() -> None:
    stack = bare_stack()
    table = _table(stack, "Plain", stream=False)
    with pytest.raises(ValueError, match="no stream"):
        Streams(stack, "Streams", settings=settings(protect_data=False), handler=inline_function(stack), tables=[table])
