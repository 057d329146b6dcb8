"""Run a long step and say how far it is: a line when it starts, one every 10 s while it runs, one when it ends.

    python3 -m devtools.progress "installing npm packages" 75 -- npm ci ...

The estimate is this machine's own: the step's last successful duration, kept in .cache/step-seconds.json; the
figure given on the command line (measured on a fresh 2-core machine) is used only until then. The command's own
output passes through unchanged and its exit status is returned. Stdlib only: it runs before the venv exists.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

TIMES = Path(".cache") / "step-seconds.json"
EVERY_S = 10.0


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _load(path: Path) -> dict[str, float]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): float(v) for k, v in data.items() if isinstance(v, int | float)} if isinstance(data, dict) else {}


def _store(path: Path, label: str, seconds: float) -> None:
    times = _load(path) | {label: round(seconds, 1)}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        staging = path.with_suffix(f".{os.getpid()}.tmp")  # parallel steps (make -j) each write whole files
        staging.write_text(json.dumps(times, indent=1, sort_keys=True), encoding="utf-8")
        staging.replace(path)
    except OSError:
        pass  # a read-only checkout still runs the step; only the next estimate is lost


def estimate(label: str, default_s: float, path: Path = TIMES) -> tuple[float, str]:
    """The expected duration and where it comes from."""
    last = _load(path).get(label)
    if last is not None:
        return last, "the last run here"
    return default_s, "a first run on a 2-core machine"


def run(
    label: str,
    default_s: float,
    command: Sequence[str],
    *,
    path: Path = TIMES,
    every_s: float = EVERY_S,
    say: Callable[[str], None] = _say,
) -> int:
    expected, source = estimate(label, default_s, path)
    say(f"{label}: started (about {expected:.0f} s, {source})")
    started = time.monotonic()
    done = threading.Event()

    def heartbeat() -> None:
        while not done.wait(every_s):
            elapsed = time.monotonic() - started
            if elapsed <= expected:
                say(f"{label}: {elapsed:.0f} s of about {expected:.0f} s")
            else:
                say(f"{label}: {elapsed:.0f} s, longer than the {expected:.0f} s expected; still working")

    ticker = threading.Thread(target=heartbeat, daemon=True)
    ticker.start()
    try:
        status = subprocess.call(list(command))
    except OSError as exc:
        say(f"{label}: cannot run {command[0]}: {exc}")
        status = 127
    finally:
        done.set()
        ticker.join()
    took = time.monotonic() - started
    if status == 0:
        say(f"{label}: done in {took:.0f} s")
        _store(path, label, took)
    else:
        say(f"{label}: failed after {took:.0f} s (exit status {status})")
    return status


def main(argv: list[str]) -> int:
    if len(argv) < 4 or argv[2] != "--":
        say_usage = __doc__.strip().splitlines()[2].strip()
        _say(f"usage: {say_usage}")
        return 2
    label, default, command = argv[0], argv[1], argv[3:]
    try:
        default_s = float(default)
    except ValueError:
        _say(f"devtools.progress: the estimate must be seconds, got {default!r}")
        return 2
    return run(label, default_s, command)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
