"""Routes AppSync Lambda resolver events to our functions, by (parent type name, field name).

Powertools' ``AppSyncResolver`` did this, but importing ``aws_lambda_powertools.event_handler`` loads every
resolver kind it has (REST, Bedrock agents, AppSync events, asyncio, all event data classes): about 130 M
instructions on every cold start (docs/cold-start.md) for the little routing we use: exact (type, field) routes,
direct and batch, and exception handlers that turn errors into answers.

What AppSync sends (our request function, backend/infra/resolvers/lambda_invoke.js, passes ctx's ``arguments``,
``identity``, ``source``, ``info``, ``prev``, ``stash`` and ``request``):
- ``Invoke``: one event, a JSON object, per field to resolve;
- ``BatchInvoke``: the payloads of one field for up to ``maxBatchSize`` parents, as ONE list; the function returns
  a list with one result per payload, in the same order, and AppSync runs the response function on each item, so
  each item can carry its own error envelope.
Sources: https://docs.aws.amazon.com/appsync/latest/devguide/resolver-reference-lambda-js.html ("Operation",
"Payload"), https://docs.aws.amazon.com/appsync/latest/devguide/resolver-mapping-template-reference-lambda.html
(BatchInvoke and direct Lambda resolvers), and for the fields of ``info``/``request``/``identity``:
https://docs.aws.amazon.com/appsync/latest/devguide/resolver-context-reference-js.html
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextvars import ContextVar
from typing import Any

Resolver = Callable[..., Any]
BatchResolver = Callable[[list["FieldEvent"]], list[Any]]
ExceptionHandler = Callable[[Any], Any]

_EMPTY: Mapping[str, Any] = {}


class ResolverNotFound(LookupError):
    """No resolver is registered for the event's field (AppSync wiring and runtime disagree)."""


class InvalidBatch(ValueError):
    """A batch event or a batch resolver's answer that breaks the BatchInvoke contract."""


class FieldEvent:
    """Read-only view of one resolver event; missing or malformed parts read as empty, never raise."""

    __slots__ = ("raw",)

    def __init__(self, raw: Any) -> None:
        self.raw: Mapping[str, Any] = raw if isinstance(raw, Mapping) else _EMPTY

    @property
    def info(self) -> Mapping[str, Any]:
        return _mapping(self.raw.get("info"))

    @property
    def type_name(self) -> Any:
        return self.info.get("parentTypeName")

    @property
    def field_name(self) -> Any:
        return self.info.get("fieldName")

    @property
    def arguments(self) -> Mapping[str, Any]:
        return _mapping(self.raw.get("arguments"))

    @property
    def source(self) -> Any:
        """The parent's value as AppSync passes it (None for root fields)."""
        return self.raw.get("source")

    @property
    def identity(self) -> Any:
        return self.raw.get("identity")

    @property
    def variables(self) -> Mapping[str, Any]:
        return _mapping(self.info.get("variables"))

    @property
    def selection_set_list(self) -> list[str]:
        paths = self.info.get("selectionSetList")
        return [path for path in paths if isinstance(path, str)] if isinstance(paths, list) else []

    @property
    def selection_set_graphql(self) -> str | None:
        text = self.info.get("selectionSetGraphQL")
        return text if isinstance(text, str) else None

    def header(self, name: str) -> str | None:
        """A request header, by case-insensitive name (HTTP header names are case-insensitive)."""
        headers = _mapping(_mapping(self.raw.get("request")).get("headers"))
        wanted = name.lower()
        for key, value in headers.items():
            if isinstance(key, str) and key.lower() == wanted:
                return value if isinstance(value, str) else None
        return None


_current: ContextVar[FieldEvent | None] = ContextVar("appsync_current_event", default=None)


def current_event() -> FieldEvent:
    """The event of the direct (non-batch) resolver running now."""
    event = _current.get()
    if event is None:
        raise RuntimeError("no direct resolver event is being resolved")
    return event


class Router:
    """Resolvers of one domain, registered by decorator; a ``Dispatcher`` includes the routers."""

    def __init__(self) -> None:
        # Keys are "Type.field" (registered_fields lists them).
        self._resolver_registry = Registry("resolver")
        self._batch_resolver_registry = Registry("batch resolver")

    def resolver(self, type_name: str, field_name: str) -> Callable[[Resolver], Resolver]:
        """Registers ``function(**arguments)`` for direct invocations of ``type_name.field_name``."""
        return self._resolver_registry.decorator(type_name, field_name)

    def batch_resolver(self, type_name: str, field_name: str) -> Callable[[BatchResolver], BatchResolver]:
        """Registers ``function(events) -> results`` for BatchInvoke: one result per event, in order; a result
        may be an exception, which the dispatcher's exception handlers turn into that item's answer."""
        return self._batch_resolver_registry.decorator(type_name, field_name)

    def resolves(self, type_name: str, field_name: str, *, batch: bool = False) -> bool:
        """Whether a (batch) resolver is registered for the field."""
        registry = self._batch_resolver_registry if batch else self._resolver_registry
        return registry.find(type_name, field_name) is not None

    def registered_fields(self, *, batch: bool = False) -> frozenset[str]:
        """The fields with a (batch) resolver, as "Type.field": what AppSync must invoke this function for, direct
        or BatchInvoke (tests/unit/test_resolver_wiring.py compares them with backend/infra/schema_fields.py)."""
        registry = self._batch_resolver_registry if batch else self._resolver_registry
        return frozenset(registry.resolvers)


class Registry:
    """(type, field) -> function; registering a field twice is a bug, so it raises instead of replacing."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.resolvers: dict[str, Callable[..., Any]] = {}

    def add(self, key: str, function: Callable[..., Any]) -> None:
        existing = self.resolvers.get(key)
        if existing is not None and existing is not function:
            raise ValueError(f"{key} already has a {self.kind}: {_name(existing)}, not also {_name(function)}")
        self.resolvers[key] = function

    def decorator(self, type_name: str, field_name: str) -> Callable[[Any], Any]:
        def register(function: Any) -> Any:
            self.add(f"{type_name}.{field_name}", function)
            return function

        return register

    def find(self, type_name: Any, field_name: Any) -> Callable[..., Any] | None:
        return self.resolvers.get(f"{type_name}.{field_name}")

    def merge(self, other: Registry) -> None:
        for key, function in other.resolvers.items():
            self.add(key, function)


class Dispatcher(Router):
    """Answers one Lambda event (a dict, or a list for BatchInvoke) with the registered resolvers.

    An exception is answered by the handler registered for the nearest class in its MRO; the handler returns the
    answer or raises. Without a handler the exception propagates (the Lambda invocation fails)."""

    def __init__(self) -> None:
        super().__init__()
        self._exception_handlers: dict[type[BaseException], ExceptionHandler] = {}

    def include_router(self, router: Router) -> None:
        self._resolver_registry.merge(router._resolver_registry)
        self._batch_resolver_registry.merge(router._batch_resolver_registry)

    def exception_handler(self, exception: type[Exception]) -> Callable[[ExceptionHandler], ExceptionHandler]:
        def register(handler: ExceptionHandler) -> ExceptionHandler:
            self._exception_handlers[exception] = handler
            return handler

        return register

    def resolve(self, event: Any) -> Any:
        if isinstance(event, list):
            events = [FieldEvent(item) for item in event]
            try:
                results = self._resolve_batch(events)
            except Exception as error:  # noqa: BLE001 - handled or re-raised by the registered handler
                # The whole batch failed: its answer stands for every item (AppSync wants one per payload).
                answer = self._handle(error)
                return [answer for _ in events]
            return [self._item_answer(result) for result in results]
        try:
            return self._resolve_single(FieldEvent(event))
        except Exception as error:  # noqa: BLE001 - handled or re-raised by the registered handler
            return self._handle(error)

    def _resolve_single(self, event: FieldEvent) -> Any:
        resolver = self._resolver_registry.find(event.type_name, event.field_name)
        if resolver is None:
            raise ResolverNotFound(f"No resolver for {event.type_name}.{event.field_name}")
        token = _current.set(event)
        try:
            return resolver(**event.arguments)
        finally:
            _current.reset(token)

    def _resolve_batch(self, events: list[FieldEvent]) -> list[Any]:
        if not events:
            return []
        type_name, field_name = events[0].type_name, events[0].field_name
        if any(event.type_name != type_name or event.field_name != field_name for event in events):
            raise InvalidBatch("A batch event mixes fields; AppSync batches one field at a time")
        resolver = self._batch_resolver_registry.find(type_name, field_name)
        if resolver is None:
            raise ResolverNotFound(f"No batch resolver for {type_name}.{field_name}")
        token = _current.set(None)  # no single current event while a batch resolves
        try:
            results = resolver(events)
        finally:
            _current.reset(token)
        if not isinstance(results, list) or len(results) != len(events):
            raise InvalidBatch(f"{type_name}.{field_name}: a batch resolver must return one result per event")
        return results

    def _item_answer(self, result: Any) -> Any:
        if not isinstance(result, Exception):
            return result
        try:  # raised so that a handler sees it as the exception being handled (logger.exception's traceback)
            raise result
        except Exception as error:  # noqa: BLE001 - handled or re-raised by the registered handler
            return self._handle(error)

    def _handle(self, error: Exception) -> Any:
        for cls in type(error).__mro__:
            handler = self._exception_handlers.get(cls)
            if handler is not None:
                return handler(error)
        raise error


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else _EMPTY


def _name(function: Callable[..., Any]) -> str:
    return getattr(function, "__qualname__", repr(function))
