"""Feeds DynamoDB stream records to the runtime's stream handler, shaped as Lambda's DynamoDB events."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from typing import Any

from ..aws_standins.dead_letters import DeadLetters
from .event_filter import passes

log = logging.getLogger("sandbox.streams")

BATCH_SIZE = 100
DEFAULT_RETRY_ATTEMPTS = 2  # when the template's event source mapping does not say


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


def _forget_iterators(*maybe_iterators: str | None) -> None:
    iterators = [iterator for iterator in maybe_iterators if iterator]
    """moto keeps every shard iterator forever; the sandbox polls often, so drop the ones it has used.
    Best effort: moto runs in this process (ThreadedMotoServer)."""
    try:
        from moto.dynamodbstreams.models import dynamodbstreams_backends

        for backend in dynamodbstreams_backends.values():
            for regional in backend.values():
                for iterator in iterators:
                    regional.shard_iterators.pop(iterator, None)
    except Exception:  # noqa: BLE001, S110 - only a memory optimisation
        pass


class StreamPoller:
    """One background thread polling every shard of the given tables' streams: after `wake()` (the sandbox calls
    it after each DynamoDB write) and every `interval_s` anyway.

    Each poll asks for a fresh iterator after the last sequence number seen instead of following
    NextShardIterator: moto replaces a table's stream shard object when it rolls back a failed
    TransactWriteItems (deep copy of all tables), which strands long-lived iterators on the old shard.
    """

    def __init__(
        self,
        dynamodb: Any,
        streams: Any,
        tables: Mapping[str, list[dict[str, Any]] | None],
        invoke: Callable[[dict[str, Any]], Any],
        region: str,
        interval_s: float = 0.1,
        *,
        retry_attempts: Mapping[str, int] | None = None,
        dead_letters: DeadLetters | None = None,
    ) -> None:
        self._dynamodb, self._streams = dynamodb, streams
        self._tables = tables
        self._retry_attempts_by_table = dict(retry_attempts or {})
        self._retry_attempts: dict[str, int] = {}  # stream arn -> retries after the first attempt
        self.dead_letters = dead_letters or DeadLetters()
        self._invoke = invoke
        self._region = region
        self._interval = interval_s
        self._positions: dict[tuple[str, str], str | None] = {}  # (stream arn, shard id) -> last sequence number
        self._filters: dict[str, Any] = {}  # stream arn -> filter patterns
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stream-poller", daemon=True)
        self.delivered = 0

    def start(self) -> StreamPoller:
        self._discover()
        self._thread.start()
        return self

    def wake(self) -> None:
        """New records may be there: poll now rather than at the end of the interval."""
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _discover(self) -> None:
        for table in self._tables:
            arn = self._dynamodb.describe_table(TableName=table)["Table"].get("LatestStreamArn")
            if not arn:
                continue
            self._filters[arn] = self._tables[table]
            self._retry_attempts[arn] = self._retry_attempts_by_table.get(table, DEFAULT_RETRY_ATTEMPTS)
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
            self._deliver(arn, shaped)
        self.delivered += count
        return count

    def _deliver(self, arn: str, records: list[dict[str, Any]]) -> None:
        """As Lambda's event source mapping with ReportBatchItemFailures: retry from the first failed record,
        up to the mapping's MaximumRetryAttempts, then dead-letter what is left (no bisecting here)."""
        attempts = self._retry_attempts.get(arn, DEFAULT_RETRY_ATTEMPTS) + 1
        pending = records
        for attempt in range(1, attempts + 1):
            pending, reason = self._failed_records(pending)
            if not pending:
                return
            log.warning(
                "stream handler failed on %d records (attempt %d of %d): %s", len(pending), attempt, attempts, reason
            )
        self.dead_letters.add(arn, pending, reason, attempts)

    def _failed_records(self, records: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], str]:
        try:
            result = self._invoke({"Records": records})
        except Exception as error:  # a function error fails the whole batch, as in Lambda
            log.exception("stream handler raised")
            return records, f"function error: {type(error).__name__}"
        failures = (result or {}).get("batchItemFailures") if isinstance(result, dict) else None
        if not failures:
            return [], ""
        failed_ids = {f.get("itemIdentifier") for f in failures}
        first = next((i for i, r in enumerate(records) if r["dynamodb"].get("SequenceNumber") in failed_ids), 0)
        return records[first:], f"batchItemFailures: {sorted(i for i in failed_ids if i)}"

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._wake.clear()  # before polling: a write during the poll wakes the next one
                if self.poll_once() == 0:
                    self._wake.wait(self._interval)
            except Exception:  # keep polling after a transient moto error
                log.exception("stream polling failed")
                self._stop.wait(1.0)
