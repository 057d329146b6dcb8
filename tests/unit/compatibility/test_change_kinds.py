"""Every change graphql-core reports is tied to its coordinate: a pattern per change type, each shown reading a
real sentence; a sentence no pattern reads counts against every app version instead of passing unseen."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import build_schema

from pipeline.predeploy.compatibility.changes import KNOWN_KINDS, PATTERNS, read_change, schema_changes
from pipeline.predeploy.compatibility.usage import Usage

BASE = """
directive @tag(name: String) repeatable on FIELD | QUERY
interface Node { id: ID! }
type Post implements Node { id: ID! title: String status: Status tags(first: Int = 1): [String] }
type Note { id: ID! }
union Item = Post | Note
enum Status { DRAFT LIVE }
input PostInput { title: String }
type Query { post(id: ID!): Post items: [Item] node: Node add(input: PostInput): Post }
"""

# change type → (the edited schema, the coordinate the change is about)
# kind -> the (old, new) replacements that make the change, then the coordinate it is reported at
EDITS: dict[str, tuple[Any, ...]] = {
    "TYPE_REMOVED": (("type Note { id: ID! }", ""), ("union Item = Post | Note", "union Item = Post"), "Note"),
    "TYPE_CHANGED_KIND": (("enum Status { DRAFT LIVE }", "scalar Status"), "Status"),
    "TYPE_REMOVED_FROM_UNION": (("union Item = Post | Note", "union Item = Post"), "Item"),
    "VALUE_REMOVED_FROM_ENUM": (("enum Status { DRAFT LIVE }", "enum Status { DRAFT }"), "Status.LIVE"),
    "REQUIRED_INPUT_FIELD_ADDED": (
        ("input PostInput { title: String", "input PostInput { title: String body: String!"),
        "PostInput.body",
    ),
    "IMPLEMENTED_INTERFACE_REMOVED": (("type Post implements Node", "type Post"), "Post"),
    "FIELD_REMOVED": (("title: String status", "status"), "Post.title"),
    "FIELD_CHANGED_KIND": (("title: String status", "title: Int status"), "Post.title"),
    "REQUIRED_ARG_ADDED": (("post(id: ID!)", "post(id: ID!, locale: String!)"), "Query.post(locale:)"),
    "ARG_REMOVED": (("post(id: ID!)", "post"), "Query.post(id:)"),
    "ARG_CHANGED_KIND": (("post(id: ID!)", "post(id: Int!)"), "Query.post(id:)"),
    "DIRECTIVE_REMOVED": (("directive @tag(name: String) repeatable on FIELD | QUERY", ""), "@tag"),
    "DIRECTIVE_ARG_REMOVED": (("@tag(name: String)", "@tag"), "@tag"),
    "REQUIRED_DIRECTIVE_ARG_ADDED": (("@tag(name: String)", "@tag(name: String, level: Int!)"), "@tag"),
    "DIRECTIVE_REPEATABLE_REMOVED": ((" repeatable on", " on"), "@tag"),
    "DIRECTIVE_LOCATION_REMOVED": (("on FIELD | QUERY", "on FIELD"), "@tag"),
    "VALUE_ADDED_TO_ENUM": (("enum Status { DRAFT LIVE }", "enum Status { DRAFT LIVE GONE }"), "Status.GONE"),
    "TYPE_ADDED_TO_UNION": (
        ("union Item = Post | Note", "union Item = Post | Note | Extra\ntype Extra { a: Int }"),
        "Item",
    ),
    "IMPLEMENTED_INTERFACE_ADDED": (("type Note {", "type Note implements Node {"), "Note"),
    "OPTIONAL_INPUT_FIELD_ADDED": (
        ("input PostInput { title: String", "input PostInput { title: String body: String"),
        "PostInput.body",
    ),
    "OPTIONAL_ARG_ADDED": (("post(id: ID!)", "post(id: ID!, locale: String)"), "Query.post(locale:)"),
    "ARG_DEFAULT_VALUE_CHANGE": (("first: Int = 1", "first: Int = 2"), "Post.tags(first:)"),
}


def test_every_change_type_of_the_pinned_graphql_core_has_a_pattern_and_an_edit_that_shows_it() -> None:
    assert set(PATTERNS) == KNOWN_KINDS
    assert set(EDITS) == KNOWN_KINDS


@pytest.mark.parametrize("kind", sorted(EDITS))
def test_a_change_is_read_back_to_its_coordinate(kind: str) -> None:
    *replacements, coordinate = EDITS[kind]
    edited = BASE
    for old, new in replacements:
        assert old in edited
        edited = edited.replace(old, new, 1)
    changes = [c for c in schema_changes(build_schema(BASE), build_schema(edited)) if c.kind == kind]
    assert changes, f"the edit does not produce {kind}"
    assert coordinate in {c.coordinate for c in changes}, [c.description for c in changes]


def test_a_sentence_no_pattern_reads_counts_against_every_operation() -> None:
    change = read_change("FIELD_REMOVED", True, "Something graphql-core says in a later release.")
    usage = Usage()
    usage.fields["Query.me"].add("q.graphql:Me")
    assert change.breaks_apps
    assert change.users(usage) == {"q.graphql:Me"}
    assert change.coordinate == "Something graphql-core says in a later release."


def test_a_built_in_scalar_no_field_uses_any_more_is_not_a_break_by_itself() -> None:
    old = build_schema("type Query { a: Float b: Int }")
    new = build_schema("type Query { a: Int b: Int }")
    by_coordinate = {c.coordinate: c for c in schema_changes(old, new)}
    assert not by_coordinate["Float"].breaks_apps
    assert by_coordinate["Query.a"].breaks_apps
