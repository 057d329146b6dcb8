"""Run a buildspec's phases the way CodeBuild does, in one shell, and say which command failed.

CodeBuild behaviour mimicked here:
- buildspec 0.2 keeps the shell's state (working directory, variables) from one command to the next;
  0.1 runs each command in its own shell instance:
  https://docs.aws.amazon.com/codebuild/latest/userguide/build-env-ref-cmd.html
- the shell is `sh` unless `env.shell` says `bash` (Linux tags: `bash`, `/bin/sh`):
  https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html#build-spec.env.shell
  On the Ubuntu standard images /bin/sh is dash, so bash-only syntax fails there; this runs /bin/sh too.
- commands of a phase run in order and the phase stops at the first non-zero exit; `finally` commands run
  after `commands` even if one failed; the phase fails if any of them failed
  (build-spec-ref.html#build-spec.phases.finally).
- phase transitions (https://docs.aws.amazon.com/codebuild/latest/userguide/view-build-details-phases.html):
  a failed INSTALL or PRE_BUILD ends the build; a failed BUILD still runs POST_BUILD; `on-failure: CONTINUE`
  goes on to the next phase, `ABORT` ends the build (build-spec-ref.html#build-spec.phases.on-failure).
  RETRY re-runs the whole build in CodeBuild; the dry run reports the first failure instead.
- CODEBUILD_BUILD_SUCCEEDING is 1, and 0 once a phase failed (build-env-ref-env-vars.html).

CodeBuild's agent runs each command from its own script and carries the variables and the working directory to
the next (its logs name /codebuild/output/tmp/script.sh, and a bash associative array declared by one command is
gone in the next: github.com/magenx/Magento-2-aws-cluster-terraform/issues/19). What it carries reaches the next
command's processes as environment variables, exported or not: CDK Pipelines' own permission check
(aws-cdk-lib pipelines, ConfirmPermissionsBroadening) sets `ARN=$CODEBUILD_BUILD_ARN` in one command and reads
`process.env.ARN` from node in the next. Here one shell runs the build and each command runs with `set -a`
(allexport), so whatever a command assigns is exported, as CodeBuild would carry it. Known difference: shell state
beyond variables and the directory (functions, arrays, traps, `set -e`) stays here and is lost there, so a
buildspec that relies on it can pass here and fail there.

A build can be run in two parts (the gate steps: the install once, then the gate command once per alarm state):
the first part leaves its variables (`export -p`: with `set -a` every one a command assigned) and working
directory in a directory, the second starts from them, as CodeBuild's agent carries both from one command to the
next.

How: the buildspec becomes one POSIX sh script (it runs under dash and bash alike). Each command is passed to
`eval` as a quoted string, so a command's syntax error happens when that command runs, not when the script is
read; before and after each command a line goes to a status file outside the source directory. A command
that ends the shell (`exit`, `set -e`, a syntax error) leaves a start line without an end line.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .buildspec import BuildSpec, Phase

STOPS_BUILD_BY_DEFAULT = {"install", "pre_build"}  # a failed build phase still runs post_build


class ShellError(RuntimeError):
    """No shell for what the buildspec asks."""


@dataclass(frozen=True)
class CommandFailure:
    phase: str
    command: str
    exit_code: int
    in_finally: bool = False
    shell_ended: bool = False  # the command ended the whole shell (exit, set -e, syntax error)

    def describe(self) -> str:
        block = "finally " if self.in_finally else ""
        text = f"phase {self.phase.upper()}: {block}command `{self.command}` exited with {self.exit_code}"
        if self.shell_ended:
            text += " and ended the shell, so nothing after it ran"
        return text


@dataclass(frozen=True)
class BuildOutcome:
    phase_states: Mapping[str, str]  # phase -> SUCCEEDED | FAILED | TIMED_OUT; absent = not run
    failures: tuple[CommandFailure, ...]
    shell_exit_code: int
    timed_out: bool = False
    note: str = ""

    @property
    def succeeded(self) -> bool:
        return (
            not self.failures
            and not self.timed_out
            and not self.note
            and all(state == "SUCCEEDED" for state in self.phase_states.values())
        )

    def describe(self) -> str:
        if self.failures:
            return self.failures[0].describe()
        if self.timed_out:
            running = [p for p, s in self.phase_states.items() if s == "TIMED_OUT"]
            return f"timed out in phase {(running or ['?'])[0].upper()}"
        return self.note or "succeeded"


def shell_command(shell: str | None, path: str) -> list[str]:
    """The interpreter for the script: /bin/sh, or bash when the buildspec says so."""
    if shell == "bash":
        found = shutil.which("bash", path=path)
        if not found:
            raise ShellError("env.shell is bash but there is no bash on PATH")
        return [found]
    return ["/bin/sh"]


def quote(text: str) -> str:
    """POSIX single-quoting: exactly the text, whatever it contains."""
    return "'" + text.replace("'", "'\\''") + "'"


def _command_block(phase: str, key: str, command: str, flag: str, isolate: bool) -> list[str]:
    run = f"( eval {quote(command)} )" if isolate else f"eval {quote(command)}"
    return [
        f'if [ "${flag}" = 0 ]; then',
        f"  printf '%s\\n' {quote('[Container] Running command ' + command)}",
        f"  printf 'S {phase} {key}\\n' >> \"$__dryrun_status\"",
        "  set -a",
        f"  {run}",
        "  __dryrun_last=$?",
        "  set +a",
        f'  printf \'E {phase} {key} %s\\n\' "$__dryrun_last" >> "$__dryrun_status"',
        f'  [ "$__dryrun_last" = 0 ] || {flag}=$__dryrun_last',
        "fi",
    ]


def _phase_block(phase: Phase, isolate: bool) -> list[str]:
    upper = phase.name.upper()
    stops = phase.on_failure == "ABORT" or (phase.on_failure != "CONTINUE" and phase.name in STOPS_BUILD_BY_DEFAULT)
    lines = [
        f"# phase {phase.name}",
        'if [ "$__dryrun_stop" = 0 ]; then',
        f"printf '%s\\n' {quote('[Container] Entering phase ' + upper)}",
        f"printf 'P {phase.name}\\n' >> \"$__dryrun_status\"",
        "__dryrun_rc=0",
    ]
    for index, command in enumerate(phase.commands):
        lines += _command_block(phase.name, f"c{index}", command, "__dryrun_rc", isolate)
    lines.append("__dryrun_frc=0")
    for index, command in enumerate(phase.finally_commands):
        lines += _command_block(phase.name, f"f{index}", command, "__dryrun_frc", isolate)
    lines += [
        'if [ "$__dryrun_rc" = 0 ] && [ "$__dryrun_frc" = 0 ]; then',
        f"  printf 'D {phase.name} SUCCEEDED\\n' >> \"$__dryrun_status\"",
        f"  printf '%s\\n' {quote(f'[Container] Phase complete: {upper} State: SUCCEEDED')}",
        "else",
        f"  printf 'D {phase.name} FAILED\\n' >> \"$__dryrun_status\"",
        f"  printf '%s\\n' {quote(f'[Container] Phase complete: {upper} State: FAILED')}",
        "  CODEBUILD_BUILD_SUCCEEDING=0",
        "  __dryrun_stop=1" if stops else "  : # the next phase still runs",
        "fi",
        "fi",
    ]
    return lines


STATE_VARIABLES, STATE_DIRECTORY = "exported.sh", "cwd"


def render_script(spec: BuildSpec, status_file: Path, *, resume: Path | None = None, keep: Path | None = None) -> str:
    """`resume`: a directory a previous part of the build was `keep`-ing its shell state in."""
    lines = [
        "# Generated by pipeline_dryrun from the step's buildspec: one shell for the whole build.",
        f"__dryrun_status={quote(str(status_file))}",
    ]
    if resume is not None:
        lines += [
            "# the shell state the first part of the build left",
            f". {quote(str(resume / STATE_VARIABLES))}",
            f'cd "$(cat {quote(str(resume / STATE_DIRECTORY))})"',
        ]
    lines += [
        "__dryrun_stop=0",
        "CODEBUILD_BUILD_SUCCEEDING=1",
        "export CODEBUILD_BUILD_SUCCEEDING",
    ]
    for phase in spec.phases:
        lines += _phase_block(phase, isolate=spec.version == "0.1")
    if keep is not None:
        lines += [
            "# the shell state for the next part of the build",
            f"export -p > {quote(str(keep / STATE_VARIABLES))}",
            f"pwd > {quote(str(keep / STATE_DIRECTORY))}",
        ]
    return "\n".join(lines) + "\n"


def parse_status(spec: BuildSpec, text: str, shell_exit_code: int, timed_out: bool) -> BuildOutcome:
    commands = {}
    for phase in spec.phases:
        commands.update({(phase.name, f"c{i}"): c for i, c in enumerate(phase.commands)})
        commands.update({(phase.name, f"f{i}"): c for i, c in enumerate(phase.finally_commands)})
    states: dict[str, str] = {}
    failures: list[CommandFailure] = []
    running: tuple[str, str] | None = None
    for line in text.splitlines():
        parts = line.split(" ")
        if parts[0] == "P":
            states[parts[1]] = "RUNNING"
        elif parts[0] == "S":
            running = (parts[1], parts[2])
        elif parts[0] == "E":
            running = None
            if int(parts[3]) != 0:
                failures.append(
                    CommandFailure(parts[1], commands[(parts[1], parts[2])], int(parts[3]), parts[2].startswith("f"))
                )
        elif parts[0] == "D":
            states[parts[1]] = parts[2]
    note = ""
    if running is not None:
        phase_name, key = running
        if timed_out:
            states[phase_name] = "TIMED_OUT"
        else:
            failures.append(
                CommandFailure(phase_name, commands[running], shell_exit_code, key.startswith("f"), shell_ended=True)
            )
            states[phase_name] = "FAILED"
    elif shell_exit_code != 0 and not timed_out and not failures:
        note = f"the shell exited with {shell_exit_code} outside any command"
    return BuildOutcome(states, tuple(failures), shell_exit_code, timed_out, note)


def _signal_group(process: subprocess.Popen, signum: int) -> None:
    try:
        os.killpg(process.pid, signum)
    except (ProcessLookupError, PermissionError):
        pass


def run_build(
    spec: BuildSpec,
    *,
    shell: list[str],
    cwd: Path,
    env: Mapping[str, str],
    scratch: Path,
    echo: Callable[[str], None],
    timeout_s: float | None = None,
    resume: Path | None = None,
    keep: Path | None = None,
) -> BuildOutcome:
    """Run every phase in one shell in `cwd`; output lines go to `echo` as they come. `scratch` (outside the
    source directory, like CodeBuild's /codebuild/output/tmp) holds the script and the status file. `keep`: a
    directory (created) to leave the shell's state in; `resume`: start from the state a build left there."""
    scratch.mkdir(parents=True, exist_ok=True)
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
    status, script = scratch / "status", scratch / "buildspec.sh"
    status.write_text("")
    script.write_text(render_script(spec, status, resume=resume, keep=keep))
    process = subprocess.Popen(
        [*shell, str(script)],
        cwd=cwd,
        env=dict(env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: a timeout or Ctrl-C stops the whole build
    )

    def pump() -> None:
        assert process.stdout is not None
        for raw in iter(process.stdout.readline, b""):
            echo(raw.decode("utf-8", errors="replace").rstrip("\r\n"))

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    timed_out = False
    try:
        exit_code = process.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        timed_out = True
        _signal_group(process, signal.SIGKILL)
        exit_code = process.wait()
    except KeyboardInterrupt:
        _signal_group(process, signal.SIGKILL)
        process.wait()
        raise
    finally:
        # A build container is thrown away after the build: background processes a command left behind
        # (servers, watchers) go with it. Here they are in the build's process group.
        _signal_group(process, signal.SIGTERM)
    reader.join(timeout=10)
    return parse_status(spec, status.read_text(), exit_code, timed_out)
