"""One step, from its input artifacts to PASS or FAIL.
The run's context and results are in step_run.py, the preparation of a build in step_build.py.

A build directory per step: `src/` is CODEBUILD_SRC_DIR (the primary input), `src-<artifact>/` the secondary
inputs (CODEBUILD_SRC_DIR_<artifact>), `tmp/` the script, status file and runtime links (outside the source,
as CodeBuild keeps its own files under /codebuild/output/tmp). Kept on failure, deleted on success.

Every step gets its own npm global prefix (`npm install -g` installs into the build directory and its `bin` comes
first on PATH, as a fresh build container keeps global installs to itself, and this machine's global packages stay
as they are) and stand-ins for the image's tools this machine lacks (image_tools.py).

A step that talks to AWS (aws_step_run.py: self-mutation, asset publishing, the permission check, and any CodeBuild
step the dry run has no particular knowledge of) runs against the sandbox's moto through a recording proxy
(aws_steps.py); when it stops at something moto does not do, or at a tool this machine lacks, it is PARTIAL (ran as
far as the sandbox answers, and says where it stopped), not FAIL. A step whose input or variable the dry run cannot
give (the synth step failed; a CodePipeline variable of another action) is NOT RUN, with the reason.
An unpinned install in any step's buildspec (pins.py) makes it FAIL, whatever else it did.

A gate step (gate_step.py) is one build in two parts: what comes before its `python -m pipeline.gate` command
(the install) runs once, then that command and what follows it once per alarm state (gate_states.py), in the same
build directory and from the shell state the first part left.
"""

from __future__ import annotations

from pathlib import Path

from . import checks
from .artifacts import keep_output as keep_output_of
from .aws_step_run import run_aws_step
from .buildspec import BuildSpec
from .gate_step import run_gate_step
from .pipeline_model import AWS_KINDS, Step, StepKind
from .shell import run_build
from .step_build import prepare_build
from .step_run import RunContext, StepFailed, StepResult, StepRun
from .variables import SandboxTarget


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
    run = StepRun(step, ctx)

    def body() -> str:
        build = prepare_build(step, ctx, run.root, sandbox, run.echo)
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
        build.warn_about_cache(run.echo)
        return detail

    return run.conclude(body)
