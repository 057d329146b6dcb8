"""A gate step (run_gate_step) is one build in two parts: what comes before its `python -m pipeline.gate` command
(the install) runs once, then that command and what follows it once per alarm state (gate_states.py), in the same
build directory and from the shell state the first part left."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping

from pipeline.gate import variables as gate_variables

from .buildspec import BuildSpec, split_at
from .gate_states import (
    BAKE,
    ENTRY,
    STATES,
    GateTarget,
    SandboxGate,
    StateResult,
    active_override,
    expected,
    observed,
    verdict,
)
from .pipeline_model import Step
from .shell import run_build
from .step_build import prepare_build
from .step_run import RunContext, StepFailed, StepResult, StepRun
from .variables import GATE_SECONDS_PER_MINUTE, SandboxTarget

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
    run = StepRun(step, ctx)

    def body() -> str:
        build = prepare_build(step, ctx, run.root, sandbox, run.echo)
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
        build.warn_about_cache(run.echo)
        return detail

    return run.conclude(body)
