"""Lambda quotas botocore does not model: environment variables in aggregate, number of layers."""

from __future__ import annotations

from pipeline.cloudformation.assembly import Stack

from .. import quotas
from ..paths import find
from ..render import Renderer
from ..report import Location, Results
from .evaluate import check_count, check_string


def check(stack: Stack, renderer: Renderer, results: Results) -> None:
    for logical_id, resource in stack.resources.items():
        if not isinstance(resource, dict) or resource.get("Type") != "AWS::Lambda::Function":
            continue
        where = Location(stack.template_path, logical_id)
        for path, variables in find(resource, "Properties.Environment.Variables"):
            # Lambda measures the map as compact JSON (see quotas.LAMBDA_ENVIRONMENT).
            check_string(results, where, path, renderer.json(variables), quotas.LAMBDA_ENVIRONMENT)
        for path, layers in find(resource, "Properties.Layers"):
            rendered = renderer.values(layers)
            check_count(results, where, path, rendered.count, rendered.items is not None, quotas.LAMBDA_LAYERS)
