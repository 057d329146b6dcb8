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


def _walk(node: Any, steps: tuple[str, ...], path: str) -> Iterator[tuple[str, Any]]:
    if is_no_value(node):
        return
    if not steps:
        yield path, node
        return
    if is_intrinsic(node):
        branches = node.get("Fn::If")
        if isinstance(branches, list) and len(branches) == 3:
            for index in (1, 2):
                yield from _walk(branches[index], steps, f"{path}.Fn::If[{index}]")
        return
    step, rest = steps[0], steps[1:]
    if step in _EVERY:
        yield from _EVERY[step](node, rest, path)
    elif isinstance(node, dict) and step in node:
        yield from _walk(node[step], rest, _join(path, step))


def _every_item(node: Any, rest: tuple[str, ...], path: str) -> Iterator[tuple[str, Any]]:
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from _walk(item, rest, f"{path}[{index}]")


def _every_value(node: Any, rest: tuple[str, ...], path: str) -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, rest, _join(path, str(key)))


def _every_key(node: Any, rest: tuple[str, ...], path: str) -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict) and not rest:
        for key in node:
            yield f"{_join(path, str(key))} (key)", str(key)


# The steps that fan out (`[*]`, `<value>`, `<key>`); any other step is a key.
_EVERY = {_EACH: _every_item, "<value>": _every_value, "<key>": _every_key}
