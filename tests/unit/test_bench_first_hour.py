"""The first-hour bench's clock and parsing, on tiny `python -c` commands instead of make (the bench itself
reports, never fails on a missed goal)."""

from __future__ import annotations

import importlib
import os
import sys
import time
from pathlib import Path

import pytest

from devtools.bench import first_hour
from devtools.bench.__main__ import SECTIONS
from devtools.bench.first_hour import empty_machine_env, first_seen, goal_note, run_until_line, selected_rows


def python(code: str) -> list[str]:
    return [sys.executable, "-u", "-c", code]


def gone(pid: int, within_s: float = 5) -> bool:
    """No such process, or only a zombie left for init to reap (a container's init may be slow to)."""
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state == "Z":
            return True
        time.sleep(0.05)
    return False


def test_the_section_is_registered() -> None:
    assert SECTIONS["first-hour"] == "first_hour"
    assert callable(importlib.import_module(f"devtools.bench.{SECTIONS['first-hour']}").run)


def test_the_clock_stops_at_the_first_line_starting_with_the_prefix(tmp_path: Path) -> None:
    code = (
        "import time\n"
        "print('installing things')\n"
        "print('already sandbox ready? not at the start of the line')\n"
        "time.sleep(0.4)\n"
        "print('sandbox ready: https://127.0.0.1:1/graphql')\n"
        "print('after ready')\n"
        "time.sleep(60)\n"
    )
    started = time.perf_counter()
    ran = run_until_line(python(code), "sandbox ready", log=tmp_path / "run.log", timeout_s=30)
    assert 0.4 <= ran.seconds < 10
    assert time.perf_counter() - started < 20  # the sleeping command was stopped, not waited for
    assert [text for _, text in ran.lines] == [
        "installing things",
        "already sandbox ready? not at the start of the line",
        "sandbox ready: https://127.0.0.1:1/graphql",
    ]
    assert ran.lines[-1][0] == ran.seconds
    # each line keeps the time it was read (the parent may read the first one late, so no gap is asserted)
    assert ran.lines[0][0] < ran.lines[-1][0]
    assert "sandbox ready: https://127.0.0.1:1/graphql" in (tmp_path / "run.log").read_text().splitlines()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_what_the_command_started_is_stopped_too(tmp_path: Path) -> None:
    # As make starts the sandbox: a child in the same process group, which outlives its parent's SIGTERM.
    code = (
        "import subprocess, sys\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
        "print('child', child.pid)\n"
        "print('sandbox ready: x')\n"
        "child.wait()\n"
    )
    ran = run_until_line(python(code), "sandbox ready", log=tmp_path / "run.log", timeout_s=30)
    child = int(ran.lines[0][1].split()[1])
    assert gone(child)


def test_a_command_that_ends_before_the_line_is_an_error_naming_the_log(tmp_path: Path) -> None:
    log = tmp_path / "run.log"
    with pytest.raises(RuntimeError, match="exited with status 3") as raised:
        run_until_line(python("print('make: *** [deps] Error 1'); raise SystemExit(3)"), "ready", log=log, timeout_s=30)
    assert str(log) in str(raised.value)
    assert "Error 1" in str(raised.value)


def test_a_command_that_never_prints_the_line_times_out(tmp_path: Path) -> None:
    started = time.perf_counter()
    with pytest.raises(RuntimeError, match=r"within 1 s"):
        run_until_line(
            python("import time; print('downloading'); time.sleep(60)"), "ready", log=tmp_path / "l", timeout_s=1
        )
    assert time.perf_counter() - started < 20


def test_phases_are_the_first_line_of_each_marker_in_order() -> None:
    lines = [
        (0.1, "python3 -m pipeline.install_deps --venv .venv -r requirements-dev.lock"),
        (20.0, "touch .venv/.installed"),
        (20.1, "python3 -m devtools.progress 'explorer files' 5 -- .venv/bin/python -m devtools.explorer_assets"),
        (30.0, ".venv/bin/python -m sandbox --port 0 --moto-port 0 --no-watch"),
        (31.0, "sandbox: synthesizing the stage template (python app.py, one stage; about 10 s)..."),
        (32.0, "sandbox: synthesizing again"),
        (40.0, "sandbox ready: https://127.0.0.1:1/graphql"),
    ]
    assert first_seen(lines) == {
        "python install": 0.1,
        "python done": 20.0,
        "explorer files": 20.1,
        "sandbox start": 30.0,
        "synth": 31.0,
    }
    assert first_seen([(1.0, "nothing here")]) == {}


def test_goal_notes() -> None:
    assert goal_note(59.2, 60) == "goal: under 60 s (met)"
    assert goal_note(61, 60) == "goal: under 60 s (missed)"


def test_both_rows_by_default_and_a_variable_picks_some() -> None:
    assert selected_rows({}) == ["test", "sandbox"]
    assert selected_rows({"BENCH_FIRST_HOUR_ROWS": "sandbox"}) == ["sandbox"]
    assert selected_rows({"BENCH_FIRST_HOUR_ROWS": " test , sandbox "}) == ["test", "sandbox"]
    with pytest.raises(ValueError, match="unknown"):
        selected_rows({"BENCH_FIRST_HOUR_ROWS": "tests"})


def test_the_empty_machine_keeps_pip_settings_and_empties_the_caches(tmp_path: Path) -> None:
    venv_bin = str(first_hour.ROOT / ".venv" / "bin")
    environ = {
        "PATH": os.pathsep.join([venv_bin, "/usr/bin"]),
        "HOME": "/home/dev",
        "PIP_INDEX_URL": "https://mirror.example/simple",
        "XDG_CACHE_HOME": "/home/dev/.cache",
        "MAKEFLAGS": "w",
        "MAKELEVEL": "1",
    }
    env = empty_machine_env(tmp_path, environ)
    assert env["PATH"] == "/usr/bin"
    assert env["HOME"] == "/home/dev"
    assert env["PIP_INDEX_URL"] == "https://mirror.example/simple"
    assert "MAKEFLAGS" not in env and "MAKELEVEL" not in env
    for key in ("XDG_CACHE_HOME", "UV_CACHE_DIR", "npm_config_cache"):
        assert Path(env[key]).is_dir() and Path(env[key]).is_relative_to(tmp_path)
        assert not any(Path(env[key]).iterdir())
