"""DynamoDB plumbing shared by the repositories: (de)serialization, batched reads/deletes, paging."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.exceptions import ClientError

from .. import aws

_serializer = TypeSerializer()
_deserializer = TypeDeserializer()

BATCH_GET_MAX = 100
BATCH_WRITE_MAX = 25
_RETRY_ATTEMPTS = 6


class UnprocessedItemsError(Exception):
    """DynamoDB kept returning unprocessed keys after every retry."""


def to_attributes(values: Mapping[str, Any]) -> dict[str, Any]:
    """Plain values → DynamoDB attribute values; None means "no attribute"."""
    return {name: _serializer.serialize(value) for name, value in values.items() if value is not None}


def from_attributes(item: Mapping[str, Any]) -> dict[str, Any]:
    return {name: _plain(_deserializer.deserialize(value)) for name, value in item.items()}


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def get(table: str, key: Mapping[str, str], *, consistent: bool = False) -> dict[str, Any] | None:
    response = aws.dynamodb().get_item(TableName=table, Key=to_attributes(key), ConsistentRead=consistent)
    item = response.get("Item")
    return from_attributes(item) if item else None


def batch_get(table: str, keys: Sequence[Mapping[str, str]]) -> list[dict[str, Any]]:
    """Every existing item for ``keys``: one BatchGetItem per 100 keys, unprocessed keys retried."""
    found: list[dict[str, Any]] = []
    unique = list({tuple(sorted(key.items())): key for key in keys}.values())
    for start in range(0, len(unique), BATCH_GET_MAX):
        pending: dict[str, Any] = {table: {"Keys": [to_attributes(k) for k in unique[start : start + BATCH_GET_MAX]]}}
        for attempt in range(_RETRY_ATTEMPTS):
            response = aws.dynamodb().batch_get_item(RequestItems=pending)
            found.extend(from_attributes(item) for item in response.get("Responses", {}).get(table, []))
            pending = response.get("UnprocessedKeys") or {}
            if not pending:
                break
            _backoff(attempt)
        else:
            raise UnprocessedItemsError(f"batch_get left {len(pending[table]['Keys'])} keys unprocessed")
    return found


def batch_delete(table: str, keys: Iterable[Mapping[str, str]]) -> int:
    """Delete ``keys`` in BatchWriteItem chunks of 25, retrying unprocessed items. Returns the count."""
    requests = [{"DeleteRequest": {"Key": to_attributes(key)}} for key in keys]
    for start in range(0, len(requests), BATCH_WRITE_MAX):
        pending: dict[str, Any] = {table: requests[start : start + BATCH_WRITE_MAX]}
        for attempt in range(_RETRY_ATTEMPTS):
            pending = aws.dynamodb().batch_write_item(RequestItems=pending).get("UnprocessedItems") or {}
            if not pending:
                break
            _backoff(attempt)
        else:
            raise UnprocessedItemsError("batch_delete left items unprocessed")
    return len(requests)


def query_page(
    *,
    table: str,
    key_condition: str,
    values: Mapping[str, Any],
    key_attributes: frozenset[str],
    limit: int,
    start_key: Mapping[str, str] | None,
    index: str | None = None,
    newest_first: bool = False,
    names: Mapping[str, str] | None = None,
) -> tuple[list[dict[str, Any]], dict[str, str] | None]:
    """One page of a Query plus the key to continue after it (None when there is nothing more).

    Asks for one item more than the page so the last page never hands out a token to an empty page.
    """
    request: dict[str, Any] = {
        "TableName": table,
        "KeyConditionExpression": key_condition,
        "ExpressionAttributeValues": to_attributes(values),
        "ScanIndexForward": not newest_first,
        "Limit": limit + 1,
    }
    if index:
        request["IndexName"] = index
    if names:
        request["ExpressionAttributeNames"] = dict(names)
    if start_key:
        request["ExclusiveStartKey"] = to_attributes(start_key)
    response = aws.dynamodb().query(**request)
    items = [from_attributes(item) for item in response.get("Items", [])]
    if len(items) > limit:
        page = items[:limit]
        return page, {name: page[-1][name] for name in key_attributes}
    # Fewer items than asked for but a LastEvaluatedKey: the 1 MB response limit cut the page short.
    last_key = response.get("LastEvaluatedKey")
    return items, (from_attributes(last_key) if last_key else None)


@dataclass(frozen=True)
class PartitionListing:
    """The items of one partition of a table or index in sort-key order, read a page at a time."""

    table: Callable[[], str]  # a function: table names come from the settings on first use, not on import
    partition_key: str
    key_attributes: frozenset[str]  # what continues a page: the index's key plus the table's
    index: str | None = None
    newest_first: bool = False

    def page(
        self, partition: str, limit: int, start_key: Mapping[str, str] | None
    ) -> tuple[list[dict[str, Any]], dict[str, str] | None]:
        return query_page(
            table=self.table(),
            index=self.index,
            key_condition="#partition = :partition",
            names={"#partition": self.partition_key},
            values={":partition": partition},
            key_attributes=self.key_attributes,
            limit=limit,
            start_key=start_key,
            newest_first=self.newest_first,
        )


def query_all_keys(
    *, table: str, key_condition: str, values: Mapping[str, Any], key_attributes: Sequence[str]
) -> list[dict[str, str]]:
    """Every key matching a key condition (for cascades), following LastEvaluatedKey."""
    names = {f"#k{i}": name for i, name in enumerate(key_attributes)}
    request: dict[str, Any] = {
        "TableName": table,
        "KeyConditionExpression": key_condition,
        "ExpressionAttributeValues": to_attributes(values),
        "ProjectionExpression": ", ".join(names),
        "ExpressionAttributeNames": names,
    }
    keys: list[dict[str, str]] = []
    while True:
        response = aws.dynamodb().query(**request)
        keys.extend(from_attributes(item) for item in response.get("Items", []))
        if not response.get("LastEvaluatedKey"):
            return keys
        request["ExclusiveStartKey"] = response["LastEvaluatedKey"]


def set_and_remove(
    sets: list[str], values: dict[str, Any], changes: Mapping[str, Any], removals: Sequence[str]
) -> tuple[str, dict[str, Any]]:
    """An UpdateExpression that also sets ``changes`` and removes ``removals`` (names always aliased).

    Returns the expression and the ``ExpressionAttributeNames`` keyword (empty when no alias is needed).
    """
    sets = list(sets)
    names: dict[str, str] = {}
    for index, (name, value) in enumerate(changes.items()):
        names[f"#c{index}"] = name
        sets.append(f"#c{index} = :c{index}")
        values[f":c{index}"] = value
    removed = []
    for index, name in enumerate(removals):
        names[f"#r{index}"] = name
        removed.append(f"#r{index}")
    expression = "SET " + ", ".join(sets) + (" REMOVE " + ", ".join(removed) if removed else "")
    return expression, ({"ExpressionAttributeNames": names} if names else {})


def transact(items: list[dict[str, Any]]) -> None:
    aws.dynamodb().transact_write_items(TransactItems=items)


def cancellation_codes(error: ClientError) -> list[str]:
    """Per-item reason codes of a cancelled transaction ('None' for items that were fine)."""
    if error.response.get("Error", {}).get("Code") != "TransactionCanceledException":
        return []
    return [reason.get("Code", "None") for reason in error.response.get("CancellationReasons", [])]


def condition_failed(error: ClientError, item_index: int) -> bool:
    """Was the transaction cancelled because the condition of its item at ``item_index`` failed?"""
    codes = cancellation_codes(error)
    return len(codes) > item_index and codes[item_index] == "ConditionalCheckFailed"


def is_conditional_failure(error: ClientError) -> bool:
    return error.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException"


def _backoff(attempt: int) -> None:
    time.sleep(min(0.05 * 2**attempt, 1.0))
