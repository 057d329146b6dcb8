"""Selection-set helpers: AppSync's selectionSetList/selectionSetGraphQL, and alias-free result payloads."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    SelectionSetNode,
    get_named_type,
    print_ast,
)

Fragments = Mapping[str, FragmentDefinitionNode]


def iter_fields(selection_set: SelectionSetNode | None, fragments: Fragments):
    """Fields of a selection set with fragments expanded."""
    for selection in selection_set.selections if selection_set else ():
        if isinstance(selection, FieldNode):
            yield selection
        elif isinstance(selection, InlineFragmentNode):
            yield from iter_fields(selection.selection_set, fragments)
        elif isinstance(selection, FragmentSpreadNode) and selection.name.value in fragments:
            yield from iter_fields(fragments[selection.name.value].selection_set, fragments)


def selection_set_list(selection_set: SelectionSetNode | None, fragments: Fragments, prefix: str = "") -> list[str]:
    paths: list[str] = []
    for node in iter_fields(selection_set, fragments):
        name = node.name.value
        if name.startswith("__"):
            continue
        path = f"{prefix}{name}"
        if path not in paths:
            paths.append(path)
        for sub in selection_set_list(node.selection_set, fragments, prefix=f"{path}/"):
            if sub not in paths:
                paths.append(sub)
    return paths


def selection_set_graphql(selection_set: SelectionSetNode | None) -> str:
    return print_ast(selection_set) if selection_set else ""


def unalias(value: Any, selection_set: SelectionSetNode | None, fragments: Fragments) -> Any:
    """A response value keyed by field names instead of response keys (aliases)."""
    if selection_set is None or value is None:
        return value
    if isinstance(value, list):
        return [unalias(item, selection_set, fragments) for item in value]
    out: dict[str, Any] = {}
    for node in iter_fields(selection_set, fragments):
        key = node.alias.value if node.alias else node.name.value
        if key in value and node.name.value not in out:
            out[node.name.value] = unalias(value[key], node.selection_set, fragments)
    return out


def shape(payload: Any, selection_set: SelectionSetNode | None, fragments: Fragments, gql_type: Any) -> Any:
    """Project an alias-free payload onto a selection set of `gql_type` (fields the payload lacks become null)."""
    if selection_set is None or payload is None:
        return payload
    if isinstance(payload, list):
        return [shape(item, selection_set, fragments, gql_type) for item in payload]
    object_type = get_named_type(gql_type)
    out: dict[str, Any] = {}
    for node in iter_fields(selection_set, fragments):
        key = node.alias.value if node.alias else node.name.value
        if node.name.value == "__typename":
            out[key] = object_type.name
            continue
        field = getattr(object_type, "fields", {}).get(node.name.value)
        out[key] = shape(payload.get(node.name.value), node.selection_set, fragments, field.type if field else None)
    return out
