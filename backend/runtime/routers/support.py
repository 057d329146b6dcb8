"""Helpers shared by the routers: the caller of an event and direct invocations of batch fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..dispatch import FieldEvent, current_event
from ..identity import Caller, caller_from

__all__ = ["caller_of", "current_caller", "current_event", "single_from_batch", "source_value"]


def caller_of(event: FieldEvent) -> Caller:
    return caller_from(event.identity)


def current_caller() -> Caller:
    return caller_of(current_event())


def source_value(event: FieldEvent, name: str) -> Any:
    source = event.source
    return source.get(name) if isinstance(source, dict) else None


def single_from_batch(batch_resolver: Callable[[list[FieldEvent]], list[Any]]) -> Any:
    """Resolve a batch field for one direct (non-batch) invocation, so either AppSync wiring works; an item's
    error is raised, as a direct resolver reports one."""
    result = batch_resolver([current_event()])[0]
    if isinstance(result, Exception):
        raise result
    return result
