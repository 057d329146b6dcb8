"""Executes GraphQL operations the way AppSync does with direct-Lambda resolvers, calling the runtime in-process."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
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
from .batching import InvokeLambda, RequestContext
from .errors import FieldError, format_error, limit_error, validation_error
from .lambda_resolvers import make_resolver
from .limits import LimitExceeded, Limits, check_document, check_source
from .resolver_map import ResolverFields
from .selection import iter_fields, unalias
from .validation import validation_errors

PARSED_DOCUMENTS = 256  # distinct query texts kept parsed and validated

# (mutation field name, alias-free result) -> None
Publish = Callable[[str, Any], object]  # the return value (e.g. how many subscribers got it) is not used


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
