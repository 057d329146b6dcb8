"""`python -m sandbox.run -- <command...>`: run a command against a sandbox started (and stopped) for it.

The command gets AMPLIFY_OUTPUTS and NODE_EXTRA_CA_CERTS; the exit status is the command's.
"""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from tools.project_root import PROJECT_ROOT

READY_PREFIX = "sandbox ready"
READY_TIMEOUT_S = float(os.environ.get("SANDBOX_READY_TIMEOUT", "180"))  # includes a first synth


def _pump(stream, lines: queue.Queue[str | None], log_path: Path, ready: threading.Event) -> None:
    """Keep the sandbox's output in a log file (the backend's own JSON logs would drown the test output);
    echo it to stderr only until the sandbox is ready, so start-up problems stay visible."""
    with log_path.open("w", encoding="utf-8") as log:
        for line in stream:
            log.write(line)
            log.flush()
            if not ready.is_set():
                sys.stderr.write(line)
                sys.stderr.flush()
            lines.put(line)
    lines.put(None)


def _print_log_tail(log_path: Path, lines: int = 60) -> None:
    tail = log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
    print(f"\n--- last {len(tail)} lines of the sandbox log ({log_path}) ---", file=sys.stderr)
    print("\n".join(tail), file=sys.stderr)


def _wait_ready(process: subprocess.Popen, lines: queue.Queue[str | None], timeout_s: float) -> None:
    import time

    deadline = time.monotonic() + timeout_s
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"sandbox not ready after {timeout_s:.0f} s")
        try:
            line = lines.get(timeout=remaining)
        except queue.Empty:
            continue
        if line is None:
            raise RuntimeError(f"sandbox exited with status {process.wait()} before it was ready")
        if line.startswith(READY_PREFIX):  # not just "ready": a log line may say "already"
            return


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def sandbox_command() -> list[str]:
    # A throwaway sandbox for one command: an edit made while the tests run must not reload it under them.
    return [sys.executable, "-m", "sandbox", "--no-watch"]


def main(argv: list[str] | None = None, *, command: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "--":
        args = args[1:]
    if not args:
        print("usage: python -m sandbox.run -- <command...>", file=sys.stderr)
        return 2
    run_dir = PROJECT_ROOT / ".sandbox" / f"run-{os.getpid()}"
    log_path = PROJECT_ROOT / ".sandbox" / "last-run.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    outputs = run_dir / "amplify_outputs.json"
    process = subprocess.Popen(
        # --ephemeral: every run starts empty and unseeded, so test suites stay isolated
        [
            *(command or sandbox_command()),
            *("--port", "0", "--ephemeral", "--outputs", str(outputs), "--state-dir", str(run_dir)),
        ],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str | None] = queue.Queue()
    ready = threading.Event()
    threading.Thread(target=_pump, args=(process.stdout, lines, log_path, ready), daemon=True).start()
    try:
        try:
            _wait_ready(process, lines, READY_TIMEOUT_S)
        except (TimeoutError, RuntimeError) as exc:
            print(f"sandbox.run: {exc}", file=sys.stderr)
            return 1
        ready.set()
        print(f"sandbox.run: the sandbox's log goes to {log_path}", file=sys.stderr, flush=True)
        env = {**os.environ, "AMPLIFY_OUTPUTS": str(outputs), "NODE_EXTRA_CA_CERTS": str(run_dir / "ca.pem")}
        status = subprocess.call(args, env=env)
        if status != 0:
            _print_log_tail(log_path)
        return status
    except KeyboardInterrupt:
        return 130
    finally:
        _stop(process)
        shutil.rmtree(run_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
