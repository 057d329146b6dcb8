"""The resolver of a field that calls the runtime's Lambda: AppSync's direct-Lambda event, and its error envelope."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from graphql import FieldNode, FragmentDefinitionNode, GraphQLResolveInfo

from .batching import Batcher, InvokeLambda, RequestContext
from .errors import envelope_error, lambda_unhandled
from .resolver_map import ResolverSpec
from .selection import selection_set_graphql, selection_set_list

log = logging.getLogger("sandbox.execution")

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
