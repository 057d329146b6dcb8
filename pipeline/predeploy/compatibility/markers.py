"""`client-safe`: how the schema says an added enum value, union member or interface implementation will not
break the app versions that read it (docs/evolving-the-api.md). A line in the description of what changed:

- an enum value added: in the value's own description, `client-safe: <why>`;
- a member added to a union: in the union's description, `client-safe <Member>: <why>`;
- an interface implemented by a type: in the type's description, `client-safe <Interface>: <why>`.

The reason is required: it is printed with every release the marker lets through. AppSync keeps descriptions
as they are, so the marker costs nothing at run time.
"""

from __future__ import annotations

import re

from graphql import GraphQLEnumType, GraphQLNamedType, GraphQLSchema

from .changes import Change

MARKER = re.compile(
    r"^\s*client-safe(?:\s+(?P<name>[_A-Za-z][_0-9A-Za-z]*))?\s*:\s*(?P<reason>\S.*?)\s*$", re.MULTILINE
)


def _reason(description: str | None, name: str | None) -> str | None:
    for match in MARKER.finditer(description or ""):
        if match["name"] == name:
            return match["reason"]
    return None


def client_safe_reason(new: GraphQLSchema, change: Change) -> str | None:
    """The marker's reason when `new` marks this dangerous change client-safe, else None."""
    if change.kind == "VALUE_ADDED_TO_ENUM":
        type_name, value_name = change.coordinate.split(".", 1)
        enum = new.get_type(type_name)
        if isinstance(enum, GraphQLEnumType) and value_name in enum.values:
            return _reason(enum.values[value_name].description, None)
        return None
    if change.kind in ("TYPE_ADDED_TO_UNION", "IMPLEMENTED_INTERFACE_ADDED"):
        named: GraphQLNamedType | None = new.get_type(change.coordinate)
        return _reason(named.description if named is not None else None, change.member)
    return None
