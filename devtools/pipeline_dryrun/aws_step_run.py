"""A step that talks to AWS (run_aws_step: self-mutation, asset publishing, the permission check, and any CodeBuild
step the dry run has no particular knowledge of) runs against the sandbox's moto through a recording proxy
(aws_steps.py); when it stops at something moto does not do, or at a tool this machine lacks, it is PARTIAL (ran as
far as the sandbox answers, and says where it stopped), not FAIL."""

from __future__ import annotations

import re
from collections.abc import Mapping

from .aws_proxy import AwsCall, RecordingProxy
from .aws_step_inputs import bootstrap_of, deployed_stacks, published_destinations, stack_names
from .aws_steps import STEP_ROLE, SandboxAws, exported_values, summarize
from .moto_limits import sandbox_stop
from .pipeline_model import Step, StepKind
from .shell import BuildOutcome, run_build
from .step_build import Build, prepare_build
from .step_run import RunContext, StepFailed, StepResult, StepRun
from .variables import SandboxTarget


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
    step: Step, build: Build, aws: SandboxAws, exported: Mapping[str, str], calls: list[AwsCall]
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
    run = StepRun(step, ctx)
    output: list[str] = []

    def echo(line: str) -> None:
        output.append(line)
        run.echo(line)

    def body() -> str | StepResult:
        if sandbox is None:
            raise StepFailed("no sandbox whose moto can answer its AWS calls")
        build = prepare_build(step, ctx, run.root, None, echo)
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
        return _aws_verification(step, build, aws, exported, calls)

    return run.conclude(body)
