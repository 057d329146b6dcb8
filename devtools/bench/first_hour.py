"""A newcomer's first hour, against goals: nothing comparable can be run side by side, so these rows have no
baseline (no ratio) and each note states its goal and whether this run met it.

- `make test` once, in this tree, with the installs already done: goal 300 s.
- The first `make sandbox` on an empty machine: a fresh clone of HEAD, empty package caches (every install
  downloaded, uv bootstrapped through pip), until its "sandbox ready" line: goal 60 s.

BENCH_FIRST_HOUR_ROWS=test,sandbox picks rows (default: both); each run's output goes to a log in
devtools/bench/results/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.project_root import PROJECT_ROOT as ROOT
from sandbox.process import READY_PREFIX, NotReady, SandboxProcess

from .measure import Row

LOGS = ROOT / "devtools" / "bench" / "results"
TEST_GOAL_S = 300.0
SANDBOX_GOAL_S = 60.0
SANDBOX_TIMEOUT_S = 600.0
# First line containing each marker: make echoes each recipe as it starts it, so these bound the phases.
PHASES = (
    ("python install", "pipeline.install_deps"),
    ("python done", "touch .venv/.installed"),
    ("explorer files", "devtools.explorer_assets"),  # make sandbox fetches these, not the whole npm ci
    ("sandbox start", "-m sandbox"),
    ("synth", "synthesiz"),
)
ROWS = ("test", "sandbox")


@dataclass
class UntilLine:
    seconds: float  # from the start to the line that stopped the clock
    lines: list[tuple[float, str]]  # every line read, with its seconds since the start


def run_until_line(
    argv: Sequence[str],
    prefix: str,
    *,
    log: Path,
    timeout_s: float,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> UntilLine:
    """Run argv (stdout and stderr merged, copied to `log`) until a line starts with `prefix`; the process group
    is stopped afterwards in every case. Raises when the command ends first or `timeout_s` passes, naming the log."""
    # Its own session: one signal then reaches make and everything it started.
    process = SandboxProcess(command=argv, cwd=cwd or ROOT, env=env, log=log, new_session=True)
    try:
        line = process.wait_for(prefix, timeout=timeout_s)[-1]
        entries = list(process.output)
        # What the process printed up to that line (the reader thread may already have read further).
        return UntilLine(process.matched_at, entries[: entries.index((process.matched_at, line)) + 1])
    except NotReady as exc:
        raise RuntimeError(str(exc)) from None
    finally:
        process.stop()


def first_seen(lines: Sequence[tuple[float, str]], phases: Sequence[tuple[str, str]] = PHASES) -> dict[str, float]:
    """Seconds at which each phase's marker first appears, in the order they appeared (missing ones left out)."""
    seen: dict[str, float] = {}
    for at, text in lines:
        for label, marker in phases:
            if label not in seen and marker in text:
                seen[label] = at
    return dict(sorted(seen.items(), key=lambda item: item[1]))


def goal_note(seconds: float, goal_s: float) -> str:
    return f"goal: under {goal_s:.0f} s ({'met' if seconds <= goal_s else 'missed'})"


def selected_rows(environ: Mapping[str, str] = os.environ) -> list[str]:
    raw = environ.get("BENCH_FIRST_HOUR_ROWS", "").strip()
    names = [name.strip() for name in raw.split(",") if name.strip()] if raw else list(ROWS)
    unknown = sorted(set(names) - set(ROWS))
    if unknown:
        raise ValueError(f"BENCH_FIRST_HOUR_ROWS: unknown {unknown}; choose from {', '.join(ROWS)}")
    return names


def make_test_row() -> Row:
    log = LOGS / "first-hour-make-test.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as out:
        # "installs done": what `make test` would install on first use (venv, node_modules, the codegen package,
        # chromium) is installed first, off the clock; on a machine that has them this costs a second.
        installs = subprocess.run(
            ["make", "deps", "devtools/codegen/node_modules/.installed", "browser"],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        if installs.returncode != 0:
            raise RuntimeError(f"make's installs failed (exit {installs.returncode}) before make test; log: {log}")
        out.write("\n--- make test (timed) ---\n")
        out.flush()
        start = time.perf_counter()
        done = subprocess.run(["make", "test"], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"make test failed (exit {done.returncode}) after {seconds:.0f} s; log: {log}")
    return Row(
        "first-hour: make test wall time (installs done)",
        seconds,
        0,
        "s",
        1,
        note=f"{goal_note(seconds, TEST_GOAL_S)}; this working tree, uncommitted changes included; log: {log.name}",
        extra={"goal_s": TEST_GOAL_S},
    )


def empty_machine_env(caches: Path, environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """This user's environment with every package cache empty. PIP_* and pip.conf stay: they say where packages
    come from, which an empty machine has too. What `make bench` put around us goes: the project venv at the
    head of PATH (the clone's make would build its venv from that python) and make's own variables (a nested
    make reads them)."""
    venv_bin = str(ROOT / ".venv" / "bin")
    env = {
        key: value
        for key, value in environ.items()
        if key not in {"VIRTUAL_ENV", "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"}
    }
    env["PATH"] = os.pathsep.join(p for p in environ.get("PATH", "").split(os.pathsep) if p and p != venv_bin)
    # XDG_CACHE_HOME holds pip's cache and the per-machine uv bootstrap (pipeline/install_deps.py).
    for key, name in (("XDG_CACHE_HOME", "xdg"), ("UV_CACHE_DIR", "uv"), ("npm_config_cache", "npm")):
        (caches / name).mkdir(parents=True, exist_ok=True)
        env[key] = str(caches / name)
    return env


def empty_machine_sandbox_row() -> Row:
    scratch = Path(tempfile.mkdtemp(prefix="bench-first-hour-"))
    clone = scratch / "clone"
    try:
        # HEAD only: a newcomer clones what is committed.
        started = time.perf_counter()
        subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)], check=True)
        clone_s = time.perf_counter() - started
        commit = subprocess.run(
            ["git", "-C", str(clone), "rev-parse", "--short", "HEAD"], check=True, capture_output=True, text=True
        ).stdout.strip()
        # Free ports: 8443/8444 may be taken by a developer's own sandbox.
        ran = run_until_line(
            ["make", "sandbox", "SANDBOX_ARGS=--port 0 --moto-port 0 --no-watch"],
            READY_PREFIX,
            log=LOGS / "first-hour-sandbox.log",
            timeout_s=SANDBOX_TIMEOUT_S,
            cwd=clone,
            env=empty_machine_env(scratch / "caches"),
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    phases = first_seen(ran.lines)
    shown = ", ".join(f"{label} {at:.1f}" for label, at in phases.items())
    return Row(
        "first-hour: first make sandbox, empty machine -> ready",
        ran.seconds,
        0,
        "s",
        1,
        note=f"{goal_note(ran.seconds, SANDBOX_GOAL_S)}; fresh clone -> 'sandbox ready' with empty pip/uv/npm "
        f"caches, clone of HEAD {commit} (local clone {clone_s:.1f} s, not counted); phases start at (s): {shown}",
        extra={"goal_s": SANDBOX_GOAL_S, "commit": commit, "phases_s": phases},
    )


def run() -> list[Row]:
    builders = {"test": make_test_row, "sandbox": empty_machine_sandbox_row}
    return [builders[name]() for name in selected_rows()]
