"""The stream poller retries like Lambda's event source mapping and dead-letters what keeps failing."""

from __future__ import annotations

from typing import Any

from sandbox.aws_standins.dead_letters import DeadLetters
from sandbox.streams.poller import StreamPoller

ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/comments/stream/1"


class FakeDynamoDB:
    def describe_table(self, TableName: str) -> dict[str, Any]:  # boto3 shape
        return {"Table": {"LatestStreamArn": ARN}}


class FakeStreams:
    """One shard holding `records` once."""

    def __init__(self, records: list[dict[str, Any]]) -> None:
        self._records = records

    def describe_stream(self, StreamArn: str) -> dict[str, Any]:
        return {"StreamDescription": {"Shards": [{"ShardId": "shard-1"}]}}

    def get_shard_iterator(self, **_: Any) -> dict[str, Any]:
        return {"ShardIterator": "iterator"}

    def get_records(self, **_: Any) -> dict[str, Any]:
        records, self._records = self._records, []
        return {"Records": records}


def _record(sequence: str) -> dict[str, Any]:
    return {"eventID": sequence, "eventName": "INSERT", "dynamodb": {"SequenceNumber": sequence, "Keys": {}}}


def _poller(invoke, *, retries: int | None = None) -> StreamPoller:
    records = [_record("1"), _record("2"), _record("3")]
    attempts = {"comments": retries} if retries is not None else None
    poller = StreamPoller(
        FakeDynamoDB(),
        FakeStreams(records),
        {"comments": None},
        invoke,
        "us-east-1",
        retry_attempts=attempts,
        dead_letters=DeadLetters(),
    )
    poller._discover()  # what start() does, without the background thread
    return poller


def _sequences(event: dict[str, Any]) -> list[str]:
    return [r["dynamodb"]["SequenceNumber"] for r in event["Records"]]


def test_a_batch_that_succeeds_after_a_failure_is_not_dead_lettered() -> None:
    calls: list[list[str]] = []

    def invoke(event):
        calls.append(_sequences(event))
        if len(calls) == 1:
            raise RuntimeError("throttled")
        return {"batchItemFailures": []}

    poller = _poller(invoke)
    assert poller.poll_once() == 3
    assert calls == [["1", "2", "3"], ["1", "2", "3"]]
    assert poller.dead_letters.batches == []


def test_partial_failures_are_retried_from_the_first_failed_record_then_dead_lettered() -> None:
    calls: list[list[str]] = []

    def invoke(event):
        calls.append(_sequences(event))
        return {"batchItemFailures": [{"itemIdentifier": "2"}]}

    poller = _poller(invoke, retries=1)
    poller.poll_once()
    assert calls == [["1", "2", "3"], ["2", "3"]]  # first attempt + MaximumRetryAttempts=1
    [dead] = poller.dead_letters.batches
    assert dead["eventSourceArn"] == ARN and dead["attempts"] == 2
    assert [r["dynamodb"]["SequenceNumber"] for r in dead["records"]] == ["2", "3"]
    assert "batchItemFailures" in dead["reason"]


def test_a_function_error_on_every_attempt_dead_letters_the_whole_batch() -> None:
    def invoke(_event):
        raise ValueError("bug")

    poller = _poller(invoke, retries=0)
    poller.poll_once()
    [dead] = poller.dead_letters.batches
    assert dead["reason"] == "function error: ValueError" and len(dead["records"]) == 3


def test_wake_polls_now_instead_of_at_the_end_of_the_interval() -> None:
    import threading

    delivered = threading.Event()
    streams = FakeStreams([])
    poller = StreamPoller(
        FakeDynamoDB(),
        streams,
        {"comments": None},
        lambda event: delivered.set(),
        "us-east-1",
        interval_s=3600.0,  # without a wake, the next poll would be an hour away
    )
    poller.start()
    try:
        streams._records = [_record("1")]
        poller.wake()
        assert delivered.wait(timeout=30)
    finally:
        poller.stop()
    assert poller.delivered == 1
