"""The check families, run over every stack of an assembly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pipeline.cloudformation.assembly import Stack, load_stacks

from ..render import Renderer
from ..report import Results
from . import (
    codepipeline,
    cognito_email,
    iam,
    iam_actions,
    lambda_function,
    name_collisions,
    properties,
    ssm_parameter,
    template,
)

Check = Callable[[Stack, Renderer, Results], None]

CHECKS: tuple[Check, ...] = (
    template.check,
    properties.check,
    codepipeline.check,
    iam.check,
    iam_actions.check,
    lambda_function.check,
    ssm_parameter.check,
    cognito_email.check,
)


def check_stacks(stacks: list[Stack]) -> Results:
    results = Results()
    for stack in stacks:
        results.templates += 1
        results.resources += len(stack.resources)
        renderer = Renderer(stack)
        for check in CHECKS:
            check(stack, renderer, results)
    name_collisions.check_all(stacks, results)  # across stacks: names two of them would claim in one namespace
    return results


def check_assembly(directory: Path) -> Results:
    return check_stacks(load_stacks(directory))
