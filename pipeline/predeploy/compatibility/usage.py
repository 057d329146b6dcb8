"""What an app version's operations touch in the schema it was built against: the fields it selects, the
arguments it passes, the types it reads in its responses and the input types it sends, the directives it uses.

Each entry keeps the names of the operations that use it, so a problem can name them. Walked with graphql-core's
TypeInfo over the version's own schema, so every name is resolved exactly as the app's generated code saw it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    GraphQLInputObjectType,
    GraphQLNamedType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    get_named_type,
    type_from_ast,
    visit,
)

from .released import Document

Users = dict[str, set[str]]


def _users() -> Users:
    return defaultdict(set)


@dataclass
class Usage:
    """Schema element → the operations (`file:name`) that use it."""

    fields: Users = field(default_factory=_users)  # "Type.field" selected (output types)
    arguments: Users = field(default_factory=_users)  # "Type.field(arg:)" passed
    read: Users = field(default_factory=_users)  # named types the app decodes from responses
    sent: Users = field(default_factory=_users)  # input objects, enums and scalars the app sends
    types: Users = field(default_factory=_users)  # every named type referenced (read, sent, fragment conditions)
    directives: Users = field(default_factory=_users)  # "@name" written in an operation


def collect(schema: GraphQLSchema, documents: tuple[Document, ...]) -> Usage:
    usage = Usage()
    for document in documents:
        type_info = TypeInfo(schema)
        visit(document.ast, TypeInfoVisitor(type_info, _Collector(schema, type_info, usage, document.name)))
    return usage


class _Collector(Visitor):
    def __init__(self, schema: GraphQLSchema, type_info: TypeInfo, usage: Usage, file_name: str) -> None:
        super().__init__()
        self.schema, self.type_info, self.usage, self.file_name = schema, type_info, usage, file_name
        self.label = file_name

    def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
        self.label = f"{self.file_name}:{node.name.value if node.name else node.operation.value}"

    def enter_fragment_definition(self, node: FragmentDefinitionNode, *_: Any) -> None:
        self.label = f"{self.file_name}:fragment {node.name.value}"
        self._type_condition(node)

    def enter_inline_fragment(self, node: InlineFragmentNode, *_: Any) -> None:
        self._type_condition(node)

    def enter_field(self, node: FieldNode, *_: Any) -> None:
        parent, definition = self.type_info.get_parent_type(), self.type_info.get_field_def()
        if parent is None or definition is None or node.name.value.startswith("__"):
            return
        self.usage.fields[f"{parent.name}.{node.name.value}"].add(self.label)
        named = get_named_type(definition.type)
        self.usage.read[named.name].add(self.label)
        self.usage.types[named.name].add(self.label)
        for argument in node.arguments:
            self.usage.arguments[f"{parent.name}.{node.name.value}({argument.name.value}:)"].add(self.label)
            if argument.name.value in definition.args:
                self._sent(get_named_type(definition.args[argument.name.value].type))

    def enter_variable_definition(self, node: Any, *_: Any) -> None:
        variable_type = type_from_ast(self.schema, node.type)
        if variable_type is not None:
            self._sent(get_named_type(variable_type))

    def enter_directive(self, node: Any, *_: Any) -> None:
        self.usage.directives[f"@{node.name.value}"].add(self.label)

    def _type_condition(self, node: FragmentDefinitionNode | InlineFragmentNode) -> None:
        if node.type_condition is not None:
            self.usage.types[node.type_condition.name.value].add(self.label)

    def _sent(self, named: GraphQLNamedType, seen: frozenset[str] = frozenset()) -> None:
        """An input type the app sends, and everything inside it (the app may set any of its fields)."""
        if named.name in seen:
            return
        self.usage.sent[named.name].add(self.label)
        self.usage.types[named.name].add(self.label)
        if isinstance(named, GraphQLInputObjectType):
            for input_field in named.fields.values():
                self._sent(get_named_type(input_field.type), seen | {named.name})
