"""Helpers shared by the routers: the caller of an event and per-item results for batch fields."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from aws_lambda_powertools.event_handler.appsync import Router
from aws_lambda_powertools.utilities.data_classes import AppSyncResolverEvent

from ..errors import DomainError
from ..identity import Caller, caller_from


def caller_of(event: AppSyncResolverEvent | None) -> Caller:
    return caller_from(event.raw_event.get("identity") if event is not None else None)


def current_caller() -> Caller:
    return caller_of(Router.current_event)


def current_event() -> AppSyncResolverEvent:
    """The event being resolved; Powertools sets it before calling a resolver."""
    event = Router.current_event
    if event is None:
        raise RuntimeError("no AppSync event is being resolved")
    return event


def source_value(event: AppSyncResolverEvent, name: str) -> Any:
    source = event.raw_event.get("source")
    return source.get(name) if isinstance(source, dict) else None


def per_item(
    events: Sequence[AppSyncResolverEvent], resolve: Callable[[Sequence[AppSyncResolverEvent]], list[Any]]
) -> list[Any]:
    """One value or one error envelope per event, in order; a failure of the whole batch fails each item."""
    try:
        results = resolve(events)
    except DomainError as error:
        return [error.envelope() for _ in events]
    return [result.envelope() if isinstance(result, DomainError) else result for result in results]


def single_from_batch(batch_resolver: Callable[[list[AppSyncResolverEvent]], list[Any]]) -> Any:
    """Resolve a batch field for one direct (non-batch) invocation, so either AppSync wiring works."""
    return batch_resolver([current_event()])[0]
