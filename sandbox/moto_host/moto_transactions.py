"""Cheaper rollback snapshots for moto's TransactWriteItems.

moto (5.2) deep-copies every table a transaction names before applying it, to swap the copy back in if the
transaction is cancelled. That is O(table size) per write: the sandbox's createPost (a transaction) cost about
twice as much at 200 posts as at 20, and under load the copy was ~40% of the sandbox's time. Here the copy is
shallow (the table object, its item index, its stream shard) except for the items the transaction names, which
are deep-copied as before: those are the only items a transaction can change, and moto's server runs one
request at a time (`MotoServer`), so nothing else changes the table meanwhile. moto's own rollback (swap the
copy back in) then restores exactly the state before, stream records included.

Installed once per process; if moto's internals are not what this expects, moto's own copy stays in use.
"""

from __future__ import annotations

import copy
import logging
import threading
from collections import defaultdict
from typing import Any

log = logging.getLogger("sandbox.moto")

_local = threading.local()  # .keys: table name -> raw keys of the transaction running on this thread
_installed = False


def _named_keys(transact_items: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    keys: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in transact_items:
        for op in item.values():
            if isinstance(op, dict) and "TableName" in op:
                key = op.get("Key") or op.get("Item")
                if isinstance(key, dict):
                    keys[op["TableName"]].append(key)
    return keys


def snapshot(table: Any, keys: list[dict[str, Any]]) -> Any:
    """A copy of `table` that stays as it is while the transaction changes `keys` in the live table."""
    from moto.dynamodb.models.dynamo_type import DynamoType

    clone = copy.copy(table)
    if table.has_range_key:
        clone.items = defaultdict(dict, {h: dict(by_range) for h, by_range in table.items.items()})
    else:
        clone.items = defaultdict(dict, table.items)
    for key in keys:
        hash_value = key.get(table.hash_key_attr)
        if hash_value is None:
            continue  # moto reports the malformed key itself
        h = DynamoType(hash_value)
        if table.has_range_key:
            range_value = key.get(table.range_key_attr)
            if range_value is not None and DynamoType(range_value) in clone.items.get(h, {}):
                r = DynamoType(range_value)
                clone.items[h][r] = copy.deepcopy(table.items[h][r])
        elif h in clone.items:
            clone.items[h] = copy.deepcopy(table.items[h])
    if table.stream_shard is not None:
        shard = copy.copy(table.stream_shard)
        shard.items = list(table.stream_shard.items)  # records are never changed, only appended
        shard.table = clone
        clone.stream_shard = shard
    return clone


class _CopyModule:
    """Stands in for the `copy` module in moto's DynamoDB backend module: snapshots tables during a transaction."""

    def __getattr__(self, name: str) -> Any:
        return getattr(copy, name)

    @staticmethod
    def deepcopy(value: Any, memo: Any = None) -> Any:
        from moto.dynamodb.models.table import Table

        keys = getattr(_local, "keys", None)
        if keys is not None and isinstance(value, Table):
            return snapshot(value, keys.get(value.name, []))
        return copy.deepcopy(value, memo)


def install() -> None:
    global _installed
    if _installed:
        return
    try:
        import moto.dynamodb.models as models
        from moto.dynamodb.models.table import Table

        backend = models.DynamoDBBackend
        original = backend.transact_write_items
        if models.copy is not copy or not isinstance(getattr(Table, "has_range_key", None), property):
            raise AttributeError("moto's DynamoDB backend is not what the snapshot expects")
    except (ImportError, AttributeError) as exc:
        log.warning("keeping moto's whole-table copies for transactions: %s", exc)
        return

    def transact_write_items(self: Any, transact_items: list[dict[str, Any]]) -> None:
        _local.keys = _named_keys(transact_items)
        try:
            return original(self, transact_items)
        finally:
            _local.keys = None

    models.copy = _CopyModule()  # type: ignore[assignment]
    backend.transact_write_items = transact_write_items  # type: ignore[method-assign]
    _installed = True
