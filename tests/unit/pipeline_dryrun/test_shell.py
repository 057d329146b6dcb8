"""The phases run in one shell, as CodeBuild runs a 0.2 buildspec; the failing command is named."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from devtools.pipeline_dryrun.buildspec import parse_buildspec
from devtools.pipeline_dryrun.shell import BuildOutcome, quote, run_build, shell_command


def build(
    tmp_path: Path,
    phases: dict[str, Any],
    *,
    shell: str | None = None,
    version: str = "0.2",
    timeout_s: float | None = 30,
) -> tuple[BuildOutcome, list[str]]:
    raw: dict[str, Any] = {"version": version, "phases": phases}
    if shell:
        raw["env"] = {"shell": shell}
    spec = parse_buildspec(raw)
    lines: list[str] = []
    work = tmp_path / "src"
    work.mkdir(exist_ok=True)
    outcome = run_build(
        spec,
        shell=shell_command(spec.shell, os.environ["PATH"]),
        cwd=work,
        env=dict(os.environ),
        scratch=tmp_path / "scratch",
        echo=lines.append,
        timeout_s=timeout_s,
    )
    return outcome, lines


def printed(lines: list[str]) -> list[str]:
    return [line for line in lines if not line.startswith("[Container]")]


@pytest.mark.parametrize("command", ['[[ -n "$HOME" ]]', "source ./helper.sh"])
def test_a_bash_only_command_fails_under_the_default_shell_and_passes_with_env_shell_bash(
    tmp_path: Path, command: str
) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "helper.sh").write_text("HELPER=1\n")
    phases = {"build": {"commands": [command, "echo after"]}}

    outcome, lines = build(tmp_path, phases)
    assert not outcome.succeeded
    failure = outcome.failures[0]
    assert (failure.phase, failure.command, failure.exit_code) == ("build", command, 127)  # dash: "not found"
    assert "after" not in printed(lines)

    outcome, lines = build(tmp_path, phases, shell="bash")
    assert outcome.succeeded, outcome.describe()
    assert "after" in printed(lines)


def test_variables_and_the_directory_carry_over_to_the_next_command_and_phase(tmp_path: Path) -> None:
    outcome, lines = build(
        tmp_path,
        {
            "install": {"commands": ["export EXPORTED=one", "PLAIN=two", "mkdir -p sub && cd sub"]},
            "build": {
                "commands": ['echo "$EXPORTED $PLAIN $(basename "$PWD")"', "sh -c 'echo \"child sees $EXPORTED\"'"]
            },
        },
    )
    assert outcome.succeeded, outcome.describe()
    assert printed(lines) == ["one two sub", "child sees one"]


def test_a_variable_one_command_assigns_reaches_the_next_commands_processes(tmp_path: Path) -> None:
    """As CDK Pipelines' permission check needs: `ARN=$CODEBUILD_BUILD_ARN`, then node reads process.env.ARN."""
    outcome, lines = build(
        tmp_path,
        {"build": {"commands": ["ARN=arn:aws:codebuild:r:1:build/p:i", "sh -c 'echo \"child sees ${ARN:-nothing}\"'"]}},
    )
    assert outcome.succeeded, outcome.describe()
    assert printed(lines) == ["child sees arn:aws:codebuild:r:1:build/p:i"]


def test_version_0_1_runs_every_command_in_its_own_shell(tmp_path: Path) -> None:
    outcome, lines = build(
        tmp_path, {"build": {"commands": ["export GONE=1", 'echo "[${GONE:-unset}]"']}}, version="0.1"
    )
    assert outcome.succeeded
    assert printed(lines) == ["[unset]"]


def test_the_first_failing_command_stops_the_phase_and_is_reported_with_its_phase_and_exit_code(tmp_path: Path) -> None:
    outcome, lines = build(
        tmp_path,
        {
            "pre_build": {"commands": ["echo ok"]},
            "build": {"commands": ["echo one", "sh -c 'exit 3'", "echo never"]},
        },
    )
    assert not outcome.succeeded
    assert outcome.describe() == "phase BUILD: command `sh -c 'exit 3'` exited with 3"
    assert "never" not in printed(lines)
    assert outcome.phase_states == {"pre_build": "SUCCEEDED", "build": "FAILED"}


def test_post_build_and_finally_still_run_after_a_build_failure(tmp_path: Path) -> None:
    outcome, lines = build(
        tmp_path,
        {
            "build": {"commands": ["false", "echo never"], "finally": ["echo finally"]},
            "post_build": {"commands": ['echo "post succeeding=$CODEBUILD_BUILD_SUCCEEDING"']},
        },
    )
    assert printed(lines) == ["finally", "post succeeding=0"]
    assert outcome.phase_states == {"build": "FAILED", "post_build": "SUCCEEDED"}
    assert not outcome.succeeded  # the build stays failed
    assert outcome.failures[0].command == "false"


def test_an_install_or_pre_build_failure_ends_the_build_but_runs_its_finally(tmp_path: Path) -> None:
    outcome, lines = build(
        tmp_path,
        {
            "install": {"commands": ["false"], "finally": ["echo cleanup"]},
            "build": {"commands": ["echo build"]},
            "post_build": {"commands": ["echo post"]},
        },
    )
    assert printed(lines) == ["cleanup"]
    assert outcome.phase_states == {"install": "FAILED"}


def test_a_failing_finally_command_fails_the_phase(tmp_path: Path) -> None:
    outcome, _ = build(tmp_path, {"build": {"commands": ["true"], "finally": ["sh -c 'exit 4'"]}})
    assert outcome.describe() == "phase BUILD: finally command `sh -c 'exit 4'` exited with 4"


def test_on_failure_continue_and_abort(tmp_path: Path) -> None:
    outcome, lines = build(
        tmp_path,
        {
            "install": {"commands": ["false"], "on-failure": "CONTINUE"},
            "build": {"commands": ["false"], "on-failure": "ABORT"},
            "post_build": {"commands": ["echo post"]},
        },
    )
    assert outcome.phase_states == {"install": "FAILED", "build": "FAILED"}
    assert "post" not in printed(lines)
    assert [f.phase for f in outcome.failures] == ["install", "build"]


def test_a_command_that_ends_the_shell_is_named(tmp_path: Path) -> None:
    outcome, lines = build(
        tmp_path, {"build": {"commands": ["set -e", "false", "echo never"]}, "post_build": {"commands": ["echo post"]}}
    )
    assert not outcome.succeeded
    failure = outcome.failures[0]
    assert (failure.command, failure.exit_code, failure.shell_ended) == ("false", 1, True)
    assert "ended the shell" in outcome.describe()
    assert printed(lines) == []


def test_commands_run_verbatim_whatever_quotes_they_hold(tmp_path: Path) -> None:
    command = """printf '%s|%s\\n' "it's" 'a "quote"'"""
    outcome, lines = build(tmp_path, {"build": {"commands": [command]}})
    assert outcome.succeeded, outcome.describe()
    assert printed(lines) == ['it\'s|a "quote"']
    assert quote("a'b") == "'a'\\''b'"


def test_a_build_over_its_timeout_is_stopped(tmp_path: Path) -> None:
    outcome, _ = build(tmp_path, {"build": {"commands": ["sleep 20"]}}, timeout_s=0.5)
    assert outcome.timed_out and not outcome.succeeded
    assert outcome.describe() == "timed out in phase BUILD"


@pytest.mark.parametrize("shell", [None, "bash"])
def test_a_second_part_of_a_build_starts_from_the_variables_and_directory_the_first_left(
    tmp_path: Path, shell: str | None
) -> None:
    first = parse_buildspec(
        {
            "version": "0.2",
            "env": {"shell": shell} if shell else {},
            "phases": {"build": {"commands": ['export CARRIED="it\'s kept"', "LOCAL=1", "mkdir -p sub && cd sub"]}},
        }
    )
    second = parse_buildspec(
        {
            "version": "0.2",
            "env": {"shell": shell} if shell else {},
            "phases": {
                "build": {"commands": ['echo "$CARRIED|${LOCAL:-unset}|${PWD##*/}|$CODEBUILD_BUILD_SUCCEEDING"']}
            },
        }
    )
    work, state = tmp_path / "src", tmp_path / "state"
    work.mkdir()
    run: dict[str, Any] = {
        "shell": shell_command(shell, os.environ["PATH"]),
        "cwd": work,
        "env": dict(os.environ),
        "timeout_s": 30,
    }
    assert run_build(first, scratch=tmp_path / "one", echo=lambda _line: None, keep=state, **run).succeeded
    lines: list[str] = []
    for attempt in ("two", "three"):  # the state can be started from again and again
        lines.clear()
        assert run_build(second, scratch=tmp_path / attempt, echo=lines.append, resume=state, **run).succeeded
        # variables, exported or not, and the directory carry over (as CodeBuild's agent carries them)
        assert printed(lines) == ["it's kept|1|sub|1"]
