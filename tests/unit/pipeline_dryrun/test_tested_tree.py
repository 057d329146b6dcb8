"""The dry run's synth step does not run the unit suite a second time on a tree `make test-unit` passed on, and
runs it on any other tree (devtools/pipeline_dryrun/tested_tree.py, the Makefile's test-unit)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from devtools.pipeline_dryrun import tested_tree
from devtools.pipeline_dryrun.__main__ import main
from pipeline.project_root import PROJECT_ROOT

from .helpers import make_assembly_commands, make_repo, write_assembly
from .test_cli import synth_and_tests


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo", {"app.py": "print(1)\n", "run.sh": "true\n"}, ignore=[".cache/", "built/"])


def test_the_digest_follows_what_a_source_zip_would_hold(repo: Path) -> None:
    first = tested_tree.tree_digest(repo)
    assert first == tested_tree.tree_digest(repo)

    (repo / "built").mkdir()
    (repo / "built" / "x.bin").write_text("ignored by git")
    assert tested_tree.tree_digest(repo) == first

    (repo / "run.sh").chmod(0o755)
    executable = tested_tree.tree_digest(repo)
    assert executable != first

    (repo / "new_test.py").write_text("untracked, not ignored: in the zip")
    untracked = tested_tree.tree_digest(repo)
    assert untracked != executable

    (repo / "app.py").write_text("print(2)\n")
    assert tested_tree.tree_digest(repo) != untracked


def test_a_recorded_pass_counts_for_that_tree_only(repo: Path) -> None:
    assert tested_tree.passed_on(repo) is None  # nothing recorded
    tested_tree.record(repo, tested_tree.tree_digest(repo))
    sentence = tested_tree.passed_on(repo)
    assert sentence is not None and sentence.startswith("make test-unit passed on this tree (sha256 ")
    assert "with Python " in sentence and "not run again" in sentence

    (repo / "app.py").write_text("print('edited after the tests ran')\n")
    assert tested_tree.passed_on(repo) is None


def test_outside_a_git_work_tree_nothing_is_recorded(tmp_path: Path) -> None:
    """The pipeline's source is a zip without .git: `digest` prints an empty line, `record ""` writes nothing."""
    command = [sys.executable, "-m", "devtools.pipeline_dryrun.tested_tree"]
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "GIT_CEILING_DIRECTORIES": str(tmp_path)}
    digest = subprocess.run([*command, "digest"], cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    assert digest.stdout == "\n"
    subprocess.run([*command, "record", ""], cwd=tmp_path, env=env, check=True)
    assert not (tmp_path / tested_tree.RECORD).exists()


def _variable_reaches_the_synth_step(tmp_path: Path, repo: Path, capsys: pytest.CaptureFixture[str]) -> str:
    commands = [
        f'echo "seen: ${{{tested_tree.VARIABLE}:-unset}}"',
        *make_assembly_commands(["Pipe"], {}),
    ]
    assembly = write_assembly(tmp_path / "ref", synth_and_tests(commands, ["true"]))
    assert main(["--assembly", str(assembly), "--only", "synth"], repo=repo, work_root=tmp_path) == 0
    [seen] = [line for line in capsys.readouterr().out.splitlines() if "seen: " in line and "echo" not in line]
    return seen.split("seen: ", 1)[1]


def test_the_dry_runs_synth_step_is_told_only_when_the_tree_passed(
    tmp_path: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _variable_reaches_the_synth_step(tmp_path, repo, capsys) == "unset"
    tested_tree.record(repo, tested_tree.tree_digest(repo))
    told = _variable_reaches_the_synth_step(tmp_path, repo, capsys)
    assert told == tested_tree.passed_on(repo)
    (repo / "app.py").write_text("print(3)\n")
    assert _variable_reaches_the_synth_step(tmp_path, repo, capsys) == "unset"


def test_make_test_unit_says_so_and_runs_nothing_when_told() -> None:
    told = subprocess.run(
        ["make", "--no-print-directory", "test-unit"],
        cwd=PROJECT_ROOT,
        env={**os.environ, tested_tree.VARIABLE: "passed on this tree earlier"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert told.returncode == 0, told.stderr
    assert told.stdout == "test-unit: passed on this tree earlier\n"
    # Untold, the same target runs pytest over tests/unit and records the pass (shown, not run: -n).
    untold = subprocess.run(
        ["make", "--no-print-directory", "-n", "test-unit"],
        cwd=PROJECT_ROOT,
        env={k: v for k, v in os.environ.items() if k != tested_tree.VARIABLE},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "-m pytest tests/unit" in untold.stdout and "tested_tree record" in untold.stdout
