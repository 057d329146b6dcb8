"""Reads the fields (with their arguments) that a resolver's ``info.selectionSetGraphQL`` selects.

AppSync gives every resolver its selection as text: named fragments are not merged in, inline fragments are
kept (https://docs.aws.amazon.com/appsync/latest/devguide/resolver-context-reference-js.html, "info").
graphql-core is not in the Lambda (only the Powertools layer is), so this is a small reader of the GraphQL
executable grammar (https://spec.graphql.org/October2021/#sec-Language). It only serves look-ahead, which is an
optimization: anything it cannot read makes it answer ``None`` and the resolvers simply do not prefetch.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, NamedTuple

_TOKEN = re.compile(
    r"""
      (?P<ignored>[\s,\ufeff]+|\#[^\n\r]*)
    | (?P<block>\"\"\"(?:\\\"\"\"|[^\"]|\"(?!\"\"))*\"\"\")
    | (?P<string>"(?:\\.|[^"\\\n\r])*")
    | (?P<number>-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)
    | (?P<name>[_A-Za-z][_0-9A-Za-z]*)
    | (?P<spread>\.\.\.)
    | (?P<punct>[!$&()\:=@\[\]{|}])
    """,
    re.VERBOSE,
)


class Unreadable(Exception):
    """The text is not a selection set this reader understands."""


# A NamedTuple and a slotted class, not dataclasses: building a dataclass at import costs about three times as
# much, on every cold start (docs/cold-start.md).
class Variable(NamedTuple):
    name: str


class Field:
    """A field of the selection: its arguments (literals, or ``Variable`` for ``$name``), its sub-selection with
    inline fragments flattened in, and how many named fragment spreads it has (their fields are not in the text)."""

    __slots__ = ("arguments", "fields", "has_directives", "name", "named_spreads")

    def __init__(
        self,
        name: str,
        arguments: dict[str, Any] | None = None,
        has_directives: bool = False,
        fields: list[Field] | None = None,
        named_spreads: int = 0,
    ) -> None:
        self.name = name
        self.arguments = arguments if arguments is not None else {}
        self.has_directives = has_directives
        self.fields = fields if fields is not None else []
        self.named_spreads = named_spreads

    def _values(self) -> tuple[Any, ...]:
        return (self.name, self.arguments, self.has_directives, self.fields, self.named_spreads)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Field) and self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]  # mutable, so unhashable (as an eq-only dataclass)

    def __repr__(self) -> str:
        return "Field({!r}, {!r}, {!r}, {!r}, {!r})".format(*self._values())


def read(text: Any) -> Field | None:
    """The selection set text (``{ ... }``) as a nameless root field, or None when it cannot be read.

    Fields behind a named fragment spread are not in the text: only counted in ``named_spreads``."""
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        parser = _Parser(_tokens(text))
        root = parser.selection_set(Field(""))
        parser.end()
    except (Unreadable, IndexError, ValueError):
        return None
    return root


def resolve(value: Any, variables: Mapping[str, Any]) -> Any:
    """An argument value with its variables replaced by what the request sent.

    A variable not sent is null, as the GraphQL spec has it for a variable without a default
    (https://spec.graphql.org/October2021/#sec-Coercing-Variable-Values); a default written in the operation is
    not in the selection text, so that one guess can be wrong (the look-ahead's users check it)."""
    if isinstance(value, Variable):
        return variables.get(value.name)
    if isinstance(value, list):
        return [resolve(item, variables) for item in value]
    if isinstance(value, dict):
        return {key: resolve(item, variables) for key, item in value.items()}
    return value


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise Unreadable(f"unexpected character at {position}")
        kind = match.lastgroup or ""
        if kind != "ignored":
            tokens.append((kind, match.group()))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self._tokens = tokens
        self._at = 0

    def end(self) -> None:
        if self._at != len(self._tokens):
            raise Unreadable("text after the selection set")

    def _peek(self, value: str) -> bool:
        return self._at < len(self._tokens) and self._tokens[self._at][1] == value

    def _take(self, kind: str | None = None, value: str | None = None) -> str:
        token_kind, token = self._tokens[self._at]
        if (kind and token_kind != kind) or (value and token != value):
            raise Unreadable(f"expected {value or kind}, got {token!r}")
        self._at += 1
        return token

    def selection_set(self, owner: Field) -> Field:
        """Reads ``{ ... }`` into ``owner``'s sub-selection."""
        self._take("punct", "{")
        while not self._peek("}"):
            if self._peek("..."):
                self._take("spread")
                if self._peek("on"):  # inline fragment: its fields belong to this level
                    self._take("name")
                    self._take("name")
                elif not self._peek("@") and not self._peek("{"):  # named fragment: not in the text
                    self._take("name")
                    self._directives()
                    owner.named_spreads += 1
                    continue
                conditional = self._directives()
                fragment = self.selection_set(Field(""))
                for inner in fragment.fields:
                    inner.has_directives = inner.has_directives or conditional
                owner.fields += fragment.fields
                owner.named_spreads += fragment.named_spreads
            else:
                owner.fields.append(self._field())
        self._take("punct", "}")
        return owner

    def _field(self) -> Field:
        name = self._take("name")
        if self._peek(":"):  # the first name was an alias
            self._take("punct", ":")
            name = self._take("name")
        arguments = self._arguments()
        read = Field(name, arguments, self._directives())
        return self.selection_set(read) if self._peek("{") else read

    def _arguments(self) -> dict[str, Any]:
        arguments: dict[str, Any] = {}
        if self._peek("("):
            self._take("punct", "(")
            while not self._peek(")"):
                name = self._take("name")
                self._take("punct", ":")
                arguments[name] = self._value()
            self._take("punct", ")")
        return arguments

    def _directives(self) -> bool:
        found = False
        while self._peek("@"):
            self._take("punct", "@")
            self._take("name")
            self._arguments()
            found = True
        return found

    def _value(self) -> Any:
        kind, text = self._tokens[self._at]
        if text == "$":
            self._take("punct", "$")
            return Variable(self._take("name"))
        if text in ("[", "{"):
            closing = "]" if text == "[" else "}"
            self._take("punct", text)
            items: list[Any] = []
            entries: dict[str, Any] = {}
            while not self._peek(closing):
                if text == "[":
                    items.append(self._value())
                else:
                    key = self._take("name")
                    self._take("punct", ":")
                    entries[key] = self._value()
            self._take("punct", closing)
            return items if text == "[" else entries
        self._at += 1
        if kind == "number":
            return float(text) if any(c in text for c in ".eE") else int(text)
        if kind == "string":
            return json.loads(text, strict=False)  # GraphQL's escapes are JSON's; tabs may stand unescaped
        if kind == "name":
            return {"true": True, "false": False, "null": None}.get(text, text)  # else an enum value
        raise Unreadable(f"unsupported value {text!r}")
