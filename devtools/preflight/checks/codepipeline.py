"""CodePipeline structure quotas: stages per pipeline, actions per stage.

Per-value limits (action configuration values, stage/action/artifact names) are in property_limits.
"""

from __future__ import annotations

from pipeline.cloudformation.assembly import Stack

from .. import quotas
from ..paths import find
from ..render import Renderer
from ..report import Location, Results
from .evaluate import check_count


def check(stack: Stack, renderer: Renderer, results: Results) -> None:
    for logical_id, resource in stack.resources.items():
        if not isinstance(resource, dict) or resource.get("Type") != "AWS::CodePipeline::Pipeline":
            continue
        where = Location(stack.template_path, logical_id)
        for path, stages in find(resource, "Properties.Stages"):
            if isinstance(stages, list):
                check_count(results, where, path, len(stages), True, quotas.CODEPIPELINE_STAGES_PER_PIPELINE)
        for path, actions in find(resource, "Properties.Stages[*].Actions"):
            if isinstance(actions, list):
                check_count(results, where, path, len(actions), True, quotas.CODEPIPELINE_ACTIONS_PER_STAGE)
