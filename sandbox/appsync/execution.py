"""Executes GraphQL operations the way AppSync does with direct-Lambda resolvers, calling the runtime in-process."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionContext,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLObjectType,
    GraphQLResolveInfo,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    execute,
    get_operation_ast,
    parse,
)
from graphql.error import GraphQLSyntaxError
from graphql.pyutils import Path, Undefined

from ..auth.authz import AuthRules, Caller, denial_message
from .errors import FieldError, envelope_error, format_error, lambda_unhandled, limit_error, validation_error
from .limits import LimitExceeded, Limits, check_document, check_source
from .resolver_map import ResolverFields, ResolverSpec
from .selection import iter_fields, selection_set_graphql, selection_set_list, unalias
from .validation import validation_errors

log = logging.getLogger("sandbox.execution")

PARSED_DOCUMENTS = 256  # distinct query texts kept parsed and validated

# (event or list of events) -> result; normally HandlerSet.call bound to "graphql"
InvokeLambda = Callable[[Any], Awaitable[Any]]
# (mutation field name, alias-free result) -> None
Publish = Callable[[str, Any], object]  # the return value (e.g. how many subscribers got it) is not used


@dataclass
class RequestContext:
    caller: Caller
    headers: dict[str, str]
    variables: dict[str, Any]
    batchers: dict[tuple[str, str], Batcher] = field(default_factory=dict)
    in_flight: int = 0  # Lambda invocations of this request not yet answered
    resolver_calls: int = 0  # fields with a resolver started so far (AppSync's ResolverCountLimit)

    async def invoke(self, invoke: InvokeLambda, event: Any) -> Any:
        """Count the invocation in flight: a batch is only sent when nothing else could still add to it."""
        self.in_flight += 1
        try:
            return await invoke(event)
        finally:
            self.in_flight -= 1
            if self.in_flight == 0:
                for batcher in self.batchers.values():
                    batcher.wake()


class Batcher:
    """Collects the calls of one batched field and sends them as ONE batch event per execution level.

    graphql-core starts sibling resolvers before any completes, but a level's parents may arrive at different
    times (their own Lambda calls finish one by one). So the batch is sent once the request has no other
    Lambda call in flight and several event-loop passes added no item: a completed parent reaches its
    children's resolvers through a few nested gathers (one loop pass each), so one quiet pass is not enough.
    """

    QUIET_PASSES = 10

    def __init__(self, ctx: RequestContext, invoke: InvokeLambda, max_batch_size: int | None) -> None:
        self._ctx = ctx
        self._invoke = invoke
        self._max = max_batch_size
        self._pending: list[tuple[dict[str, Any], asyncio.Future]] = []
        self._seen = -1
        self._quiet = 0
        self._scheduled = False
        # The loop keeps only a weak reference to a task: a batch in flight stays here until it is done, or it
        # could be garbage-collected mid-send (https://docs.python.org/3/library/asyncio-task.html#asyncio.create_task).
        self._sending: set[asyncio.Task[None]] = set()

    def load(self, event: dict[str, Any]) -> asyncio.Future:
        future = asyncio.get_running_loop().create_future()
        self._pending.append((event, future))
        self.wake()
        return future

    def wake(self) -> None:
        if self._pending and not self._scheduled:
            self._scheduled = True
            self._seen = -1
            asyncio.get_running_loop().call_soon(self._tick)

    def _tick(self) -> None:
        if self._ctx.in_flight > 0:
            self._scheduled = False  # RequestContext.invoke wakes us when the request goes idle
            return
        if len(self._pending) != self._seen:
            self._seen, self._quiet = len(self._pending), 0
        else:
            self._quiet += 1
        if self._quiet < self.QUIET_PASSES:
            asyncio.get_running_loop().call_soon(self._tick)
            return
        pending, self._pending, self._scheduled = self._pending, [], False
        size = self._max or len(pending)
        for start in range(0, len(pending), size):
            task = asyncio.get_running_loop().create_task(self._send(pending[start : start + size]))
            self._sending.add(task)
            task.add_done_callback(self._sending.discard)

    async def _send(self, chunk: list[tuple[dict[str, Any], asyncio.Future]]) -> None:
        try:
            results = await self._ctx.invoke(self._invoke, [event for event, _ in chunk])
            if not isinstance(results, list) or len(results) != len(chunk):
                raise RuntimeError("Batch resolver returned a result of the wrong size")
        except Exception as exc:  # noqa: BLE001 - surfaces as Lambda:Unhandled on each item
            for _, future in chunk:
                if not future.done():
                    future.set_exception(lambda_unhandled(exc))
            return
        for (_, future), result in zip(chunk, results, strict=True):  # sizes checked above
            if not future.done():
                future.set_result(result)


class SerialMutations(ExecutionContext):
    """Mutation fields one after another in a flat loop: graphql-core chains one coroutine per field, and 1000
    aliased mutation fields overflowed the stack when the chain unwound."""

    def execute_fields_serially(
        self, parent_type: GraphQLObjectType, source_value: Any, path: Path | None, fields: dict[str, list[FieldNode]]
    ) -> Any:
        async def run() -> dict[str, Any]:
            results: dict[str, Any] = {}
            for response_name, field_nodes in fields.items():
                result = self.execute_field(
                    parent_type, source_value, field_nodes, Path(path, response_name, parent_type.name)
                )
                if result is Undefined:
                    continue
                results[response_name] = await result if self.is_awaitable(result) else result
            return results

        return run()


def _field_depth(path: Path | None) -> int:
    depth = 0
    while path is not None:
        depth += isinstance(path.key, str)  # list indices are not a nesting level
        path = path.prev
    return depth


def fragment_definitions(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    return {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}


# id(field node) -> (the node, selectionSetList, selectionSetGraphQL). Parsed documents are cached, so the same
# nodes come back request after request; the node is kept in the value so its id cannot be reused meanwhile.
_SELECTIONS: dict[int, tuple[FieldNode, list[str], str]] = {}
_SELECTIONS_MAX = 4096


def _selection_of(node: FieldNode, fragments: dict[str, FragmentDefinitionNode]) -> tuple[list[str], str]:
    cached = _SELECTIONS.get(id(node))
    if cached is None or cached[0] is not node:
        if len(_SELECTIONS) >= _SELECTIONS_MAX:
            _SELECTIONS.clear()
        cached = (
            node,
            selection_set_list(node.selection_set, fragments),
            selection_set_graphql(node.selection_set),
        )
        _SELECTIONS[id(node)] = cached
    return list(cached[1]), cached[2]


def _event(info: GraphQLResolveInfo, source: Any, args: dict[str, Any], ctx: RequestContext) -> dict[str, Any]:
    selection_list, selection_graphql = _selection_of(info.field_nodes[0], info.fragments)
    return {
        "arguments": args,
        "identity": ctx.caller.identity,
        "source": source,
        "info": {
            "fieldName": info.field_name,
            "parentTypeName": info.parent_type.name,
            "variables": ctx.variables,
            "selectionSetList": selection_list,
            "selectionSetGraphQL": selection_graphql,
        },
        "prev": None,
        "stash": {},
        "request": {"headers": ctx.headers, "domainName": None},
    }


def _unwrap(result: Any) -> Any:
    error = envelope_error(result)
    if error:
        raise error
    return result


def make_resolver(spec: ResolverSpec, invoke: InvokeLambda) -> Callable[..., Awaitable[Any]]:
    async def resolve(source: Any, info: GraphQLResolveInfo, **args: Any) -> Any:
        ctx: RequestContext = info.context
        event = _event(info, source, args, ctx)
        if spec.batch:
            key = (info.parent_type.name, info.field_name)
            batcher = ctx.batchers.get(key) or ctx.batchers.setdefault(key, Batcher(ctx, invoke, spec.max_batch_size))
            return _unwrap(await batcher.load(event))
        try:
            result = await ctx.invoke(invoke, event)
        except Exception as exc:  # a thrown Lambda error is Lambda:Unhandled in AppSync
            log.exception("resolver %s.%s failed", info.parent_type.name, info.field_name)
            raise lambda_unhandled(exc) from exc
        return _unwrap(result)

    return resolve


class Executor:
    """Parses, validates and executes one request; publishes successful mutation results for subscriptions."""

    def __init__(
        self,
        schema: GraphQLSchema,
        resolvers: ResolverFields,
        invoke: InvokeLambda,
        publish: Publish | None = None,
        limits: Limits | None = None,
    ) -> None:
        self.schema = schema
        self.limits = limits = limits or Limits()
        self.auth = AuthRules(schema)
        self.publish = publish
        auth = self.auth
        resolved = {(type_name, field_name) for type_name, field_name in resolvers}

        # A plain function: graphql-core silently ignores bound methods as middleware.
        def auth_middleware(next_: Callable, root: Any, info: GraphQLResolveInfo, **args: Any) -> Any:
            if limits.query_depth is not None and _field_depth(info.path) > limits.query_depth:
                raise FieldError("QueryDepthLimitExceeded", f"Query depth exceeds the limit of {limits.query_depth}.")
            if (info.parent_type.name, info.field_name) in resolved:
                info.context.resolver_calls += 1
                if info.context.resolver_calls > limits.resolver_count:
                    raise FieldError(
                        "ResolverCountLimitExceeded", f"Resolver count exceeds the limit of {limits.resolver_count}."
                    )
            if not auth.allows(info.context.caller, info.parent_type.name, info.field_name):
                raise FieldError("Unauthorized", denial_message(info.parent_type.name, info.field_name))
            return next_(root, info, **args)

        self._middleware = [auth_middleware]
        # Clients send the same few documents again and again: parsing and validating them was ~40% of the
        # event loop's time per request. graphql-core never mutates a document, so sharing one is safe.
        self._parse_cached = functools.lru_cache(maxsize=PARSED_DOCUMENTS)(self._parse_and_validate)
        for (type_name, field_name), spec in resolvers.items():
            gql_type = schema.get_type(type_name)
            gql_field = getattr(gql_type, "fields", {}).get(field_name)
            if gql_field is not None:
                gql_field.resolve = make_resolver(spec, invoke)

    def parse(self, query: Any) -> tuple[DocumentNode | None, list[dict[str, Any]]]:
        if not isinstance(query, str) or not query.strip():
            return None, [
                {"errorType": "MalformedHttpRequestException", "message": "Invalid request, `query` can't be null."}
            ]
        document, errors = self._parse_cached(query)
        return document, list(errors)

    def _parse_and_validate(self, query: str) -> tuple[DocumentNode | None, list[dict[str, Any]]]:
        # Bounds first, in linear time: graphql-core recurses per level and merges same-named fields pairwise.
        try:
            check_source(query, self.limits)
            document = parse(query, max_tokens=self.limits.max_tokens)
            check_document(document, self.limits)
        except GraphQLSyntaxError as exc:
            return None, [validation_error(GraphQLError(f"Invalid Syntax : {exc.message}", nodes=exc.nodes))]
        except LimitExceeded as exc:
            return None, [limit_error(exc.message)]
        errors = validation_errors(self.schema, document)
        return (None, [validation_error(e) for e in errors]) if errors else (document, [])

    async def run(
        self,
        query: Any,
        variables: Mapping[str, Any] | None,
        operation_name: str | None,
        caller: Caller,
        headers: Mapping[str, str],
    ) -> dict[str, Any]:
        document, errors = self.parse(query)
        if document is None:
            return {"data": None, "errors": errors}
        operation = get_operation_ast(document, operation_name)
        if operation is None:
            return {"data": None, "errors": [{"errorType": None, "message": "Unknown operation."}]}
        if operation.operation == OperationType.SUBSCRIPTION:
            return {
                "data": None,
                "errors": [
                    {"errorType": None, "message": "Subscriptions are only available over the realtime endpoint."}
                ],
            }
        ctx = RequestContext(
            caller=caller, headers={k.lower(): v for k, v in headers.items()}, variables=dict(variables or {})
        )
        result = execute(
            self.schema,
            document,
            variable_values=dict(variables or {}),
            operation_name=operation_name,
            context_value=ctx,
            middleware=self._middleware,
            execution_context_class=SerialMutations,
        )
        if not isinstance(result, ExecutionResult):
            result = await result
        body: dict[str, Any] = {"data": result.data}
        if result.errors:
            body["errors"] = [format_error(e) for e in result.errors]
        if operation.operation == OperationType.MUTATION and result.data and self.publish:
            self._publish_mutations(operation, document, result)
        return body

    def _publish_mutations(
        self, operation: OperationDefinitionNode, document: DocumentNode, result: ExecutionResult
    ) -> None:
        fragments = fragment_definitions(document)
        for node in iter_fields(operation.selection_set, fragments):
            key = node.alias.value if node.alias else node.name.value
            value = (result.data or {}).get(key)
            if value is None:
                continue
            if self.publish is not None:
                self.publish(node.name.value, unalias(value, node.selection_set, fragments))


__all__ = ["Batcher", "Executor", "FieldNode", "RequestContext"]
