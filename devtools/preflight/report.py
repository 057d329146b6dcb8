"""Findings, how they print, and the counts a clean run reports."""

from __future__ import annotations

from dataclasses import dataclass, field

from .limits import CountLimit, IntegerRange, StringLimit
from .rendered import Rendered

VALUE_SHOWN = 80  # longer values are cut in failure lines


@dataclass(frozen=True)
class Finding:
    template: str  # relative to the assembly directory
    logical_id: str  # "-" for the template as a whole
    path: str
    observed: str  # the worst-case size, or the value itself
    expected: str  # e.g. "> max 1000"
    source: str

    def line(self) -> str:
        return f"{self.template}: {self.logical_id}: {self.path}: {self.observed} {self.expected} ({self.source})"


@dataclass
class Results:
    """What one run found and how much it looked at."""

    findings: list[Finding] = field(default_factory=list)
    templates: int = 0
    resources: int = 0
    values_checked: int = 0

    def summary(self, assembly: str) -> str:
        return (
            f"preflight: {assembly}: {self.templates} templates, {self.resources} resources, "
            f"{self.values_checked} values checked, no limit exceeded"
        )


def shown(text: str) -> str:
    if len(text) > VALUE_SHOWN:
        text = text[: VALUE_SHOWN - 1] + "…"
    return repr(text)


def size(value: Rendered, limit: StringLimit) -> str:
    """`1294 chars`, or `1294 chars (worst case)` when deploy-time values went into the count."""
    return f"{limit.size(value.sample)} {limit.measure}" + ("" if value.exact else " (worst case)")


@dataclass
class Location:
    """Where the values being checked come from; builds findings with the source of a limit."""

    template: str
    logical_id: str

    def finding(
        self, path: str, observed: str, expected: str, limit: StringLimit | IntegerRange | CountLimit
    ) -> Finding:
        return Finding(self.template, self.logical_id, path, observed, expected, limit.source)
