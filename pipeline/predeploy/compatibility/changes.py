"""graphql-core's schema comparison (3.2: `find_breaking_changes` and `find_dangerous_changes`), each change
tied to its schema coordinate, to the usage that makes it matter to an installed app, and to why that app breaks.

graphql-core describes a change in a sentence; the patterns below read the names back out of the sentence of
each change type. A change whose sentence no pattern reads (a later graphql-core) counts as used by every app
version, so it fails rather than passes unseen; tests/unit/compatibility checks every change type has a pattern.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from graphql import (
    BreakingChangeType,
    DangerousChangeType,
    GraphQLSchema,
    find_breaking_changes,
    find_dangerous_changes,
)

from .usage import Usage

REJECTED = "AppSync rejects the operation as invalid, so the app gets an error instead of data"
DECODE = "the app's generated types cannot decode it, so the response fails to parse"


UsersOf = Callable[[Usage], set[str]]
Reader = Callable[[re.Match[str]], tuple[str, UsersOf]]


@dataclass(frozen=True)
class Change:
    kind: str  # graphql-core's change type, e.g. FIELD_REMOVED
    breaking: bool  # graphql-core's verdict: breaking (True) or dangerous (False)
    description: str  # graphql-core's sentence
    coordinate: str  # User.bio, PostStatus.ARCHIVED, Query.getPost(id:), SearchResult, @include
    member: str | None  # the added union member or interface, for client-safe markers
    why: str  # how an installed app that uses it breaks; "" when it cannot break one
    users: UsersOf  # the operations of a version that use what changed

    @property
    def breaks_apps(self) -> bool:
        return bool(self.why)


def _field(usage_kind: str) -> Reader:
    def read(match: re.Match[str]) -> tuple[str, UsersOf]:
        type_name, field_name = match["type"], match["field"]
        coordinate = f"{type_name}.{field_name}"

        def users(usage: Usage) -> set[str]:
            if usage_kind == "argument":
                return set(usage.fields.get(coordinate, set()))
            # An input type's field matters to every operation that sends the input type.
            return set(usage.fields.get(coordinate, set())) | set(usage.sent.get(type_name, set()))

        if usage_kind == "argument":
            return f"{coordinate}({match['arg']}:)", users
        return coordinate, users

    return read


def _named(kind: str, name_group: str = "type", value_group: str | None = None) -> Reader:
    def read(match: re.Match[str]) -> tuple[str, UsersOf]:
        name = match[name_group]
        coordinate = f"{name}.{match[value_group]}" if value_group else name

        def users(usage: Usage) -> set[str]:
            return set(getattr(usage, kind).get(name, set()))

        return coordinate, users

    return read


def _directive(match: re.Match[str]) -> tuple[str, UsersOf]:
    name = f"@{match['directive']}"
    return name, lambda usage: set(usage.directives.get(name, set()))


_W = r"(?P<{}>[_A-Za-z][_0-9A-Za-z]*)"
TYPE, FIELD, ARG, MEMBER, VALUE, DIRECTIVE = (
    _W.format(n) for n in ("type", "field", "arg", "member", "value", "directive")
)

# change type → (pattern of graphql-core's sentence, reader, why an app that uses it breaks; "" when none can)
PATTERNS: dict[str, tuple[str, Reader, str]] = {
    "TYPE_REMOVED": (rf"(?:Standard scalar )?{TYPE} was removed", _named("types"), REJECTED),
    "TYPE_CHANGED_KIND": (rf"{TYPE} changed from", _named("types"), f"its kind changed: {DECODE}"),
    "TYPE_REMOVED_FROM_UNION": (rf"{MEMBER} was removed from union type {TYPE}\.", _named("read"), REJECTED),
    # Removed from an enum: an app that sends the value is rejected; one that only reads it never gets it again.
    "VALUE_REMOVED_FROM_ENUM": (
        rf"{VALUE} was removed from enum type {TYPE}\.",
        _named("sent", value_group="value"),
        "an app that sends this value is rejected",
    ),
    "REQUIRED_INPUT_FIELD_ADDED": (
        rf"A required field {FIELD} on input type {TYPE} was added\.",
        _field("input"),
        "the app never sends it, so AppSync rejects the app's input",
    ),
    "IMPLEMENTED_INTERFACE_REMOVED": (
        rf"{TYPE} no longer implements interface {MEMBER}\.",
        _named("types"),
        "the app's fragments on the interface stop matching",
    ),
    "FIELD_REMOVED": (rf"{TYPE}\.{FIELD} was removed\.", _field("field"), REJECTED),
    "FIELD_CHANGED_KIND": (
        rf"{TYPE}\.{FIELD} changed type from",
        _field("field"),
        f"its type changed: {DECODE}, or AppSync rejects what the app sends",
    ),
    "REQUIRED_ARG_ADDED": (
        rf"A required arg {ARG} on {TYPE}\.{FIELD} was added\.",
        _field("argument"),
        "the app never passes it, so AppSync rejects the operation",
    ),
    "ARG_REMOVED": (rf"{TYPE}\.{FIELD} arg {ARG} was removed\.", _field("argument"), REJECTED),
    "ARG_CHANGED_KIND": (
        rf"{TYPE}\.{FIELD} arg {ARG} has changed type from",
        _field("argument"),
        "AppSync rejects the value the app passes",
    ),
    "DIRECTIVE_REMOVED": (rf"{DIRECTIVE} was removed\.", _directive, REJECTED),
    "DIRECTIVE_ARG_REMOVED": (rf"{ARG} was removed from {DIRECTIVE}\.", _directive, REJECTED),
    "REQUIRED_DIRECTIVE_ARG_ADDED": (
        rf"A required arg {ARG} on directive {DIRECTIVE} was added\.",
        _directive,
        REJECTED,
    ),
    "DIRECTIVE_REPEATABLE_REMOVED": (rf"Repeatable flag was removed from {DIRECTIVE}\.", _directive, REJECTED),
    "DIRECTIVE_LOCATION_REMOVED": (rf"{VALUE} was removed from {DIRECTIVE}\.", _directive, REJECTED),
    # Dangerous in graphql-core's words; for apps built with generated types, three of them break decoding.
    "VALUE_ADDED_TO_ENUM": (
        rf"{VALUE} was added to enum type {TYPE}\.",
        _named("read", value_group="value"),
        f"the app reads this enum and may receive the new value: {DECODE} (amplify-swift #1729)",
    ),
    "TYPE_ADDED_TO_UNION": (
        rf"{MEMBER} was added to union type {TYPE}\.",
        _named("read"),
        f"the app reads this union and may receive a {{member}}: {DECODE}",
    ),
    "IMPLEMENTED_INTERFACE_ADDED": (
        rf"{MEMBER} added to interfaces implemented by {TYPE}\.",
        _named("types"),
        f"the app may receive a {{type}} where it reads {{member}}: {DECODE}",
    ),
    "OPTIONAL_INPUT_FIELD_ADDED": (rf"An optional field {FIELD} on input type {TYPE} was added\.", _field("input"), ""),
    "OPTIONAL_ARG_ADDED": (rf"An optional arg {ARG} on {TYPE}\.{FIELD} was added\.", _field("argument"), ""),
    "ARG_DEFAULT_VALUE_CHANGE": (rf"{TYPE}\.{FIELD} arg {ARG} ", _field("argument"), ""),
}


def _everyone(usage: Usage) -> set[str]:
    return {label for users in usage.fields.values() for label in users} or {"(every operation)"}


def read_change(kind: str, breaking: bool, description: str) -> Change:
    pattern = PATTERNS.get(kind)
    match = re.match(pattern[0], description) if pattern else None
    if pattern is None or match is None:
        why = "graphql-core reports a change this check cannot place, so it counts as breaking every app version"
        return Change(kind, breaking, description, description, None, why, _everyone)
    coordinate, users = pattern[1](match)
    groups = match.groupdict()
    member = groups.get("member")
    if kind == "IMPLEMENTED_INTERFACE_ADDED":
        # The app breaks where it reads the interface, not where it reads the implementing type.
        coordinate, users = groups["type"], _named("read", name_group="member")(match)[1]
    why = pattern[2].format(member=member, type=groups.get("type"))
    if description.startswith("Standard scalar "):
        # graphql-core drops a built-in scalar no field uses any more; AppSync always has it, and the fields
        # that stopped using it are reported on their own.
        why = ""
    return Change(kind, breaking, description, coordinate, member, why, users)


def schema_changes(old: GraphQLSchema, new: GraphQLSchema) -> list[Change]:
    breaking = [read_change(c.type.name, True, c.description) for c in find_breaking_changes(old, new)]
    dangerous = [read_change(c.type.name, False, c.description) for c in find_dangerous_changes(old, new)]
    return breaking + dangerous


KNOWN_KINDS = frozenset(t.name for t in (*BreakingChangeType, *DangerousChangeType))
