"""Rendered values: a worst-case sample of a CloudFormation value, and lists of them (see render.py)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

PLACEHOLDER = "x"  # stands for each character only known at deploy time


@dataclass(frozen=True)
class Rendered:
    """A value as long as its worst case: exact text, or text with PLACEHOLDER runs for deploy-time parts."""

    sample: str
    exact: bool
    absent: bool = False  # AWS::NoValue: the property is left out

    @property
    def length(self) -> int:
        return len(self.sample)

    @property
    def text(self) -> str | None:
        return self.sample if self.exact else None


ABSENT = Rendered("", exact=True, absent=True)


def known(text: str) -> Rendered:
    return Rendered(text, exact=True)


def unknown(length: int) -> Rendered:
    return Rendered(PLACEHOLDER * max(length, 0), exact=False)


def concat(parts: Iterable[Rendered]) -> Rendered:
    present = [part for part in parts if not part.absent]
    return Rendered("".join(p.sample for p in present), exact=all(p.exact for p in present))


def widest(options: Iterable[Rendered]) -> Rendered:
    """The longest of several possible values; exact only when every option is the same known text."""
    options = list(options)
    present = [option for option in options if not option.absent]
    if not present:
        return ABSENT
    longest = max(present, key=lambda option: option.length)
    same = len(present) == len(options) and all(o.exact and o.sample == longest.sample for o in present)
    return longest if same else Rendered(longest.sample, exact=False)


@dataclass(frozen=True)
class RenderedList:
    """A list value; `items` is None when not even the number of items is known at synth time."""

    items: tuple[Rendered, ...] | None
    max_count: int = 0
    max_item_length: int = 0
    max_total_length: int = 0

    @staticmethod
    def of(items: Iterable[Rendered]) -> RenderedList:
        return RenderedList(tuple(item for item in items if not item.absent))

    @staticmethod
    def unknown(max_count: int, max_item_length: int, max_total_length: int | None = None) -> RenderedList:
        total = max_count * max_item_length if max_total_length is None else max_total_length
        return RenderedList(None, max_count, max_item_length, total)

    @property
    def count(self) -> int:
        return len(self.items) if self.items is not None else self.max_count

    @property
    def longest_item(self) -> int:
        if self.items is not None:
            return max((item.length for item in self.items), default=0)
        return self.max_item_length

    @property
    def total(self) -> int:
        return sum(item.length for item in self.items) if self.items is not None else self.max_total_length

    def joined(self, delimiter: str) -> Rendered:
        if self.items is not None:
            parts: list[Rendered] = []
            for index, item in enumerate(self.items):
                if index:
                    parts.append(known(delimiter))
                parts.append(item)
            return concat(parts)
        return unknown(self.max_total_length + max(self.max_count - 1, 0) * len(delimiter))

    def select(self, index: int | None) -> Rendered:
        if self.items is None:
            return unknown(self.max_item_length)
        if index is not None and 0 <= index < len(self.items):
            return self.items[index]
        return widest(self.items) if self.items else unknown(0)

    def as_json(self) -> Rendered:
        if self.items is not None:
            parts = [known("[")]
            for index, item in enumerate(self.items):
                parts += ([known(",")] if index else []) + [quoted(item)]
            return concat([*parts, known("]")])
        return unknown(2 + self.max_total_length + 2 * self.max_count + max(self.max_count - 1, 0))


def widest_any(options: list[Rendered | RenderedList]) -> Rendered | RenderedList:
    if all(isinstance(option, Rendered) for option in options):
        return widest(option for option in options if isinstance(option, Rendered))
    lists = [option if isinstance(option, RenderedList) else RenderedList.of([option]) for option in options]
    first = lists[0]
    if all(other == first for other in lists[1:]):
        return first
    return RenderedList.unknown(
        max(lst.count for lst in lists), max(lst.longest_item for lst in lists), max(lst.total for lst in lists)
    )


def quoted(value: Rendered) -> Rendered:
    if value.absent:
        return ABSENT
    return Rendered(json.dumps(value.sample, ensure_ascii=False), exact=value.exact)


def is_intrinsic(node: Any) -> bool:
    """`{"Ref": ...}` or `{"Fn::...": ...}`, the only single-key objects CloudFormation evaluates in properties."""
    if not isinstance(node, dict) or len(node) != 1:
        return False
    key = next(iter(node))
    return key == "Ref" or (isinstance(key, str) and key.startswith("Fn::"))


def is_no_value(node: Any) -> bool:
    return node == {"Ref": "AWS::NoValue"}
