"""The kinds of constraint preflight enforces, each carrying the source that publishes it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

NON_WHITE_SPACE = "non-white-space chars"


@dataclass(frozen=True)
class StringLimit:
    """What a service accepts for one string value.

    `pattern` must match the whole value (botocore patterns are written for whole-value matching, like
    Java's `String.matches`); `forbidden` lists (regex searched anywhere, what it means) pairs for rules a
    single pattern cannot say (S3: no `..`, no `xn--` prefix). `measure` says whether the service counts
    characters, UTF-8 bytes, or (IAM policies) characters other than white space.
    """

    source: str
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    allowed: tuple[str, ...] = ()
    forbidden: tuple[tuple[str, str], ...] = ()
    measure: str = "chars"
    _compiled: re.Pattern[str] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Compile once, and fail when the rule is built (not mid-run) on a pattern Python's `re` cannot read.
        # ASCII: AWS validates with Java regexes, whose \w, \d and \s are ASCII-only by default.
        if self.pattern is not None:
            object.__setattr__(self, "_compiled", re.compile(self.pattern, re.ASCII))

    def matches(self, text: str) -> bool:
        return self._compiled is None or self._compiled.fullmatch(text) is not None

    def size(self, text: str) -> int:
        if self.measure == "bytes":
            return len(text.encode("utf-8"))
        if self.measure == NON_WHITE_SPACE:
            return sum(1 for character in text if not character.isspace())
        return len(text)


@dataclass(frozen=True)
class IntegerRange:
    """An inclusive range for an integer value."""

    source: str
    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True)
class CountLimit:
    """How many items a list may hold."""

    source: str
    minimum: int | None = None
    maximum: int | None = None
    unit: str = "items"
