"""The cloud assembly (cdk.out): which stack is the pipeline, where it lives, which stacks there are.

Manifest format: https://github.com/aws/aws-cdk-cli/tree/main/packages/%40aws-cdk/cloud-assembly-schema
(`manifest.json` lists artifacts; `aws:cloudformation:stack` ones have `environment: aws://<account>/<region>`
and `properties.templateFile`; CDK Pipelines stages are nested `cdk:cloud-assembly` artifacts whose
`properties.directoryName` holds another manifest.json).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STACK = "aws:cloudformation:stack"
NESTED_ASSEMBLY = "cdk:cloud-assembly"


class AssemblyError(RuntimeError):
    """The directory is not a usable cloud assembly; the message says why."""


@dataclass(frozen=True)
class PipelineStack:
    artifact_id: str
    template: dict[str, Any]
    template_path: Path
    account: str
    region: str


def read_manifest(directory: Path) -> dict[str, Any]:
    path = directory / "manifest.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AssemblyError(f"{path} not found: synthesize first (`make synth`, or `python app.py` with CDK_OUTDIR)") from None
    except ValueError as exc:
        raise AssemblyError(f"{path}: not JSON ({exc})") from None


def _environment(artifact: dict[str, Any]) -> tuple[str, str]:
    env = artifact.get("environment", "")
    prefix = "aws://"
    parts = env[len(prefix):].split("/") if env.startswith(prefix) else []
    if len(parts) != 2 or not parts[0].isdigit() or parts[1].startswith("unknown"):
        raise AssemblyError(f"the pipeline stack has no concrete account/region (environment {env!r})")
    return parts[0], parts[1]


def pipeline_stack(directory: Path) -> PipelineStack:
    """The top-level stack that holds the AWS::CodePipeline::Pipeline (CDK Pipelines may add support stacks
    for cross-region replication next to it, so 'the first stack' is not enough)."""
    manifest = read_manifest(directory)
    found: list[PipelineStack] = []
    for artifact_id, artifact in manifest.get("artifacts", {}).items():
        if artifact.get("type") != STACK:
            continue
        path = directory / artifact["properties"]["templateFile"]
        template = json.loads(path.read_text(encoding="utf-8"))
        if any(r.get("Type") == "AWS::CodePipeline::Pipeline" for r in template.get("Resources", {}).values()):
            account, region = _environment(artifact)
            found.append(PipelineStack(artifact_id, template, path, account, region))
    if len(found) != 1:
        names = ", ".join(p.artifact_id for p in found) or "none"
        raise AssemblyError(f"{directory}: expected one top-level stack with a pipeline, found {names}")
    return found[0]


def stack_ids(directory: Path, _prefix: str = "") -> set[str]:
    """Every stack artifact id in the assembly, nested ones as `<nested assembly dir>/<id>`."""
    ids: set[str] = set()
    for artifact_id, artifact in read_manifest(directory).get("artifacts", {}).items():
        if artifact.get("type") == STACK:
            ids.add(_prefix + artifact_id)
        elif artifact.get("type") == NESTED_ASSEMBLY:
            nested = artifact["properties"]["directoryName"]
            ids |= stack_ids(directory / nested, f"{_prefix}{nested}/")
    return ids
