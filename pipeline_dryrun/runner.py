"""One step, from its input artifacts to PASS or FAIL.

A build directory per step: `src/` is CODEBUILD_SRC_DIR (the primary input), `src-<artifact>/` the secondary
inputs (CODEBUILD_SRC_DIR_<artifact>), `tmp/` the script, status file and runtime links (outside the source,
as CodeBuild keeps its own files under /codebuild/output/tmp). Kept on failure, deleted on success.

A gate step (run_gate_step) is one build in two parts: what comes before its `python -m pipeline.gate` command
(the install) runs once, then that command and what follows it once per alarm state (gate_states.py), in the same
build directory and from the shell state the first part left.
"""

from __future__ import annotations

import datetime
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from pipeline.gate import variables as gate_variables

from . import checks
from .buildspec import BuildSpec, BuildSpecError, load_buildspec, split_at
from .environment import (
    BuildIdentity,
    StepEnvironmentError,
    base_environment,
    codebuild_variables,
    pipeline_variables,
    step_environment,
)
from .gate_states import (
    BAKE,
    ENTRY,
    STATES,
    GateSetupError,
    GateTarget,
    SandboxGate,
    StateResult,
    active_override,
    expected,
    observed,
    verdict,
)
from .runtimes import prepare_runtimes
from .shell import ShellError, run_build, shell_command
from .template import Pipeline, Step, StepKind
from .variables import (
    GATE_SECONDS_PER_MINUTE,
    SandboxMappingError,
    SandboxTarget,
    contract_problems,
    gate_contract_problems,
    map_gate_to_sandbox,
    map_to_sandbox,
    trust_sandbox_ca,
)
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


@dataclass(frozen=True)
class _Build:
    """A step ready to run: its inputs in place, its buildspec, environment and shell."""

    src: Path
    scratch: Path
    spec: BuildSpec
    env: dict[str, str]
    shell: list[str]


def _prepare(
    step: Step, ctx: RunContext, root: Path, sandbox: SandboxTarget | None, echo: Callable[[str], None]
) -> _Build:
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
    return _Build(src, scratch, spec, env, shell)


class _StepRun:
    """One step's build directory, output prefix, clock and ending (PASS/FAIL, the directory kept or not)."""

    def __init__(self, step: Step, ctx: RunContext) -> None:
        self.step, self.ctx = step, ctx
        self.started = time.monotonic()
        self.root = Path(tempfile.mkdtemp(prefix=f"pipeline-dryrun-{_slug(step.action)}-", dir=ctx.work_root))

    def echo(self, line: str) -> None:
        self.ctx.out(f"[{self.step.prefix}] {line}")

    def _result(self, status: str, detail: str) -> StepResult:
        return StepResult(self.step.label, self.step.kind.value, status, time.monotonic() - self.started, detail)

    def failed(self, exc: Exception) -> StepResult:
        self.echo(f"FAILED: {exc}")
        self.echo(f"build directory kept: {self.root}")
        return self._result("FAIL", str(exc))

    def passed(self, detail: str) -> StepResult:
        if self.ctx.keep:
            self.echo(f"build directory kept (--keep): {self.root}")
        else:
            shutil.rmtree(self.root, ignore_errors=True)
        return self._result("PASS", detail)


FAILURES = (StepFailed, WorkspaceError, ShellError, SandboxMappingError, GateSetupError, BuildSpecError, OSError)


def run_step(step: Step, ctx: RunContext, *, sandbox: SandboxTarget | None = None) -> StepResult:
    if step.kind is StepKind.GATE:
        return run_gate_step(step, ctx, sandbox=sandbox)
    run = _StepRun(step, ctx)
    try:
        build = _prepare(step, ctx, run.root, sandbox, run.echo)
        outcome = run_build(
            build.spec,
            shell=build.shell,
            cwd=build.src,
            env=build.env,
            scratch=build.scratch,
            echo=run.echo,
            timeout_s=step.timeout_minutes * 60,
        )
        if not outcome.succeeded:
            raise StepFailed(outcome.describe())
        detail = _verify(step, ctx, build.spec, build.src)
        for warning in checks.cache_warnings(build.spec, build.src, build.env.get("HOME")):
            run.echo(f"warning: {warning}")
    except FAILURES as exc:
        return run.failed(exc)
    return run.passed(detail)


GATE_COMMAND = re.compile(r"(?:^|\s)-m\s+pipeline\.gate(?:\s+(\w+)|\s|$)")
CHECK_MARGIN_S = 120  # start-up of the check's Python and boto3, on top of the shortened step timeout


def gate_command(spec: BuildSpec) -> tuple[str, int, str] | None:
    """(phase, index, command) of the buildspec's last `python -m pipeline.gate ...` command, if it has one."""
    found = [
        (phase.name, index, command)
        for phase in spec.phases
        for index, command in enumerate(phase.commands)
        if GATE_COMMAND.search(command)
    ]
    return found[-1] if found else None


def gate_check(command: str | None, env: Mapping[str, str]) -> str:
    """entry or bake: the gate command's argument, else (no command recognized) whether the step has BAKE_MINUTES."""
    match = GATE_COMMAND.search(command or "")
    if match and match.group(1) in (ENTRY, BAKE):
        return match.group(1)
    return BAKE if env.get(gate_variables.BAKE_MINUTES) else ENTRY


def run_gate_step(step: Step, ctx: RunContext, *, sandbox: SandboxTarget | None) -> StepResult:
    """The step once per alarm state; PASS when each state gave its expected outcome (gate_states.py)."""
    run = _StepRun(step, ctx)
    try:
        build = _prepare(step, ctx, run.root, sandbox, run.echo)
        assert sandbox is not None  # _environment refuses a gate step without one
        target = GateTarget.from_env(build.env)
        alarm = SandboxGate(target, sandbox, sts_region=ctx.pipeline.region)
        found = gate_command(build.spec)
        state_dir = build.scratch / "shell-state"
        if found is None:  # no recognizable gate command: the whole build per state
            run.echo("no `python -m pipeline.gate` command in the buildspec: the whole build runs once per state")
            check, resume, command = build.spec, None, None
        else:
            phase, index, command = found
            install, check = split_at(build.spec, phase, index)
            run.echo(f"once, before the gate command `{command}`:")
            prepared = run_build(
                install,
                shell=build.shell,
                cwd=build.src,
                env=build.env,
                scratch=build.scratch / "install",
                echo=run.echo,
                timeout_s=step.timeout_minutes * 60,
                keep=state_dir,
            )
            if not prepared.succeeded:
                raise StepFailed(f"before the gate command: {prepared.describe()}")
            resume = state_dir
        check_kind = gate_check(command, build.env)
        override = active_override(build.env, datetime.datetime.now(datetime.UTC).date())
        if override is not None:
            run.echo(f"{override.describe()}: expecting what it accepts to pass")
        if target.canary:
            alarm.canary_reported()
            run.echo(f"canary: a successful run a minute ago for {target.environment} in {target.where}")
        results = []
        for state in STATES:
            alarm.set(state)
            run.echo(f"gate alarm {target.alarm_name} in {target.where}: {state}")
            outcome = run_build(
                check,
                shell=build.shell,
                cwd=build.src,
                env=build.env,
                scratch=build.scratch / f"state-{state}",
                echo=run.echo,
                timeout_s=step.timeout_minutes * GATE_SECONDS_PER_MINUTE + CHECK_MARGIN_S,
                resume=resume,
            )
            results.append(StateResult(state, expected(state, check_kind, override), observed(outcome, command)))
            run.echo(f"{state}: {results[-1].text()}")
        passed, detail = verdict(results)
        if override is not None:
            detail += f" (gate_override {override.mode})"
        if not passed:
            raise StepFailed(detail)
        for warning in checks.cache_warnings(build.spec, build.src, build.env.get("HOME")):
            run.echo(f"warning: {warning}")
    except FAILURES as exc:
        return run.failed(exc)
    return run.passed(detail)
