"""One step, from its input artifacts to PASS or FAIL.

A build directory per step: `src/` is CODEBUILD_SRC_DIR (the primary input), `src-<artifact>/` the secondary
inputs (CODEBUILD_SRC_DIR_<artifact>), `tmp/` the script, status file and runtime links (outside the source,
as CodeBuild keeps its own files under /codebuild/output/tmp). Kept on failure, deleted on success.

Every step gets its own npm global prefix (`npm install -g` installs into the build directory and its `bin` comes
first on PATH, as a fresh build container keeps global installs to itself, and this machine's global packages stay
as they are) and stand-ins for the image's tools this machine lacks (image_tools.py).

A step that talks to AWS (run_aws_step: self-mutation, asset publishing, the permission check, and any CodeBuild
step the dry run has no particular knowledge of) runs against the sandbox's moto through a recording proxy
(aws_steps.py); when it stops at something moto does not do, or at a tool this machine lacks, it is PARTIAL (ran as
far as the sandbox answers, and says where it stopped), not FAIL. A step whose input or variable the dry run cannot
give (the synth step failed; a CodePipeline variable of another action) is NOT RUN, with the reason.
An unpinned install in any step's buildspec (pins.py) makes it FAIL, whatever else it did.

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

from . import checks, tested_tree
from .artifacts import keep_output as keep_output_of
from .aws_proxy import AwsCall, RecordingProxy
from .aws_steps import (
    STEP_ROLE,
    AwsSetupError,
    SandboxAws,
    bootstrap_of,
    deployed_stacks,
    exported_values,
    published_destinations,
    stack_names,
    summarize,
)
from .buildspec import BuildSpec, BuildSpecError, load_buildspec, split_at
from .environment import (
    BuildIdentity,
    StepEnvironmentError,
    base_environment,
    codebuild_variables,
    npm_global,
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
from .image_tools import prepare_image_tools
from .moto_limits import sandbox_stop
from .runtimes import prepare_runtimes
from .shell import BuildOutcome, ShellError, run_build, shell_command
from .template import AWS_KINDS, Pipeline, Step, StepKind
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
    status: str  # PASS | FAIL | PARTIAL (ran as far as the sandbox answers) | NOT RUN
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
    # The synth step's output artifact for the steps that take it: what the synth step of this dry run produced, or
    # (when it did not run) the reference assembly as __main__ prepared it; None: the reference assembly as it is.
    synth_output: Path | None = None
    synth_missing: str | None = None  # set when the synth step failed: nothing after it gets its output
    sandbox_aws: SandboxAws | None = None  # made on the first AWS step: what it made in moto is made once


class StepNotRun(Exception):
    """Ends a step with NOT RUN and the message (its input does not exist)."""


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

    def not_run(self, exc: Exception) -> StepResult:
        self.echo(f"NOT RUN: {exc}")
        shutil.rmtree(self.root, ignore_errors=True)
        return StepResult(self.step.label, self.step.kind.value, "NOT RUN", None, str(exc))

    def partial(self, detail: str) -> StepResult:
        self.echo(f"stopped where the sandbox cannot follow: {detail}")
        self.echo(f"build directory kept: {self.root}")
        return self._result("PARTIAL", detail)

    def passed(self, detail: str) -> StepResult:
        if self.ctx.keep:
            self.echo(f"build directory kept (--keep): {self.root}")
        else:
            shutil.rmtree(self.root, ignore_errors=True)
        return self._result("PASS", detail)


FAILURES = (
    StepFailed,
    WorkspaceError,
    ShellError,
    SandboxMappingError,
    GateSetupError,
    AwsSetupError,
    BuildSpecError,
    OSError,
)


def with_install_problems(step: Step, result: StepResult) -> StepResult:
    """An unpinned install fails the step, whatever else it did (pins.py); what it did stays in the detail."""
    if not step.install_problems:
        return result
    detail = "; ".join(step.install_problems)
    if result.detail:
        detail += f" | {result.status}: {result.detail}"
    return StepResult(result.label, result.kind, "FAIL", result.seconds, detail)


def run_step(
    step: Step, ctx: RunContext, *, sandbox: SandboxTarget | None = None, keep_output: Path | None = None
) -> StepResult:
    """`keep_output` (the synth step): where its output artifact is kept for the later steps (ctx.synth_output)."""
    for problem in step.install_problems:
        ctx.out(f"[{step.prefix}] {problem}")
    if step.kind is StepKind.GATE:
        result = run_gate_step(step, ctx, sandbox=sandbox)
    elif step.kind in AWS_KINDS:
        result = run_aws_step(step, ctx, sandbox=sandbox)
    else:
        result = _run_plain_step(step, ctx, sandbox=sandbox, keep_output=keep_output)
    return with_install_problems(step, result)


def _run_plain_step(
    step: Step, ctx: RunContext, *, sandbox: SandboxTarget | None, keep_output: Path | None
) -> StepResult:
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
        if keep_output is not None:
            ctx.synth_output = keep_output_of(build.spec, build.src, keep_output)
        for warning in checks.cache_warnings(build.spec, build.src, build.env.get("HOME")):
            run.echo(f"warning: {warning}")
    except StepNotRun as exc:
        return run.not_run(exc)
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
    except StepNotRun as exc:
        return run.not_run(exc)
    except FAILURES as exc:
        return run.failed(exc)
    return run.passed(detail)


def _shorten(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def failure_excerpt(output: list[str], outcome: BuildOutcome) -> str:
    """The line that says why the first failing command failed: its first line naming an error (stack frames
    left out), else its last line."""
    if not outcome.failures:
        return ""
    command_lines = outcome.failures[0].command.splitlines() or [""]
    marker = f"[Container] Running command {command_lines[0]}"
    starts = [i for i, line in enumerate(output) if line == marker]
    if not starts:
        return ""
    said = []
    for line in output[starts[-1] + len(command_lines) :]:
        if line.startswith("[Container] "):
            break
        if line.strip() and not line.lstrip().startswith("at "):
            said.append(line.strip())
    errors = [line for line in said if re.search(r"error|fail|❌|denied|not found", line, re.I)]
    return _shorten((errors or said or [""])[0], 240)


def _stopped_at(outcome: BuildOutcome) -> str:
    if outcome.failures:
        failure = outcome.failures[0]
        return f"phase {failure.phase.upper()} `{_shorten(failure.command)}` (exit {failure.exit_code})"
    return outcome.describe()


def _aws_verification(
    step: Step, build: _Build, aws: SandboxAws, exported: Mapping[str, str], calls: list[AwsCall]
) -> str:
    """After a successful build: what the step must have done in the sandbox's moto. Returns the PASS detail."""
    shown = "; ".join(f"{name}={_shorten(value, 120)!r}" for name, value in exported.items())
    if step.kind is StepKind.PERMISSIONS:
        invoked = [c for c in calls if c.service == "lambda"]
        absent = any("does not exist" in c.error for c in calls if c.operation == "DescribeStacks")
        if invoked:
            way = f"`cdk diff` found no broadening and the approving Lambda was called ({invoked[-1].describe()})"
        else:
            why = " (the stage's stacks are not in the sandbox: every statement is new)" if absent else ""
            way = f"`cdk diff` found security-impacting changes{why}; the approving branch did not run"
        message = exported.get("MESSAGE")
        return f"{way}; MESSAGE={_shorten(message, 80)!r}" if message else way
    if step.kind is StepKind.ASSETS:
        destinations = published_destinations(build.spec, build.src)
        if not destinations:
            raise StepFailed("no `cdk-assets --path <manifest> publish ...` command names an asset to check")
        if not_there := aws.missing_objects(destinations):
            raise StepFailed(f"not in the bucket after the build: {'; '.join(not_there)}")
        buckets = sorted({f"{d.bucket}" for d in destinations})
        return f"{len(destinations)} file assets in their buckets ({', '.join(buckets)})"
    if step.kind is StepKind.SELF_MUTATE:
        stacks = stack_names(build.src, deployed_stacks(build.spec))
        states = {name: aws.stack_status(name, account, region) for name, account, region in stacks.values()}
        if bad := {name: state for name, state in states.items() if not state.endswith("_COMPLETE")}:
            raise StepFailed(f"after `cdk deploy`: {', '.join(f'{n} {s}' for n, s in bad.items())}")
        return f"deployed in the sandbox's moto: {', '.join(f'{n} {s}' for n, s in states.items()) or 'nothing'}"
    refused = sum(1 for call in calls if call.status >= 400)
    said = f"build succeeded; {len(calls)} AWS calls to the sandbox's moto ({refused} refused, which it took)"
    return f"{said}; exported {shown}" if shown else said


def run_aws_step(step: Step, ctx: RunContext, *, sandbox: SandboxTarget | None) -> StepResult:
    """Self-mutation, asset publishing, the permission check or another CodeBuild step, its AWS calls answered by the
    sandbox's moto (aws_steps.py); PARTIAL when it stopped at what the sandbox cannot do (moto_limits.py)."""
    run = _StepRun(step, ctx)
    output: list[str] = []

    def echo(line: str) -> None:
        output.append(line)
        run.echo(line)

    try:
        if sandbox is None:
            raise StepFailed("no sandbox whose moto can answer its AWS calls")
        build = _prepare(step, ctx, run.root, None, echo)
        for line in step.placeholders:
            echo(line)
        if ctx.sandbox_aws is None:
            ctx.sandbox_aws = SandboxAws(sandbox, sts_region=ctx.pipeline.region)
        aws = ctx.sandbox_aws
        for line in aws.bootstrap(bootstrap_of(build.src)):
            echo(line)
        if step.kind is StepKind.SELF_MUTATE and (made := aws.ensure_pipeline(ctx.pipeline)):
            echo(made)
        env = {**build.env, **aws.credentials(ctx.pipeline.account, STEP_ROLE)}
        state_dir = build.scratch / "shell-state"
        with RecordingProxy(sandbox.aws_endpoint) as proxy:
            env["AWS_ENDPOINT_URL"] = proxy.url
            echo(
                f"AWS_ENDPOINT_URL={proxy.url} (recording, to {sandbox.aws_endpoint}); credentials of a role in "
                f"{ctx.pipeline.account}, the pipeline's account"
            )
            outcome = run_build(
                build.spec,
                shell=build.shell,
                cwd=build.src,
                env=env,
                scratch=build.scratch,
                echo=echo,
                timeout_s=step.timeout_minutes * 60,
                keep=state_dir,
            )
            calls = proxy.since(0)
        run.echo(summarize(calls))
        exported = exported_values(state_dir, build.spec.exported_variables)
        for name in build.spec.exported_variables:
            run.echo(f"exported variable {name}={exported.get(name, '(not set)')!r}")
        if not outcome.succeeded:
            if stop := sandbox_stop(calls, output, build.src, step.stand_ins):
                for note in stop.notes:
                    run.echo(note)
                done = [phase.upper() for phase, state in outcome.phase_states.items() if state == "SUCCEEDED"]
                after = f"after {', '.join(done)} passed, " if done else ""
                return run.partial(f"{after}stopped in {_stopped_at(outcome)}: {stop.reason}")
            said = failure_excerpt(output, outcome)
            raise StepFailed(f"failed in {_stopped_at(outcome)}{f': {said}' if said else ''}")
        detail = _aws_verification(step, build, aws, exported, calls)
    except StepNotRun as exc:
        return run.not_run(exc)
    except FAILURES as exc:
        return run.failed(exc)
    return run.passed(detail)
