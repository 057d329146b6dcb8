"""`python -m pipeline_dryrun [--assembly cdk.out] [--only synth|post-deploy|gate ...] [--keep]`

Runs the pipeline's synth step, post-deploy test steps and rollout gate steps locally, as the synthesized
pipeline template defines them, and prints one line per step (PASS/FAIL/NOT RUN, duration). Exit status 1 if
a step failed.

Post-deploy and gate steps need a sandbox (the gate steps its moto, where the dry run sets their alarm to each
of OK, ALARM, INSUFFICIENT_DATA and missing): under `python -m sandbox.run -- python -m pipeline_dryrun ...` the
one that AMPLIFY_OUTPUTS names is used; otherwise the dry run starts one the same way for those steps only, in
pipeline order. `--only` may be given more than once (`--only post-deploy --only gate`: every sandbox step).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from .assembly import AssemblyError, pipeline_stack
from .environment import BuildIdentity
from .runner import RunContext, StepResult, run_step
from .template import POST_DEPLOY_MARKER, Pipeline, Step, StepKind, TemplateError, read_pipeline
from .variables import SandboxMappingError, read_sandbox_target, with_account
from .workspace import head_commit

PROJECT_ROOT = Path(__file__).resolve().parents[1]
KINDS = (StepKind.SYNTH, StepKind.POST_DEPLOY, StepKind.GATE)  # what runs, in this order of phases
SANDBOX_KINDS = (StepKind.POST_DEPLOY, StepKind.GATE)  # run in one sandbox session


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m pipeline_dryrun", description=__doc__.split("\n\n")[1])
    parser.add_argument(
        "--assembly", type=Path, default=Path("cdk.out"), help="the synthesized reference assembly (default: cdk.out)"
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=[kind.value for kind in KINDS],
        help="run only the steps of this kind (repeatable; default: all three)",
    )
    parser.add_argument("--keep", action="store_true", help="keep every step's build directory, also on success")
    # Internal: set when the dry run re-runs itself under sandbox.run for the post-deploy and gate steps.
    parser.add_argument("--results-json", type=Path, help=argparse.SUPPRESS)
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
    pipeline: Pipeline, args: argparse.Namespace, kinds: list[StepKind]
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
            "pipeline_dryrun",
            "--assembly",
            str(args.assembly.resolve()),
            *(arg for kind in kinds for arg in ("--only", kind.value)),
            "--results-json",
            str(results_path),
            *(["--keep"] if args.keep else []),
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
        pipeline = read_pipeline(stack.template, account=stack.account, region=stack.region, assembly_dir=assembly)
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
    results: dict[str, StepResult] = {}
    if StepKind.SYNTH in selected:
        for step in pipeline.of_kind(StepKind.SYNTH):
            results[step.label] = run_step(step, ctx)
    sandbox_kinds = [kind for kind in SANDBOX_KINDS if kind in selected and pipeline.of_kind(kind)]
    if sandbox_kinds:
        inside_sandbox = bool(os.environ.get("AMPLIFY_OUTPUTS"))
        ran = (
            _sandbox_steps_here(pipeline, ctx, sandbox_kinds)
            if inside_sandbox
            else _sandbox_steps_under_sandbox(pipeline, args, sandbox_kinds)
        )
        results.update({r.label: r for r in ran})
    if args.results_json:  # the inner run: the outer one prints the summary
        args.results_json.write_text(json.dumps([r.to_json() for r in results.values()]))
        return 1 if any(r.status == "FAIL" for r in results.values()) else 0
    lines = []
    for step in pipeline.steps:
        if step.label in results:
            lines.append(results[step.label])
        elif step.kind is StepKind.OTHER:
            lines.append(StepResult(step.label, step.kind.value, "NOT RUN", None, step.why_not_run or ""))
        else:
            lines.append(
                StepResult(step.label, step.kind.value, "NOT RUN", None, f"--only {' '.join(args.only or [])}")
            )
    _print("")
    if StepKind.POST_DEPLOY in selected and not pipeline.of_kind(StepKind.POST_DEPLOY):
        _print(f"note: no post-deploy step of this pipeline has {POST_DEPLOY_MARKER} in its project environment")
    _print(f"pipeline {pipeline.name} ({pipeline.region}), assembly {assembly}:")
    for line in lines:
        _print(line.line())
    return 1 if any(r.status == "FAIL" for r in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
