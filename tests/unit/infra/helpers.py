"""Small readers over synthesized templates (plain dicts) used by the infra tests."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def resources(template: Mapping[str, Any], resource_type: str) -> dict[str, dict[str, Any]]:
    return {k: v for k, v in template["Resources"].items() if v["Type"] == resource_type}


def only(template: Mapping[str, Any], resource_type: str) -> dict[str, Any]:
    found = list(resources(template, resource_type).values())
    assert len(found) == 1, f"expected one {resource_type}, found {len(found)}"
    return found[0]


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]
