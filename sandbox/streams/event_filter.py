"""Lambda event-source filter patterns (the common subset), so stream records reach the handler as in AWS."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

_MISSING = object()


def _matches_value(value: Any, rule: Any) -> bool:
    if isinstance(rule, dict):
        if "exists" in rule:
            return (value is not _MISSING) == bool(rule["exists"])
        if "prefix" in rule:
            return isinstance(value, str) and value.startswith(rule["prefix"])
        if "anything-but" in rule:
            excluded = rule["anything-but"]
            excluded = excluded if isinstance(excluded, list) else [excluded]
            return value is not _MISSING and value not in excluded
        if "numeric" in rule:  # not needed by this project; refuse rather than guess
            raise ValueError("numeric filters are not supported by the sandbox")
        return False
    return value is not _MISSING and value == rule


def matches(pattern: Mapping[str, Any], event: Any) -> bool:
    for key, rule in pattern.items():
        value = event.get(key, _MISSING) if isinstance(event, Mapping) else _MISSING
        if isinstance(rule, Mapping):
            if value is _MISSING:
                value = {}  # a missing parent still lets {"exists": false} below it match
            if not isinstance(value, Mapping) or not matches(rule, value):
                return False
        elif isinstance(rule, list):
            if not any(_matches_value(value, r) for r in rule):
                return False
        else:
            return False
    return True


def parse_filters(filter_criteria: Mapping[str, Any] | None) -> list[dict[str, Any]] | None:
    """`FilterCriteria` of an event source mapping → patterns; None = no filtering."""
    filters = (filter_criteria or {}).get("Filters") or []
    patterns = [json.loads(f["Pattern"]) if isinstance(f.get("Pattern"), str) else f.get("Pattern") for f in filters]
    return [p for p in patterns if isinstance(p, dict)] or None


def passes(patterns: Iterable[Mapping[str, Any]] | None, record: Any) -> bool:
    """A record passes when there are no patterns or any pattern matches (filters are OR-ed)."""
    return patterns is None or any(matches(p, record) for p in patterns)
