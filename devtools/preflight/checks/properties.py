"""Every property the mapping in property_limits names: names, descriptions, ranges, enums, per-value sizes."""

from __future__ import annotations

from pipeline.cloudformation.assembly import Stack

from ..limits import StringLimit
from ..paths import find
from ..property_limits import rules_for
from ..render import Renderer
from ..report import Location, Results
from .evaluate import check_integer, check_string


def check(stack: Stack, renderer: Renderer, results: Results) -> None:
    for logical_id, resource in stack.resources.items():
        if not isinstance(resource, dict):
            continue
        where = Location(stack.template_path, logical_id)
        for rule in rules_for(str(resource.get("Type", ""))):
            for path, node in find(resource, rule.path):
                value = renderer.value(node)
                if isinstance(rule.limit, StringLimit):
                    check_string(results, where, path, value, rule.limit)
                else:
                    check_integer(results, where, path, value, rule.limit)
