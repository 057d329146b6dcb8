"""A step's run as the runner keeps it: its result, the run's shared context, how a step ends (NOT RUN, FAIL) and
its build directory, output prefix and clock."""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from .aws_steps import AwsSetupError, SandboxAws
from .buildspec import BuildSpecError
from .environment import BuildIdentity
from .gate_states import GateSetupError
from .pipeline_model import Pipeline, Step
from .shell import ShellError
from .variables import SandboxMappingError
from .workspace import WorkspaceError


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


class StepRun:
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

    def conclude(self, body: Callable[[], str | StepResult]) -> StepResult:
        """Runs the step's work: the detail `body` returns is a PASS (a result it returns, a PARTIAL, stands);
        StepNotRun ends it NOT RUN and the known failures (FAILURES) end it FAIL, its directory kept."""
        try:
            outcome = body()
        except StepNotRun as exc:
            return self.not_run(exc)
        except FAILURES as exc:
            return self.failed(exc)
        return outcome if isinstance(outcome, StepResult) else self.passed(outcome)

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
