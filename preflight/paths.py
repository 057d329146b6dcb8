"""Finds the values a property path names inside a resource, and the path to print for each.

Syntax (see property_limits): `.Key`, `[*]` every list item, `<value>` every mapping value, `<key>` every
mapping key. An `Fn::If` met on the way is followed into both branches (either may be deployed); a value that
is `AWS::NoValue` is absent and yields nothing; any other intrinsic where a list or mapping is expected cannot
be looked into at synth time and yields nothing (the renderer still measures it wherever it is a leaf).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .rendered import is_intrinsic, is_no_value

_EACH = "[*]"
_TOKEN = re.compile(r"(?P<key>[^\[\]]*)(?P<each>(\[\*\])*)")


def _tokens(pattern: str) -> tuple[str, ...]:
    tokens: list[str] = []
    for part in pattern.split("."):
        match = _TOKEN.fullmatch(part)
        if match is None:
            raise ValueError(f"bad property path {pattern!r}")
        if match["key"]:
            tokens.append(match["key"])
        tokens += [_EACH] * (len(match["each"]) // len(_EACH))
    return tuple(tokens)


def find(resource: Any, pattern: str) -> Iterator[tuple[str, Any]]:
    """(printable path, value) for every value `pattern` names in `resource`."""
    yield from _walk(resource, _tokens(pattern), "")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _walk(node: Any, tokens: tuple[str, ...], path: str) -> Iterator[tuple[str, Any]]:
    if is_no_value(node):
        return
    if not tokens:
        yield path, node
        return
    if is_intrinsic(node):
        branches = node.get("Fn::If")
        if isinstance(branches, list) and len(branches) == 3:
            for index in (1, 2):
                yield from _walk(branches[index], tokens, f"{path}.Fn::If[{index}]")
        return
    token, rest = tokens[0], tokens[1:]
    if token == _EACH:
        if isinstance(node, list):
            for index, item in enumerate(node):
                yield from _walk(item, rest, f"{path}[{index}]")
    elif token == "<value>":
        if isinstance(node, dict):
            for key, value in node.items():
                yield from _walk(value, rest, _join(path, str(key)))
    elif token == "<key>":
        if isinstance(node, dict) and not rest:
            for key in node:
                yield f"{_join(path, str(key))} (key)", str(key)
    elif isinstance(node, dict) and token in node:
        yield from _walk(node[token], rest, _join(path, token))
