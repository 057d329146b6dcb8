"""SSM parameter values: 4 KB on the standard tier, 8 KB on the advanced tier (names are in property_limits)."""

from __future__ import annotations

from pipeline.cloudformation.assembly import Stack

from .. import quotas
from ..paths import find
from ..render import Renderer
from ..report import Location, Results
from .evaluate import check_string


def check(stack: Stack, renderer: Renderer, results: Results) -> None:
    for logical_id, resource in stack.resources.items():
        if not isinstance(resource, dict) or resource.get("Type") != "AWS::SSM::Parameter":
            continue
        properties = resource.get("Properties") or {}
        tier = renderer.value(properties.get("Tier", "Standard"))
        # Intelligent-Tiering moves a parameter to the advanced tier when it needs to; an unknown tier may be either.
        standard = tier.exact and tier.sample == "Standard"
        limit = quotas.SSM_PARAMETER_VALUE_STANDARD if standard else quotas.SSM_PARAMETER_VALUE_ADVANCED
        where = Location(stack.template_path, logical_id)
        for path, value in find(resource, "Properties.Value"):
            check_string(results, where, path, renderer.value(value), limit)
