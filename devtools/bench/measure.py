"""Side-by-side measurement helpers: every figure is ours vs. a baseline measured in the same run."""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field


@dataclass
class Row:
    """One line of the bench table (and of devtools/bench/results/latest.json)."""

    name: str
    ours: float
    baseline: float
    unit: str
    runs: int
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return self.ours / self.baseline if self.baseline else float("nan")

    def as_json(self) -> dict:
        data = asdict(self)
        data["ratio"] = round(self.ratio, 3) if self.baseline else None  # no baseline (e.g. a cost CDK lacks)
        return data


@dataclass
class ProcessRun:
    seconds: float
    peak_rss_mb: float


def run_process(argv: Sequence[str], *, env: dict | None = None, cwd: str | None = None) -> ProcessRun:
    """Run one fresh process; wall time and its own peak RSS (os.wait4 gives per-child rusage)."""
    # stderr goes to a file, not a pipe: nobody reads a pipe during wait4, so a chatty child would block on it.
    with tempfile.TemporaryFile() as stderr_file:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=stderr_file)
        _, status, rusage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4; keeps Popen from waiting again
        if proc.returncode != 0:
            stderr_file.seek(0)
            stderr = stderr_file.read().decode(errors="replace")
            raise RuntimeError(f"{' '.join(argv)} exited {proc.returncode}:\n{stderr[-2000:]}")
    return ProcessRun(elapsed, rusage.ru_maxrss / 1024)


def interleaved(ours: Callable[[], float], baseline: Callable[[], float], runs: int) -> tuple[list[float], list[float]]:
    """Alternate ours/baseline so machine noise hits both sides alike."""
    a: list[float] = []
    b: list[float] = []
    for i in range(runs):
        if i % 2 == 0:
            a.append(ours())
            b.append(baseline())
        else:
            b.append(baseline())
            a.append(ours())
    return a, b


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def percentile(values: Sequence[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]
