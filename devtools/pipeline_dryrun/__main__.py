"""`python -m devtools.pipeline_dryrun [--assembly cdk.out]
[--only synth|self-mutate|assets|permissions|codebuild|post-deploy|gate ...] [--keep]`

Runs every CodeBuild step of the synthesized pipeline locally, as its template defines them: the synth step, the
self-mutation, asset publishing, the permission check and any other CodeBuild step (their AWS calls answered by
the sandbox's moto), the post-deploy test steps and the rollout gate steps. One line per step: PASS, FAIL,
PARTIAL (ran as far as the sandbox answers; the line says where it stopped and why) or NOT RUN (why), with its
duration. Every step's buildspec is also checked for unpinned installs, which fail it. Exit status 1 if a step
failed.

Every step but synth needs a sandbox (self-mutation, assets, the permission check and the gate steps its moto;
the gate steps get their alarm in each of OK, ALARM, INSUFFICIENT_DATA and missing): under `python -m sandbox.run
-- python -m devtools.pipeline_dryrun ...` the one that AMPLIFY_OUTPUTS names is used; otherwise the dry run starts
one the same way for those steps, in pipeline order. The steps that take the synth step's output get what it produced,
or, when it does not run, the reference assembly (artifacts.py). `--only` may be given more than once.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pipeline.project_root import PROJECT_ROOT

from .artifacts import reference_output
from .assembly import AssemblyError, pipeline_stack
from .buildspec import BuildSpecError, load_buildspec
from .environment import BuildIdentity
from .pipeline_model import Pipeline, Step, StepKind
from .runner import run_step, with_install_problems
from .step_run import RunContext, StepResult
from .template import POST_DEPLOY_MARKER, TemplateError, read_pipeline
from .variables import SandboxMappingError, read_sandbox_target, with_account
from .workspace import head_commit

KINDS = (
    StepKind.SYNTH,
    StepKind.SELF_MUTATE,
    StepKind.ASSETS,
    StepKind.PERMISSIONS,
    StepKind.GENERIC,
    StepKind.POST_DEPLOY,
    StepKind.GATE,
)  # what runs: the synth step first, then the others in one sandbox session, in pipeline order
SANDBOX_KINDS = KINDS[1:]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m devtools.pipeline_dryrun", description=__doc__.split("\n\n")[1])
    parser.add_argument(
        "--assembly", type=Path, default=Path("cdk.out"), help="the synthesized reference assembly (default: cdk.out)"
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=[kind.value for kind in KINDS],
        help="run only the steps of this kind (repeatable; default: all)",
    )
    parser.add_argument("--keep", action="store_true", help="keep every step's build directory, also on success")
    # Internal: set when the dry run re-runs itself under sandbox.run for the steps that need a sandbox.
    parser.add_argument("--results-json", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--synth-output", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--synth-missing", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def _print(line: str) -> None:
    print(line, flush=True)


def _sandbox_steps(pipeline: Pipeline, kinds: list[StepKind]) -> list[Step]:
    """The post-deploy and gate steps chosen, in pipeline order (a gate check before the tests it lets in)."""
    return [step for step in pipeline.steps if step.kind in kinds]


def _sandbox_steps_here(pipeline: Pipeline, ctx: RunContext, kinds: list[StepKind]) -> list[StepResult]:
    steps = _sandbox_steps(pipeline, kinds)
    try:
        target = with_account(read_sandbox_target(Path(os.environ["AMPLIFY_OUTPUTS"])))
    except SandboxMappingError as exc:
        _print(f"[sandbox] {exc}")
        return [StepResult(s.label, s.kind.value, "FAIL", 0.0, str(exc)) for s in steps]
    return [run_step(step, ctx, sandbox=target) for step in steps]


def _sandbox_steps_under_sandbox(
    pipeline: Pipeline, args: argparse.Namespace, kinds: list[StepKind], ctx: RunContext
) -> list[StepResult]:
    """Start a sandbox with sandbox.run (the project's one way to run a command against a sandbox) and run
    the post-deploy and gate steps inside it; their results come back as JSON."""
    steps = _sandbox_steps(pipeline, kinds)
    with tempfile.TemporaryDirectory(prefix="pipeline-dryrun-results-") as scratch:
        results_path = Path(scratch) / "results.json"
        command = [
            sys.executable,
            "-m",
            "sandbox.run",
            "--",
            sys.executable,
            "-m",
            "devtools.pipeline_dryrun",
            "--assembly",
            str(args.assembly.resolve()),
            *(arg for kind in kinds for arg in ("--only", kind.value)),
            "--results-json",
            str(results_path),
            *(["--keep"] if args.keep else []),
            *(["--synth-output", str(ctx.synth_output)] if ctx.synth_output else []),
            *(["--synth-missing", ctx.synth_missing] if ctx.synth_missing else []),
        ]
        _print(f"[sandbox] starting a sandbox: {' '.join(command[1:4])} ...")
        status = subprocess.call(command, cwd=PROJECT_ROOT)
        if results_path.is_file():
            return [StepResult(**raw) for raw in json.loads(results_path.read_text())]
    detail = f"no sandbox (sandbox.run exited with {status} before the steps ran)"
    return [StepResult(s.label, s.kind.value, "FAIL", 0.0, detail) for s in steps]


def main(argv: list[str] | None = None, *, repo: Path = PROJECT_ROOT, work_root: Path | None = None) -> int:
    """`repo`: the repository the source artifact is copied from; `work_root`: where build directories go
    (tests give a small repository and their own temporary directory)."""
    args = parse_args(argv)
    assembly = args.assembly.resolve()
    try:
        stack = pipeline_stack(assembly)
        pipeline = read_pipeline(
            stack.template,
            account=stack.account,
            region=stack.region,
            assembly_dir=assembly,
            stack_name=stack.stack_name,
        )
    except (AssemblyError, TemplateError, OSError, ValueError) as exc:
        print(f"pipeline_dryrun: {exc}", file=sys.stderr)
        return 2
    ctx = RunContext(
        repo=repo,
        assembly=assembly,
        pipeline=pipeline,
        identity=BuildIdentity.new(head_commit(repo)),
        environ=dict(os.environ),
        out=_print,
        keep=args.keep,
        work_root=work_root,
    )
    selected = [kind for kind in KINDS if args.only is None or kind.value in args.only]
    sandbox_kinds = [kind for kind in SANDBOX_KINDS if kind in selected and pipeline.of_kind(kind)]
    results: dict[str, StepResult] = {}
    artifacts = None
    if args.results_json:  # the inner run: the outer one decided what the synth output is
        ctx.synth_output, ctx.synth_missing = args.synth_output, args.synth_missing
    else:
        artifacts = Path(tempfile.mkdtemp(prefix="pipeline-dryrun-artifacts-", dir=work_root))
    try:
        if StepKind.SYNTH in selected:
            for step in pipeline.of_kind(StepKind.SYNTH):
                results[step.label] = run_step(step, ctx, keep_output=artifacts / "synth-output" if artifacts else None)
                if results[step.label].status != "PASS":
                    ctx.synth_missing = f"the synth step {step.label} did not pass, so CodePipeline would stop there"
        elif artifacts is not None and any(_takes_synth_output(pipeline, kind) for kind in sandbox_kinds):
            _reference_as_synth_output(pipeline, ctx, artifacts / "synth-output")
        if sandbox_kinds:
            inside_sandbox = bool(os.environ.get("AMPLIFY_OUTPUTS"))
            ran = (
                _sandbox_steps_here(pipeline, ctx, sandbox_kinds)
                if inside_sandbox
                else _sandbox_steps_under_sandbox(pipeline, args, sandbox_kinds, ctx)
            )
            results.update({r.label: r for r in ran})
    finally:
        if artifacts is not None and not args.keep:
            shutil.rmtree(artifacts, ignore_errors=True)
    if args.results_json:  # the inner run: the outer one prints the summary
        args.results_json.write_text(json.dumps([r.to_json() for r in results.values()]))
        return 1 if any(r.status == "FAIL" for r in results.values()) else 0
    lines = _summary(pipeline, results, args.only)
    _print("")
    if StepKind.POST_DEPLOY in selected and not pipeline.of_kind(StepKind.POST_DEPLOY):
        _print(f"note: no post-deploy step of this pipeline has {POST_DEPLOY_MARKER} in its project environment")
    counts = {status: sum(1 for line in lines if line.status == status) for status in STATUSES}
    tally = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
    _print(f"pipeline {pipeline.name} ({pipeline.region}), assembly {assembly}: {tally}")
    for line in lines:
        _print(line.line())
    return 1 if any(line.status == "FAIL" for line in lines) else 0


def _summary(pipeline: Pipeline, results: dict[str, StepResult], only: list[str] | None) -> list[StepResult]:
    """One line per step of the pipeline, in its order: its result, or why it did not run."""
    lines = []
    for step in pipeline.steps:
        if step.label in results:
            lines.append(results[step.label])
        elif step.kind is StepKind.OTHER:
            lines.append(StepResult(step.label, step.kind.value, "NOT RUN", None, step.why_not_run or ""))
        else:
            lines.append(StepResult(step.label, step.kind.value, "NOT RUN", None, f"--only {' '.join(only or [])}"))
    # The static check of installs holds for every step, run or not (a run one has it in its result already).
    lines = [
        line if line.label in results else with_install_problems(_step(pipeline, line.label), line) for line in lines
    ]
    return lines


STATUSES = ("PASS", "FAIL", "PARTIAL", "NOT RUN")


def _step(pipeline: Pipeline, label: str) -> Step:
    return next(step for step in pipeline.steps if step.label == label)


def _takes_synth_output(pipeline: Pipeline, kind: StepKind) -> bool:
    return any(set(step.inputs) & pipeline.synth_outputs for step in pipeline.of_kind(kind))


def _reference_as_synth_output(pipeline: Pipeline, ctx: RunContext, target: Path) -> None:
    """The synth step does not run: the reference assembly stands for its output (artifacts.py)."""
    synth = pipeline.of_kind(StepKind.SYNTH)
    try:
        spec = load_buildspec(synth[0].buildspec or "", ctx.repo) if synth else None
    except BuildSpecError as exc:
        _print(f"[synth] not run; its buildspec cannot be read ({exc}): the reference assembly stands for its output")
        spec = None
    if spec is None:
        shutil.copytree(ctx.assembly, target, symlinks=True)
    else:
        for line in reference_output(spec, ctx.repo, ctx.assembly, target):
            _print(f"[synth] {line}")
    _print(f"[synth] not run: the steps that take its output get the reference assembly {ctx.assembly}")
    ctx.synth_output = target


if __name__ == "__main__":
    sys.exit(main())
