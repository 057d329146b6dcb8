"""What an AWS step of the pipeline works on, read from its input assembly and its buildspec: the asset
destinations its commands publish to, the bootstrap its environments need (aws_steps.SandboxAws makes it in the
sandbox's moto), and the stacks `cdk deploy` deploys."""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .buildspec import BuildSpec
from .variables import role_account


@dataclass(frozen=True)
class Destination:
    """Where cdk-assets puts one file asset."""

    manifest: str  # the asset manifest's path in the assembly
    asset: str
    destination: str
    account: str | None
    region: str
    bucket: str
    key: str


@dataclass
class Bootstrap:
    """What `cdk bootstrap` would have made, per environment."""

    buckets: set[tuple[str, str, str]] = field(default_factory=set)  # (account, region, bucket)
    parameters: dict[tuple[str, str, str], int] = field(default_factory=dict)  # (account, region, name) -> version


def _manifests(assembly: Path) -> Iterable[tuple[Path, Mapping[str, Any]]]:
    """(directory, manifest) of the assembly and every nested one."""
    pending, seen = [assembly], set()
    while pending:
        directory = pending.pop(0)
        if directory.resolve() in seen or not (directory / "manifest.json").is_file():
            continue
        seen.add(directory.resolve())
        manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
        yield directory, manifest
        for artifact in (manifest.get("artifacts") or {}).values():
            if artifact.get("type") == "cdk:cloud-assembly":
                pending.append(directory / artifact["properties"]["directoryName"])


def _environment(text: str | None) -> tuple[str, str] | None:
    parts = (text or "").removeprefix("aws://").split("/")
    return (parts[0], parts[1]) if len(parts) == 2 and parts[0].isdigit() else None


def asset_destinations(assembly: Path, manifest_path: str) -> list[Destination]:
    """Every file asset destination of one asset manifest (a path relative to the assembly)."""
    path = assembly / manifest_path
    raw = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for asset, entry in (raw.get("files") or {}).items():
        for name, destination in (entry.get("destinations") or {}).items():
            found.append(
                Destination(
                    manifest_path,
                    asset,
                    name,
                    role_account(str(destination.get("assumeRoleArn", "")).replace("${AWS::Partition}", "aws")),
                    str(destination.get("region", "")),
                    str(destination.get("bucketName", "")),
                    str(destination.get("objectKey", "")),
                )
            )
    return found


def bootstrap_of(assembly: Path) -> Bootstrap:
    boot = Bootstrap()
    for directory, manifest in _manifests(assembly):
        for artifact in (manifest.get("artifacts") or {}).values():
            props = artifact.get("properties") or {}
            if artifact.get("type") == "cdk:asset-manifest" and props.get("file"):
                relative = str((directory / props["file"]).relative_to(assembly))
                for dest in asset_destinations(assembly, relative):
                    if dest.account and dest.region and dest.bucket:
                        boot.buckets.add((dest.account, dest.region, dest.bucket))
            if artifact.get("type") != "aws:cloudformation:stack":
                continue
            env = _environment(artifact.get("environment"))
            if env is None:
                continue
            for holder in (props, props.get("lookupRole") or {}):
                name, version = (
                    holder.get("bootstrapStackVersionSsmParameter"),
                    holder.get("requiresBootstrapStackVersion"),
                )
                if name and version:
                    key = (*env, str(name))
                    boot.parameters[key] = max(int(version), boot.parameters.get(key, 0))
    return boot


def _words(command: str) -> list[str]:
    """A simple command's words without its leading `NAME=value` assignments ([] when it cannot be split)."""
    try:
        words = shlex.split(command)
    except ValueError:
        return []
    while words and re.fullmatch(r"[A-Za-z_]\w*=.*", words[0]):
        words = words[1:]
    return words


def published_destinations(spec: BuildSpec, src: Path) -> list[Destination]:
    """The destinations the buildspec's `cdk-assets --path <manifest> publish [<asset>[:<destination>] ...]` commands
    name (all of the manifest's when a command names none)."""
    found = []
    for phase in spec.phases:
        for command in phase.commands:
            words = _words(command)
            if not words or words[0].rsplit("/", 1)[-1] != "cdk-assets" or "publish" not in words:
                continue
            manifest = next((words[i + 1] for i, w in enumerate(words[:-1]) if w in ("--path", "-p")), None)
            if manifest is None:
                continue
            selectors = [w for w in words[words.index("publish") + 1 :] if not w.startswith("-")]
            destinations = asset_destinations(src, manifest)
            for dest in destinations:
                if not selectors or any(s in (dest.asset, f"{dest.asset}:{dest.destination}") for s in selectors):
                    found.append(dest)
    return found


def stack_names(assembly: Path, artifact_ids: Iterable[str]) -> dict[str, tuple[str, str, str]]:
    """artifact id -> (stack name, account, region) for the given top-level stack artifacts."""
    manifest = json.loads((assembly / "manifest.json").read_text(encoding="utf-8"))
    found = {}
    for artifact_id in artifact_ids:
        artifact = (manifest.get("artifacts") or {}).get(artifact_id) or {}
        env = _environment(artifact.get("environment"))
        if artifact.get("type") == "aws:cloudformation:stack" and env:
            found[artifact_id] = ((artifact.get("properties") or {}).get("stackName") or artifact_id, *env)
    return found


def deployed_stacks(spec: BuildSpec) -> list[str]:
    """The stack artifacts the buildspec's `cdk ... deploy <stack>...` commands deploy."""
    found = []
    for phase in spec.phases:
        for command in phase.commands:
            words = _words(command)
            if words[:1] == ["cdk"] and "deploy" in words:
                rest = words[words.index("deploy") + 1 :]
                found += [w for w in rest if not w.startswith("-")]
    return found
