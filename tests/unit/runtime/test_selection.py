"""The reader of ``info.selectionSetGraphQL`` agrees with graphql-core on every selection it accepts."""

from __future__ import annotations

from typing import Any

from graphql import (
    FieldNode,
    InlineFragmentNode,
    ListValueNode,
    ObjectValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValueNode,
    VariableNode,
    parse,
    print_ast,
    value_from_ast_untyped,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from backend.runtime.routers import selection
from backend.runtime.routers.selection import Field, Variable

names = st.sampled_from(["id", "author", "comments", "items", "nextToken", "on_", "_x", "limit2"])
literals = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.text(st.characters(codec="utf-8", exclude_characters="\r\n\u2028\u2029"), max_size=8),
    st.sampled_from(["PUBLISHED", "GCM"]).map(lambda name: ("enum", name)),
)
values = st.recursive(
    st.one_of(literals, names.map(lambda name: ("var", name))),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(names, inner, max_size=3)),
    max_leaves=6,
)


def _text(value: Any) -> str:
    if isinstance(value, tuple):
        return ("$" if value[0] == "var" else "") + value[1]
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
        return '"' + "".join(c if ord(c) >= 0x20 else f"\\u{ord(c):04x}" for c in escaped) + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_text(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + " ".join(f"{key}: {_text(item)}" for key, item in value.items()) + "}"
    return str(value)


@st.composite
def selection_sets(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["field", "field", "inline", "spread"] if depth < 2 else ["field"]))
        if kind == "spread":
            parts.append("...Frag" + draw(st.sampled_from(["", " @skip(if: $no)"])))
            continue
        if kind == "inline":
            head = "... " + draw(st.sampled_from(["on Post ", "", "@include(if: true) "]))
            parts.append(head + draw(selection_sets(depth + 1)))
            continue
        alias = draw(st.sampled_from(["", "a: ", "b2: "]))
        arguments = draw(st.dictionaries(names, values, max_size=2))
        written = "(" + ", ".join(f"{k}: {_text(v)}" for k, v in arguments.items()) + ")" if arguments else ""
        directive = draw(st.sampled_from(["", " @include(if: $yes)", " @skip(if: false) @deprecated"]))
        sub = " " + draw(selection_sets(depth + 1)) if depth < 2 and draw(st.booleans()) else ""
        parts.append(f"{alias}{draw(names)}{written}{directive}{sub}")
    separator = draw(st.sampled_from(["\n  ", " ", ", ", " # note\n"]))
    return "{" + separator + separator.join(parts) + "\n}"


def expected(selection_set: SelectionSetNode | None, owner: Field, conditional: bool = False) -> Field:
    """What the reader should answer, from graphql-core's AST."""
    for node in selection_set.selections if selection_set else ():
        if isinstance(node, FieldNode):
            field = Field(
                node.name.value,
                {argument.name.value: _value(argument.value) for argument in node.arguments},
                bool(node.directives) or conditional,
            )
            owner.fields.append(expected(node.selection_set, field))
        elif isinstance(node, InlineFragmentNode):
            expected(node.selection_set, owner, conditional or bool(node.directives))
        else:
            owner.named_spreads += 1
    return owner


def _value(node: ValueNode) -> Any:
    if isinstance(node, VariableNode):
        return Variable(node.name.value)
    if isinstance(node, ListValueNode):
        return [_value(item) for item in node.values]
    if isinstance(node, ObjectValueNode):
        return {item.name.value: _value(item.value) for item in node.fields}
    return value_from_ast_untyped(node)


def _graphql_core(text: str) -> Field:
    operation = parse(text).definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    return expected(operation.selection_set, Field(""))


@settings(max_examples=300, deadline=None)
@given(selection_sets())
def test_reads_what_graphql_core_reads(text: str) -> None:
    assert selection.read(text) == _graphql_core(text)
    # AppSync prints the selection normalized; that form reads the same.
    assert selection.read(print_ast(parse(text).definitions[0])) == _graphql_core(text)


def test_appsync_shaped_selection() -> None:
    text = (
        "{\n  id\n  author {\n    id\n  }\n"
        "  page: comments(limit: 5, nextToken: $t) {\n    items {\n      ...C\n    }\n  }\n}"
    )
    root = selection.read(text)
    assert root is not None and [f.name for f in root.fields] == ["id", "author", "comments"]
    comments = root.fields[2]
    assert comments.arguments == {"limit": 5, "nextToken": Variable("t")}
    assert comments.fields[0].named_spreads == 1 and root.named_spreads == 0
    assert selection.resolve(comments.arguments["nextToken"], {"t": "tok"}) == "tok"


def test_what_it_cannot_read_is_none() -> None:
    for text in [None, 3, "", "   ", "{", "{ a(", "{ a } }", '{ a(x: """block""") }', "{ a(x: 1.5.3) }", "{ a: }"]:
        assert selection.read(text) is None, text


def test_a_variable_not_sent_is_null() -> None:
    assert selection.resolve({"a": [Variable("sent"), Variable("missing")]}, {"sent": 1}) == {"a": [1, None]}
