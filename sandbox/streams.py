"""Feeds DynamoDB stream records to the runtime's stream handler, shaped as Lambda's DynamoDB events."""
from __future__ import annotations

import logging
import threading
from typing import Any, Callable, Mapping

from .event_filter import passes

log = logging.getLogger("sandbox.streams")

BATCH_SIZE = 100


def lambda_record(record: dict[str, Any], stream_arn: str, region: str) -> dict[str, Any]:
    dynamodb = dict(record["dynamodb"])
    created = dynamodb.get("ApproximateCreationDateTime")
    if created is not None and hasattr(created, "timestamp"):
        dynamodb["ApproximateCreationDateTime"] = int(created.timestamp())
    return {
        "eventID": record.get("eventID"),
        "eventName": record.get("eventName"),
        "eventVersion": record.get("eventVersion", "1.1"),
        "eventSource": "aws:dynamodb",
        "awsRegion": region,
        "dynamodb": dynamodb,
        "eventSourceARN": stream_arn,
    }


def _forget_iterators(*iterators: str | None) -> None:
    """moto keeps every shard iterator forever; the sandbox polls often, so drop the ones it has used.
    Best effort: moto runs in this process (ThreadedMotoServer)."""
    try:
        from moto.dynamodbstreams.models import dynamodbstreams_backends

        for backend in dynamodbstreams_backends.values():
            for regional in backend.values():
                for iterator in iterators:
                    regional.shard_iterators.pop(iterator, None)
    except Exception:  # noqa: BLE001 - only a memory optimisation
        pass


class StreamPoller:
    """One background thread polling every shard of the given tables' streams.

    Each poll asks for a fresh iterator after the last sequence number seen instead of following
    NextShardIterator: moto replaces a table's stream shard object when it rolls back a failed
    TransactWriteItems (deep copy of all tables), which strands long-lived iterators on the old shard.
    """

    def __init__(self, dynamodb: Any, streams: Any, tables: Mapping[str, list[dict[str, Any]] | None], invoke: Callable[[dict[str, Any]], Any], region: str, interval_s: float = 0.1) -> None:
        self._dynamodb, self._streams = dynamodb, streams
        self._tables = tables
        self._invoke = invoke
        self._region = region
        self._interval = interval_s
        self._positions: dict[tuple[str, str], str | None] = {}  # (stream arn, shard id) -> last sequence number
        self._filters: dict[str, Any] = {}  # stream arn -> filter patterns
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stream-poller", daemon=True)
        self.delivered = 0

    def start(self) -> "StreamPoller":
        self._discover()
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _discover(self) -> None:
        for table in self._tables:
            arn = self._dynamodb.describe_table(TableName=table)["Table"].get("LatestStreamArn")
            if not arn:
                continue
            self._filters[arn] = self._tables[table]
            for shard in self._streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
                self._positions.setdefault((arn, shard["ShardId"]), None)

    def poll_once(self) -> int:
        """Deliver everything new; returns the number of records delivered."""
        count = 0
        for key, last in list(self._positions.items()):
            arn, shard_id = key
            if last is None:
                position = {"ShardIteratorType": "TRIM_HORIZON"}
            else:
                position = {"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": last}
            iterator = self._streams.get_shard_iterator(StreamArn=arn, ShardId=shard_id, **position)["ShardIterator"]
            response = self._streams.get_records(ShardIterator=iterator, Limit=BATCH_SIZE)
            _forget_iterators(iterator, response.get("NextShardIterator"))
            records = response.get("Records") or []
            if records:
                self._positions[key] = records[-1]["dynamodb"]["SequenceNumber"]
            count += len(records)
            shaped = [lambda_record(r, key[0], self._region) for r in records]
            shaped = [r for r in shaped if passes(self._filters.get(key[0]), r)]
            if not shaped:
                continue
            event = {"Records": shaped}
            try:
                result = self._invoke(event)
                if isinstance(result, dict) and result.get("batchItemFailures"):
                    log.warning("stream handler reported failures: %s", result["batchItemFailures"])
            except Exception:  # noqa: BLE001 - Lambda would retry; the sandbox logs and moves on
                log.exception("stream handler failed on %d records", len(shaped))
        self.delivered += count
        return count

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                if self.poll_once() == 0:
                    self._stop.wait(self._interval)
            except Exception:  # noqa: BLE001 - keep polling after a transient moto error
                log.exception("stream polling failed")
                self._stop.wait(1.0)
