"""The pipeline stack and the stack list of a synthesized cloud assembly.

Reads the assembly through `pipeline.cloudformation.assembly` (the one reader of CDK's manifest format).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.cloudformation.assembly import AssemblyError as _ManifestError
from pipeline.cloudformation.assembly import Stack, load_stacks


class AssemblyError(RuntimeError):
    """The directory is not a usable cloud assembly; the message says why."""


@dataclass(frozen=True)
class PipelineStack:
    stack_name: str
    template: dict[str, Any]
    account: str
    region: str


def _stacks(directory: Path) -> list[Stack]:
    try:
        return load_stacks(directory)
    except _ManifestError as exc:
        raise AssemblyError(f"{exc} (synthesize first: `make synth`, or `python app.py` with CDK_OUTDIR)") from None


def pipeline_stack(directory: Path) -> PipelineStack:
    """The top-level stack that holds the AWS::CodePipeline::Pipeline (CDK Pipelines may add support stacks
    for cross-region replication next to it, so 'the first stack' is not enough)."""
    found = [
        stack
        for stack in _stacks(directory)
        if "/" not in stack.template_path
        and any(r.get("Type") == "AWS::CodePipeline::Pipeline" for r in stack.resources.values())
    ]
    if len(found) != 1:
        names = ", ".join(s.stack_name for s in found) or "none"
        raise AssemblyError(f"{directory}: expected one top-level stack with a pipeline, found {names}")
    stack = found[0]
    if stack.account is None or stack.region is None:
        raise AssemblyError(f"the pipeline stack {stack.stack_name} has no concrete account/region")
    return PipelineStack(stack.stack_name, stack.template, stack.account, stack.region)


TEMPLATE_SUFFIX = ".template.json"


def stack_ids(directory: Path) -> set[str]:
    """Every stack of the assembly as `<nested assembly dir>/<artifact id>`: CDK names a stack's template
    `<artifact id>.template.json`."""
    return {stack.template_path.removesuffix(TEMPLATE_SUFFIX) for stack in _stacks(directory)}
