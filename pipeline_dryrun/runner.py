"""One step, from its input artifacts to PASS or FAIL.

A build directory per step: `src/` is CODEBUILD_SRC_DIR (the primary input), `src-<artifact>/` the secondary
inputs (CODEBUILD_SRC_DIR_<artifact>), `tmp/` the script, status file and runtime links (outside the source,
as CodeBuild keeps its own files under /codebuild/output/tmp). Kept on failure, deleted on success.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from . import checks
from .buildspec import BuildSpec, BuildSpecError, load_buildspec
from .environment import (
    BuildIdentity,
    StepEnvironmentError,
    base_environment,
    codebuild_variables,
    pipeline_variables,
    step_environment,
)
from .runtimes import prepare_runtimes
from .shell import ShellError, run_build, shell_command
from .template import Pipeline, Step, StepKind
from .variables import SandboxMappingError, SandboxTarget, contract_problems, map_to_sandbox, trust_sandbox_ca
from .workspace import WorkspaceError, fresh_copy


@dataclass(frozen=True)
class StepResult:
    label: str
    kind: str
    status: str  # PASS | FAIL | NOT RUN
    seconds: float | None = None
    detail: str = ""

    def line(self) -> str:
        took = f"{self.seconds:7.1f} s" if self.seconds is not None else "      -  "
        return f"{self.status:<7}  {self.kind:<11}  {self.label:<36} {took}  {self.detail}".rstrip()

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class RunContext:
    repo: Path
    assembly: Path  # the reference assembly: also what a `Synth_Output` input holds
    pipeline: Pipeline
    identity: BuildIdentity
    environ: Mapping[str, str]
    out: Callable[[str], None] = print
    keep: bool = False
    work_root: Path | None = None  # where build directories go (default: the system temp directory)


class StepFailed(Exception):
    """Ends a step with FAIL and the message."""


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()


def _materialize(step: Step, ctx: RunContext, root: Path) -> tuple[Path, dict[str, Path]]:
    """Input artifacts as directories: the source = a fresh copy of the repository; the synth output = a
    copy of the reference assembly. Others come from steps the dry run does not run."""
    primary, secondary = root / "src", {}
    for index, artifact in enumerate(step.inputs):
        target = primary if index == 0 else root / f"src-{artifact}"
        if artifact in ctx.pipeline.source_artifacts:
            fresh_copy(ctx.repo, target)
        elif artifact in ctx.pipeline.synth_outputs:
            shutil.copytree(ctx.assembly, target, symlinks=True)
        else:
            raise StepFailed(f"input artifact {artifact} comes from a step the dry run does not run")
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
    return env


def _verify(step: Step, ctx: RunContext, spec: BuildSpec, src: Path) -> str:
    """After a successful build: what CodeBuild and the pipeline check. Returns the PASS detail."""
    if problems := checks.artifact_problems(spec, src):
        raise StepFailed("; ".join(problems))
    output = checks.artifact_directory(spec, src)
    if step.kind is StepKind.SYNTH:
        if problems := checks.stack_differences(ctx.assembly, output):
            raise StepFailed("; ".join(problems))
        return f"assembly {output.relative_to(src)} has the reference's {len(checks.stack_ids(ctx.assembly))} stacks"
    if step.kind is StepKind.POST_DEPLOY:
        summary = checks.junit_summary(output)
        if problem := summary.problem():
            raise StepFailed(problem)
        return f"JUnit: {summary.describe()}"
    return ""


def run_step(step: Step, ctx: RunContext, *, sandbox: SandboxTarget | None = None) -> StepResult:
    started = time.monotonic()
    root = Path(tempfile.mkdtemp(prefix=f"pipeline-dryrun-{_slug(step.action)}-", dir=ctx.work_root))
    prefix = f"[{step.prefix}] "

    def echo(line: str) -> None:
        ctx.out(prefix + line)

    def result(status: str, detail: str) -> StepResult:
        return StepResult(step.label, step.kind.value, status, time.monotonic() - started, detail)

    try:
        if step.problem:
            raise StepFailed(step.problem)
        src, secondary = _materialize(step, ctx, root)
        try:
            spec = load_buildspec(step.buildspec or "", src)
        except BuildSpecError as exc:
            raise StepFailed(f"buildspec: {exc}") from None
        scratch = root / "tmp"
        env = _environment(step, ctx, spec, src, secondary, sandbox, scratch)
        runtimes = prepare_runtimes(spec.runtime_versions, scratch / "runtime-bin", env)
        for warning in runtimes.warnings:
            echo(warning)
        if runtimes.path_prefix:
            env["PATH"] = ":".join([*runtimes.path_prefix, env["PATH"]])
        for runtime, chosen in runtimes.chosen.items():
            echo(f"runtime {runtime}: {chosen}")
        shell = shell_command(spec.shell, env["PATH"])
        echo(f"CODEBUILD_SRC_DIR={src} shell={shell[0]}")
        outcome = run_build(
            spec, shell=shell, cwd=src, env=env, scratch=scratch, echo=echo, timeout_s=step.timeout_minutes * 60
        )
        if not outcome.succeeded:
            raise StepFailed(outcome.describe())
        detail = _verify(step, ctx, spec, src)
        for warning in checks.cache_warnings(spec, src, env.get("HOME")):
            echo(f"warning: {warning}")
    except (StepFailed, WorkspaceError, ShellError, SandboxMappingError, OSError) as exc:
        echo(f"FAILED: {exc}")
        echo(f"build directory kept: {root}")
        return result("FAIL", str(exc))
    if ctx.keep:
        echo(f"build directory kept (--keep): {root}")
    else:
        shutil.rmtree(root, ignore_errors=True)
    return result("PASS", detail)
