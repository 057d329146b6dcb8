"""A step made ready to run: its input artifacts as directories, its buildspec, its environment (mapped to the
sandbox where it talks to the deployed stack or the gate's alarm), runtimes, image tools and shell."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from pipeline.gate import variables as gate_variables

from . import checks, tested_tree
from .buildspec import BuildSpec, BuildSpecError, load_buildspec
from .environment import (
    StepEnvironmentError,
    base_environment,
    codebuild_variables,
    npm_global,
    pipeline_variables,
    step_environment,
)
from .image_tools import prepare_image_tools
from .pipeline_model import AWS_KINDS, Step, StepKind
from .runtimes import prepare_runtimes
from .shell import shell_command
from .step_run import RunContext, StepFailed, StepNotRun
from .variables import (
    SandboxTarget,
    contract_problems,
    gate_contract_problems,
    map_gate_to_sandbox,
    map_to_sandbox,
    trust_sandbox_ca,
)
from .workspace import fresh_copy


def _materialize(step: Step, ctx: RunContext, root: Path) -> tuple[Path, dict[str, Path]]:
    """Input artifacts as directories: the source = a fresh copy of the repository; the synth output = a
    copy of the reference assembly. Others come from steps the dry run does not run."""
    primary, secondary = root / "src", {}
    for index, artifact in enumerate(step.inputs):
        target = primary if index == 0 else root / f"src-{artifact}"
        if artifact in ctx.pipeline.source_artifacts:
            fresh_copy(ctx.repo, target)
        elif artifact in ctx.pipeline.synth_outputs:
            if ctx.synth_missing:
                raise StepNotRun(f"input {artifact}: {ctx.synth_missing}")
            shutil.copytree(ctx.synth_output or ctx.assembly, target, symlinks=True)
        else:
            raise StepNotRun(f"input artifact {artifact} comes from a step whose output the dry run does not keep")
        if index:
            secondary[artifact] = target
    if not step.inputs:
        primary.mkdir(parents=True)
    return primary, secondary


def _environment(
    step: Step,
    ctx: RunContext,
    spec: BuildSpec,
    src: Path,
    secondary: Mapping[str, Path],
    sandbox: SandboxTarget | None,
    scratch: Path,
) -> dict[str, str]:
    if spec.remote_variables:
        raise StepFailed(f"buildspec env needs AWS to resolve {', '.join(spec.remote_variables)}")
    try:
        env = step_environment(
            base=base_environment(ctx.environ, ctx.repo),
            codebuild=codebuild_variables(step, ctx.pipeline, ctx.identity, src, secondary),
            buildspec_variables=spec.variables,
            step=step,
            pipeline_values=pipeline_variables(ctx.pipeline, ctx.identity),
        )
    except StepEnvironmentError as exc:
        if step.kind is StepKind.GENERIC:  # no contract the dry run knows: a value it cannot give is not a failure
            raise StepNotRun(str(exc)) from None
        raise StepFailed(str(exc)) from None
    if step.kind is StepKind.POST_DEPLOY:
        if problems := contract_problems(step, env):
            raise StepFailed("; ".join(problems))
        if sandbox is None:
            raise StepFailed("no sandbox to stand in for the deployed stack")
        mapped = trust_sandbox_ca(map_to_sandbox(env, sandbox), sandbox.ca_cert, scratch / "ca-bundle.pem")
        changed = [
            f"{k}={mapped[k]}"
            for k in ("STACK_NAME", "TARGET_REGION", "TEST_ROLE_ARN", "AWS_ENDPOINT_URL_STS")
            if k in mapped
        ]
        ctx.out(f"[{step.prefix}] mapped to the sandbox: {' '.join(changed)}")
        return mapped
    if step.kind is StepKind.GATE:
        if problems := gate_contract_problems(step, ctx.pipeline, env):
            raise StepFailed("; ".join(problems))
        if sandbox is None:
            raise StepFailed("no sandbox whose moto can hold the gate alarm")
        for line in step.placeholders:
            ctx.out(f"[{step.prefix}] {line}")
        mapped = trust_sandbox_ca(map_gate_to_sandbox(env, sandbox), sandbox.ca_cert, scratch / "ca-bundle.pem")
        shown = ("AWS_ENDPOINT_URL", "AWS_MAX_ATTEMPTS", gate_variables.SECONDS_PER_MINUTE)
        ctx.out(f"[{step.prefix}] mapped to the sandbox: {' '.join(f'{k}={mapped[k]}' for k in shown)}")
        return mapped
    return env


@dataclass(frozen=True)
class Build:
    """A step ready to run: its inputs in place, its buildspec, environment and shell."""

    src: Path
    scratch: Path
    spec: BuildSpec
    env: dict[str, str]
    shell: list[str]

    def warn_about_cache(self, echo: Callable[[str], None]) -> None:
        """What would make the build cache useless (checks.cache_warnings)."""
        for warning in checks.cache_warnings(self.spec, self.src, self.env.get("HOME")):
            echo(f"warning: {warning}")


def prepare_build(
    step: Step, ctx: RunContext, root: Path, sandbox: SandboxTarget | None, echo: Callable[[str], None]
) -> Build:
    if step.problem:  # a value only a deployment knows: a known step's contract is broken; any other cannot run
        raise (StepNotRun if step.kind is StepKind.GENERIC else StepFailed)(step.problem)
    src, secondary = _materialize(step, ctx, root)
    try:
        spec = load_buildspec(step.buildspec or "", src)
    except BuildSpecError as exc:
        raise StepFailed(f"buildspec: {exc}") from None
    scratch = root / "tmp"
    env = _environment(step, ctx, spec, src, secondary, sandbox, scratch)
    if step.kind is StepKind.SYNTH and (passed := tested_tree.passed_on(ctx.repo)):
        env[tested_tree.VARIABLE] = passed  # this tree's unit tests passed in `make test`: not run twice
        echo(f"{tested_tree.VARIABLE}: {passed}")
    runtimes = prepare_runtimes(spec.runtime_versions, scratch / "runtime-bin", env)
    for warning in runtimes.warnings:
        echo(warning)
    env = npm_global(env, scratch / "npm-global")
    env["PATH"] = ":".join([*runtimes.path_prefix, env["PATH"]])
    for runtime, chosen in runtimes.chosen.items():
        echo(f"runtime {runtime}: {chosen}")
    tools = prepare_image_tools(scratch / "image-tools", env, step.image, talks_to_aws=step.kind in AWS_KINDS)
    if tools.bin_dir is not None:
        env["PATH"] = f"{env['PATH']}:{tools.bin_dir}"
    for note in tools.notes:
        echo(note)
    shell = shell_command(spec.shell, env["PATH"])
    echo(f"CODEBUILD_SRC_DIR={src} shell={shell[0]}")
    return Build(src, scratch, spec, env, shell)
