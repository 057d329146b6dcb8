"""Bounds on a GraphQL document, checked cheaply BEFORE graphql-core parses and validates it.

graphql-core recurses once per nesting level (parser, validation rules, execution) and compares fields that
share a response name pairwise (OverlappingFieldsCanBeMergedRule): a 300-deep selection crashed with a
RecursionError, 1000 aliases of one name took 8 s, and 300,000 repeats of one field never finished, all on the
event loop. The checks here are iterative and linear in the document, so no request can hold up the others.

AppSync's own limits (https://docs.aws.amazon.com/appsync/latest/devguide/configuration-limits.html,
https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-appsync-graphqlapi.html):
QueryDepthLimit 1-75 (0/unset: no limit) and ResolverCountLimit 1-10000 (0/unset: 10000). They are
enforced while executing (execution.py): a field past either limit resolves to an error, which propagates to
the nearest nullable parent. The other bounds are the sandbox's own and far above anything an app sends.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    SelectionSetNode,
)
from graphql.language import Lexer, Source, TokenKind

MAX_RESOLVER_COUNT = 10_000  # AppSync's default and maximum ResolverCountLimit
MAX_QUERY_DEPTH = 75  # AppSync's maximum QueryDepthLimit

_OPEN = {TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L}
_CLOSE = {TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R}


@dataclass(frozen=True)
class Limits:
    query_depth: int | None = None  # AppSync QueryDepthLimit; None: no limit
    resolver_count: int = MAX_RESOLVER_COUNT  # AppSync ResolverCountLimit
    # The sandbox's protection (not AppSync's): tokens in a document, nesting of {}/[]/() and of fragment
    # spreads, and the pairwise merge check's work: pairs of same-named fields once fragments are merged in
    # (about 30 us each when they conflict), and selections visited to count them.
    max_tokens: int = 15_000  # parsing costs about 30 us a token: 0.5 s at most
    max_nesting: int = 100
    max_merge_pairs: int = 10_000
    max_merge_work: int = 100_000


class LimitExceeded(Exception):
    """A document over a bound: answered as a GraphQL error, never parsed or validated further."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _bounded(value: Any, low: int, high: int) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high else None


def limits_from_template(template: Mapping[str, Any]) -> Limits:
    """The stage template's AWS::AppSync::GraphQLApi QueryDepthLimit/ResolverCountLimit, else AppSync's defaults."""
    for resource in (template.get("Resources") or {}).values():
        if isinstance(resource, Mapping) and resource.get("Type") == "AWS::AppSync::GraphQLApi":
            props = resource.get("Properties") or {}
            return Limits(
                query_depth=_bounded(props.get("QueryDepthLimit"), 1, MAX_QUERY_DEPTH),
                resolver_count=_bounded(props.get("ResolverCountLimit"), 1, MAX_RESOLVER_COUNT) or MAX_RESOLVER_COUNT,
            )
    return Limits()


def check_source(query: str, limits: Limits) -> None:
    """Token count and bracket nesting, by lexing only (the lexer does not recurse)."""
    lexer = Lexer(Source(query))
    depth = tokens = 0
    try:
        token = lexer.advance()
        while token.kind != TokenKind.EOF:
            tokens += 1
            if tokens > limits.max_tokens:
                raise LimitExceeded(f"The document has more than {limits.max_tokens} tokens.")
            if token.kind in _OPEN:
                depth += 1
                if depth > limits.max_nesting:
                    raise LimitExceeded(f"The document is nested more than {limits.max_nesting} levels deep.")
            elif token.kind in _CLOSE:
                depth -= 1
            token = lexer.advance()
    except GraphQLError:
        return  # a syntax error: the parser reports it with AppSync's wording


def check_document(document: DocumentNode, limits: Limits) -> None:
    """Fragment-spread chains and the merge check's pairs of same-named fields, walked iteratively."""
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    # Each definition's own nesting, plus the spread graph: a fragment's depth is the deepest spread path below it.
    own: dict[str | None, int] = {}
    spreads: dict[str | None, list[tuple[str, int]]] = {}
    for definition in document.definitions:
        selection_set = getattr(definition, "selection_set", None)
        if not isinstance(selection_set, SelectionSetNode):
            continue
        key = definition.name.value if isinstance(definition, FragmentDefinitionNode) else None
        own_depth, found = _walk(selection_set)
        own[key] = max(own.get(key, 0), own_depth)
        spreads.setdefault(key, []).extend(found)
    _check_spread_depth(own, spreads, set(fragments), limits)
    _check_merge_cost(document, fragments, limits)


def _check_merge_cost(document: DocumentNode, fragments: dict[str, FragmentDefinitionNode], limits: Limits) -> None:
    """Simulates OverlappingFieldsCanBeMergedRule's grouping: same-named fields of a level (fragments merged in)
    are compared pairwise, and their sub-selections are compared merged together."""
    pairs = work = 0
    roots = [getattr(d, "selection_set", None) for d in document.definitions]
    stack: list[list[SelectionSetNode]] = [[root] for root in roots if isinstance(root, SelectionSetNode)]
    while stack:
        pending = stack.pop()
        expanded: set[str] = set()
        groups: dict[str, list[SelectionSetNode | None]] = {}
        while pending:
            for selection in pending.pop().selections:
                work += 1
                if work > limits.max_merge_work:
                    raise LimitExceeded("The document selects too many fields once its fragments are expanded.")
                if isinstance(selection, FieldNode):
                    groups.setdefault((selection.alias or selection.name).value, []).append(selection.selection_set)
                elif isinstance(selection, InlineFragmentNode):
                    pending.append(selection.selection_set)
                elif isinstance(selection, FragmentSpreadNode):
                    fragment = fragments.get(selection.name.value)
                    if fragment is not None and selection.name.value not in expanded:
                        expanded.add(selection.name.value)
                        pending.append(fragment.selection_set)
        for name, children in groups.items():
            pairs += len(children) * (len(children) - 1) // 2
            if pairs > limits.max_merge_pairs:
                raise LimitExceeded(f"Too many fields share the response name '{name}'.")
            nested = [child for child in children if child is not None]
            if nested:
                stack.append(nested)


def _walk(root: SelectionSetNode) -> tuple[int, list[tuple[str, int]]]:
    deepest = 0
    found: list[tuple[str, int]] = []
    stack: list[tuple[SelectionSetNode, int]] = [(root, 1)]
    while stack:
        selection_set, depth = stack.pop()
        deepest = max(deepest, depth)
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                if selection.selection_set:
                    stack.append((selection.selection_set, depth + 1))
            elif isinstance(selection, InlineFragmentNode):
                stack.append((selection.selection_set, depth + 1))
            elif isinstance(selection, FragmentSpreadNode):
                found.append((selection.name.value, depth))
    return deepest, found


def _check_spread_depth(
    own: dict[str | None, int], spreads: dict[str | None, list[tuple[str, int]]], known: set[str], limits: Limits
) -> None:
    """Longest nesting through fragment spreads, by an iterative DFS with memo (cycles are validation's job)."""
    total: dict[str, int] = {}
    for start in [*known, None]:
        if start in total:
            continue
        stack: list[tuple[str | None, int]] = [(start, 0)]
        on_path: set[str | None] = set()
        while stack:
            name, index = stack.pop()
            if index == 0:
                on_path.add(name)
            children = [c for c in spreads.get(name, []) if c[0] in known]
            if index < len(children):
                stack.append((name, index + 1))
                child = children[index][0]
                if child not in total and child not in on_path:
                    if len(on_path) > limits.max_nesting:
                        raise LimitExceeded(f"Fragments are nested more than {limits.max_nesting} levels deep.")
                    stack.append((child, 0))
                continue
            on_path.discard(name)
            depth = max([own.get(name, 0)] + [d + total.get(c, 0) for c, d in children])
            if depth > limits.max_nesting:
                raise LimitExceeded(f"The document is nested more than {limits.max_nesting} levels deep.")
            if name is not None:
                total[name] = depth
