"""Reads a cloud assembly (cdk.out): every CloudFormation stack template, nested assemblies included."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STACK_ARTIFACT = "aws:cloudformation:stack"
# The cloud-assembly schema calls a nested assembly `cdk:cloud-assembly` (what CDK Pipelines stages produce);
# `aws:cloud-assembly` is accepted too, as a spelling some tools and write-ups use.
NESTED_ASSEMBLY_ARTIFACTS = ("cdk:cloud-assembly", "aws:cloud-assembly")
_ENVIRONMENT = re.compile(r"aws://(?P<account>[^/]+)/(?P<region>[^/]+)")


class AssemblyError(Exception):
    """The directory is not a readable cloud assembly."""


@dataclass(frozen=True)
class Stack:
    """One stack template and what the manifest says about where it deploys."""

    template_path: str  # relative to the root assembly directory, as failure lines print it
    template: dict[str, Any]
    size_bytes: int
    stack_name: str
    account: str | None  # None for an environment-agnostic stack (`unknown-account`)
    region: str | None

    @property
    def resources(self) -> dict[str, Any]:
        resources = self.template.get("Resources")
        return resources if isinstance(resources, dict) else {}


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise AssemblyError(f"{path}: not found") from exc
    except json.JSONDecodeError as exc:
        raise AssemblyError(f"{path}: not valid JSON ({exc})") from exc


def _environment(value: Any) -> tuple[str | None, str | None]:
    match = _ENVIRONMENT.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return None, None
    account, region = match["account"], match["region"]
    # CDK writes `unknown-account` / `unknown-region` for environment-agnostic stacks.
    return (account if account.isdigit() else None), (region if not region.startswith("unknown") else None)


def load_stacks(root: Path) -> list[Stack]:
    """Every stack of the assembly at `root`, in manifest order, nested assemblies where they are listed."""
    if not (root / "manifest.json").is_file():
        raise AssemblyError(f"{root}: no manifest.json (not a cloud assembly; run `cdk synth` first)")
    stacks: list[Stack] = []
    _collect(root.resolve(), root.resolve(), stacks, seen=set())
    return stacks


def _collect(root: Path, directory: Path, stacks: list[Stack], seen: set[Path]) -> None:
    if directory in seen:
        return
    seen.add(directory)
    manifest = _read_json(directory / "manifest.json")
    artifacts = manifest.get("artifacts") if isinstance(manifest, dict) else None
    if not isinstance(artifacts, dict):
        raise AssemblyError(f"{directory / 'manifest.json'}: has no artifacts")
    for artifact_id, artifact in artifacts.items():
        kind = artifact.get("type")
        properties = artifact.get("properties") or {}
        if kind == STACK_ARTIFACT:
            stacks.append(_stack(root, directory, artifact_id, artifact, properties))
        elif kind in NESTED_ASSEMBLY_ARTIFACTS:
            nested = (directory / str(properties.get("directoryName") or artifact_id)).resolve()
            _collect(root, nested, stacks, seen)


def _stack(
    root: Path, directory: Path, artifact_id: str, artifact: dict[str, Any], properties: dict[str, Any]
) -> Stack:
    template_file = properties.get("templateFile")
    if not isinstance(template_file, str):
        raise AssemblyError(f"{directory / 'manifest.json'}: stack {artifact_id} has no templateFile")
    path = directory / template_file
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise AssemblyError(f"{path}: not found (listed in {directory / 'manifest.json'})") from exc
    try:
        template = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise AssemblyError(f"{path}: not valid JSON ({exc})") from exc
    account, region = _environment(artifact.get("environment"))
    return Stack(
        template_path=path.relative_to(root).as_posix(),
        template=template if isinstance(template, dict) else {},
        size_bytes=len(raw),
        # The cloud-assembly schema: without `stackName` the stack is named after its artifact id.
        stack_name=properties.get("stackName") or artifact_id,
        account=account,
        region=region,
    )


def stack_named(root: Path, stack_name: str) -> Stack:
    """The stack the manifest names `stack_name` (its `stackName`, else its artifact id), nested assemblies
    included; AssemblyError naming the stacks there when it is missing."""
    stacks = load_stacks(root)
    for stack in stacks:
        if stack.stack_name == stack_name:
            return stack
    known = ", ".join(stack.stack_name for stack in stacks) or "none"
    raise AssemblyError(f"{root / 'manifest.json'}: no stack named {stack_name} (stacks: {known})")
