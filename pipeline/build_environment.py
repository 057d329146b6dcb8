"""The CodeBuild image, runtimes and CDK tool versions of every pipeline step.

Ubuntu standard:7.0 (22.04) offers nodejs 22 and python 3.12 through `runtime-versions`
(https://docs.aws.amazon.com/codebuild/latest/userguide/available-runtimes.html). Node 20 reached end of life
in April 2026, so the pipeline pins 22 (the CDK CLI and jsii support it); developer machines may still run 20.

Every CodeBuild project of the pipeline selects both runtimes, CDK Pipelines' own as well (self-mutation, asset
publishing, the permission-broadening check): without `runtime-versions` a project runs on the image's default
Node. The CDK tools those projects install globally (`aws-cdk`, `cdk-assets`) are the exact versions package.json
pins and package-lock.json locks, never `@latest` or a bare name, so no upstream release changes the pipeline
without a commit (tests/unit/infra/test_build_pins.py reads every project's buildspec).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_codebuild as codebuild
from aws_cdk import pipelines

from pipeline.project_root import PROJECT_ROOT

BUILD_IMAGE = codebuild.LinuxBuildImage.STANDARD_7_0
NODE_VERSION = "22"
PYTHON_VERSION = "3.12"
INSTALL_RUNTIMES = {"phases": {"install": {"runtime-versions": {"python": PYTHON_VERSION, "nodejs": NODE_VERSION}}}}

EXACT_VERSION = re.compile(r"\d+\.\d+\.\d+")
# ConfirmPermissionsBroadening's one CodeBuild project per pipeline (aws-cdk-lib pipelines, ApplicationSecurityCheck):
# its buildspec is fixed, with no option for the CLI version or the runtimes, so it is rewritten after the build.
SECURITY_CHECK = ("PipelinesSecurityCheck", "CDKSecurityCheck")
UNPINNED_CDK_INSTALL = "npm install -g aws-cdk"
_TOKEN = re.compile(r"__PINNED_TOKEN_(\d+)__")


def npm_pin(name: str, root: Path = PROJECT_ROOT) -> str:
    """The exact version of `name` that package.json pins (devDependencies) and package-lock.json locks: what the
    synth step's `npm ci` installs, and what the pipeline's CDK projects install with `npm install -g`."""
    pinned = json.loads((root / "package.json").read_text(encoding="utf-8")).get("devDependencies", {}).get(name)
    lock = json.loads((root / "package-lock.json").read_text(encoding="utf-8"))
    locked = lock.get("packages", {}).get(f"node_modules/{name}", {}).get("version")
    if not isinstance(pinned, str) or not EXACT_VERSION.fullmatch(pinned) or pinned != locked:
        raise ValueError(
            f"package.json: devDependencies.{name}: expected an exact version (like 1.2.3) that package-lock.json "
            f"locks, got {pinned!r} (locked: {locked!r}); run `npm install --save-exact --save-dev {name}@<version>`"
        )
    return pinned


def pin_permission_check(pipeline: pipelines.CodePipeline, cli_version: str) -> None:
    """The permission-broadening check's project (made by `build_pipeline()`, absent without a protected
    environment): its unversioned `npm install -g aws-cdk` becomes an install phase with the pinned runtimes and
    `aws-cdk@<cli_version>`. The rest of CDK's buildspec is kept as CDK renders it, intrinsics included."""
    check = pipeline.node.try_find_child(SECURITY_CHECK[0])
    if check is None:
        return
    project = check.node.find_child(SECURITY_CHECK[1]).node.default_child
    assert isinstance(project, codebuild.CfnProject), project
    stack = cdk.Stack.of(project)
    build_spec = stack.resolve(project.source)["buildSpec"]
    spec, intrinsics = _parse_join(build_spec)
    commands: list[str] = spec["phases"]["build"]["commands"]
    if commands.count(UNPINNED_CDK_INSTALL) != 1 or "install" in spec["phases"]:
        raise ValueError(
            f"{project.node.path}: CDK's permission check no longer installs its CLI with a single "
            f"`{UNPINNED_CDK_INSTALL}` in its build phase; review pipeline/build_environment.py pin_permission_check"
        )
    commands.remove(UNPINNED_CDK_INSTALL)
    install = {**INSTALL_RUNTIMES["phases"]["install"], "commands": [f"{UNPINNED_CDK_INSTALL}@{cli_version}"]}
    spec["phases"] = {"install": install, **spec["phases"]}
    project.add_property_override("Source.BuildSpec", _render_join(spec, intrinsics))


def _parse_join(build_spec: Any) -> tuple[dict[str, Any], list[Any]]:
    """A JSON buildspec, rendered by CDK as a string or an Fn::Join around intrinsics, as an object whose strings
    carry placeholders for those intrinsics."""
    if isinstance(build_spec, str):
        return json.loads(build_spec), []
    separator, parts = build_spec["Fn::Join"]
    if separator != "":  # a real check (not a type hint): it must hold under `python -O` too
        raise ValueError(f"expected CDK's buildspec as Fn::Join with an empty separator, got {build_spec!r}")
    intrinsics = [part for part in parts if not isinstance(part, str)]
    text, index = "", 0
    for part in parts:
        if isinstance(part, str):
            text += part
        else:
            text += f"__PINNED_TOKEN_{index}__"
            index += 1
    return json.loads(text), intrinsics


def _render_join(spec: dict[str, Any], intrinsics: list[Any]) -> Any:
    text = json.dumps(spec, indent=2)
    if not intrinsics:
        return text
    pieces = _TOKEN.split(text)  # text, index, text, index, ..., text
    parts: list[Any] = [
        intrinsics[int(piece)] if position % 2 else piece
        for position, piece in enumerate(pieces)
        if piece or position % 2
    ]
    return {"Fn::Join": ["", parts]}
