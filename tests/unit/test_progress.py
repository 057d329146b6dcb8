"""devtools/progress.py: long steps say what they do and how far they are, with this machine's own estimate."""

from __future__ import annotations

import sys
from pathlib import Path

from devtools import progress

SLEEP = [sys.executable, "-c", "import time; time.sleep(0.35)"]


def test_a_step_says_it_started_how_far_it_is_and_when_it_ended_then_estimates_from_that(tmp_path: Path) -> None:
    times, lines = tmp_path / "step-seconds.json", list[str]()
    status = progress.run("installing", 42, SLEEP, path=times, every_s=0.1, say=lines.append)

    assert status == 0
    assert lines[0] == "installing: started (about 42 s, a first run on a 2-core machine)"
    assert any(line.startswith("installing: 0 s of about 42 s") for line in lines[1:-1]), lines
    assert lines[-1] == "installing: done in 0 s"

    again: list[str] = []
    slower = [sys.executable, "-c", "import time; time.sleep(0.9)"]
    progress.run("installing", 42, slower, path=times, every_s=0.1, say=again.append)
    assert again[0] == "installing: started (about 0 s, the last run here)"
    assert any("longer than the 0 s expected; still working" in line for line in again), again


def test_a_failure_is_reported_with_its_status_and_not_taken_as_an_estimate(tmp_path: Path) -> None:
    times, lines = tmp_path / "step-seconds.json", list[str]()
    status = progress.run("checking", 7, [sys.executable, "-c", "raise SystemExit(3)"], path=times, say=lines.append)
    assert status == 3
    assert lines[-1] == "checking: failed after 0 s (exit status 3)"
    assert progress.estimate("checking", 7, times) == (7, "a first run on a 2-core machine")

    missing: list[str] = []
    assert progress.run("x", 1, ["no-such-command-here"], path=times, say=missing.append) == 127
    assert missing[-2].startswith("x: cannot run no-such-command-here: ")


def test_the_command_line_needs_a_label_seconds_and_the_command() -> None:
    assert progress.main(["label", "ten", "--", "true"]) == 2
    assert progress.main(["label", "10", "true"]) == 2
