"""`make sandbox`'s Python install in a fresh venv: pipeline/install_deps.py (uv) vs. what it replaced (venv + pip).

Both start from a new venv in a new directory and install requirements-dev.lock (hash-checked) with the machine's
pip settings.
Each tool's cache is left as this machine has it (a developer's second clone: the first filled it); the note
says how big each cache was before the runs (pip keeps none on some machines). One more uv run starts with
empty caches (XDG_CACHE_HOME: uv's cache, its bootstrap and the pip cache that fetches it), as a fresh
machine or CI would; it is compared with the same pip runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from pipeline.install_deps import UV_VERSION
from pipeline.project_root import PROJECT_ROOT as ROOT

from .measure import Row, interleaved, median

REQUIREMENTS = str(ROOT / "requirements-dev.lock")  # the pins of requirements-dev.txt, every package with hashes
# The interpreter the venv is made from (not this venv's python), as `make` uses python3 from PATH.
BASE_PYTHON = str(Path(sys.base_prefix) / "bin" / "python3")


@dataclass
class Timed:
    wall: float
    cpu: float  # user + system time of the commands and their children


def _run(commands: list[list[str]], cwd: Path, env: dict[str, str] | None = None) -> Timed:
    """Commands in turn; wall time and their CPU time (children's rusage, summed across the commands)."""
    before = os.times()
    start = time.perf_counter()
    for command in commands:
        done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} exited {done.returncode}:\n{done.stderr[-2000:]}")
    wall = time.perf_counter() - start
    after = os.times()
    return Timed(wall, (after.children_user - before.children_user) + (after.children_system - before.children_system))


def _uv(workdir: Path, *, cold: bool = False) -> Timed:
    env = {**os.environ, "XDG_CACHE_HOME": str(workdir / "cache")} if cold else None
    command = [BASE_PYTHON, "-m", "pipeline.install_deps", "--venv", str(workdir / ".venv"), "-r", REQUIREMENTS]
    return _run([command], ROOT, env)


def _pip(workdir: Path) -> Timed:
    venv = workdir / ".venv"
    pip_install = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    return _run(
        [
            [BASE_PYTHON, "-m", "venv", str(venv)],
            [*pip_install, "--require-hashes", "-r", REQUIREMENTS],
        ],
        ROOT,
    )


def _size_mb(path: Path) -> float:
    total = 0
    for directory, _, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(directory, name)).st_size
            except OSError:
                pass
    return total / 2**20


def _cache_dir(command: list[str], fallback: Path) -> Path:
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        out = ""
    return Path(out) if out else fallback


def run(runs: int = 1) -> list[Row]:
    home = Path.home()
    pip_cache = _cache_dir([BASE_PYTHON, "-m", "pip", "cache", "dir"], home / ".cache" / "pip")
    uv_cache = Path(os.environ.get("UV_CACHE_DIR") or home / ".cache" / "uv")
    caches = f"caches before: uv {_size_mb(uv_cache):.0f} MiB, pip {_size_mb(pip_cache):.0f} MiB"
    ours_cpu: list[float] = []
    base_cpu: list[float] = []

    def measure(install, cpu: list[float]) -> float:
        with tempfile.TemporaryDirectory(prefix="bench-setup-") as scratch:
            timed = install(Path(scratch))
        cpu.append(timed.cpu)
        return timed.wall

    ours, base = interleaved(lambda: measure(_uv, ours_cpu), lambda: measure(_pip, base_cpu), runs)
    cold_cpu: list[float] = []
    cold = measure(lambda workdir: _uv(workdir, cold=True), cold_cpu)
    return [
        Row(
            f"setup: venv + requirements-dev.txt, uv {UV_VERSION} vs pip",
            median(ours),
            median(base),
            "s",
            runs,
            note=f"fresh venv each; {caches} (a second clone's; 0 = a fresh machine)",
        ),
        Row("setup: CPU time of that install (user+sys)", median(ours_cpu), median(base_cpu), "s", runs),
        Row(
            "setup: the same, uv with empty caches vs pip",
            cold,
            median(base),
            "s",
            1,
            note=f"fresh machine: uv fetched through pip, then every wheel downloaded; CPU {cold_cpu[0]:.1f} s",
        ),
    ]
