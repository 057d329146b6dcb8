"""`python -m sandbox.run -- <command...>`: run a command against a sandbox started (and stopped) for it.

The command gets AMPLIFY_OUTPUTS and NODE_EXTRA_CA_CERTS; the exit status is the command's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from pipeline.project_root import PROJECT_ROOT

from .process import NotReady, SandboxProcess
from .process import sandbox_command as plain_sandbox_command

READY_TIMEOUT_S = float(os.environ.get("SANDBOX_READY_TIMEOUT", "180"))  # includes a first synth


def _print_log_tail(log_path: Path, lines: int = 60) -> None:
    tail = log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
    print(f"\n--- last {len(tail)} lines of the sandbox log ({log_path}) ---", file=sys.stderr)
    print("\n".join(tail), file=sys.stderr)


def sandbox_command() -> list[str]:
    # A throwaway sandbox for one command: an edit made while the tests run must not reload it under them.
    return [*plain_sandbox_command(), "--no-watch"]


def main(argv: list[str] | None = None, *, command: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "--":
        args = args[1:]
    if not args:
        print("usage: python -m sandbox.run -- <command...>", file=sys.stderr)
        return 2
    run_dir = PROJECT_ROOT / ".sandbox" / f"run-{os.getpid()}"
    log_path = PROJECT_ROOT / ".sandbox" / "last-run.log"
    outputs = run_dir / "amplify_outputs.json"
    # The sandbox's output goes to a log file (the backend's own JSON logs would drown the test output), and to
    # stderr until it is ready, so start-up problems stay visible. --ephemeral: every run starts empty and
    # unseeded, so test suites stay isolated.
    sandbox = SandboxProcess(
        ["--port", "0", "--ephemeral", "--outputs", str(outputs), "--state-dir", str(run_dir)],
        command=command or sandbox_command(),
        log=log_path,
        echo=sys.stderr,
    )
    try:
        try:
            sandbox.wait_ready(READY_TIMEOUT_S)
        except NotReady as exc:
            print(f"sandbox.run: {str(exc).splitlines()[0]}", file=sys.stderr)
            return 1
        print(f"sandbox.run: the sandbox's log goes to {log_path}", file=sys.stderr, flush=True)
        env = {**os.environ, "AMPLIFY_OUTPUTS": str(outputs), "NODE_EXTRA_CA_CERTS": str(run_dir / "ca.pem")}
        status = subprocess.call(args, env=env)
        if status != 0:
            _print_log_tail(log_path)
        return status
    except KeyboardInterrupt:
        return 130
    finally:
        sandbox.stop()
        shutil.rmtree(run_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
