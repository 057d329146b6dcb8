"""A sandbox as a child process: start `python -m sandbox` (or `make sandbox`, or a test's stand-in), wait for its
ready line, keep its output, stop it. The one way `python -m sandbox.run`, the benchmarks and the tests start a
sandbox and wait for it. A leaf: the standard library and sandbox/constants.py only.
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from pipeline.project_root import PROJECT_ROOT

# What `python -m sandbox` prints once it serves (`sandbox ready: <url> ...`, __main__.py). Waiters match it at the
# start of a line: a log line may say "already", a progress line "stage template ready".
READY_PREFIX = "sandbox ready"
KEPT_LINES = 10_000  # of the output, in memory (one line per request: a long test run stays small)


def sandbox_command() -> list[str]:
    return [sys.executable, "-m", "sandbox"]


class NotReady(RuntimeError):
    """The process ended, or the time ran out, before the line waited for; the message says which."""


class SandboxProcess:
    """`command` + `args`, stdout and stderr merged. Every line is kept in `output` with its seconds since the
    start, copied to `log` when given, and to `echo` until the ready line (start-up problems stay visible, the
    backend's own logs do not drown the caller's). `new_session`: the process gets a process group of its own, and
    stop() signals the whole group (what `make sandbox` starts is not make's to stop)."""

    def __init__(
        self,
        args: Sequence[str] = (),
        *,
        command: Sequence[str] | None = None,
        cwd: Path = PROJECT_ROOT,
        env: Mapping[str, str] | None = None,
        log: Path | None = None,
        echo: IO[str] | None = None,
        new_session: bool = False,
    ) -> None:
        self.argv = [*(command or sandbox_command()), *args]
        self.log = log
        self.new_session = new_session
        self.output: deque[tuple[float, str]] = deque(maxlen=KEPT_LINES)
        self.ready_seconds: float | None = None
        self.matched_at = 0.0  # seconds from the start to the line wait_for last matched
        self._echo = echo
        self._lines: queue.Queue[tuple[float, str] | None] = queue.Queue()
        if log is not None:
            log.parent.mkdir(parents=True, exist_ok=True)
        self.started = time.perf_counter()
        self.popen = subprocess.Popen(
            self.argv,
            cwd=cwd,
            env=None if env is None else dict(env),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            start_new_session=new_session,
        )
        self._pump = threading.Thread(target=self._read, name="sandbox-output", daemon=True)
        self._pump.start()

    def _read(self) -> None:
        assert self.popen.stdout is not None
        with self.log.open("w", encoding="utf-8") if self.log else contextlib.nullcontext() as log:
            for line in self.popen.stdout:
                at = time.perf_counter() - self.started
                if log is not None:
                    log.write(line)
                    log.flush()
                echo = self._echo
                if echo is not None:
                    echo.write(line)
                    echo.flush()
                entry = (at, line.rstrip("\n"))
                self.output.append(entry)
                self._lines.put(entry)
        self._lines.put(None)

    @property
    def lines(self) -> list[str]:
        return [text for _, text in list(self.output)]

    def _tail(self, count: int = 30) -> str:
        where = f"; log: {self.log}" if self.log else ""
        return where + "".join(f"\n  {text}" for text in self.lines[-count:])

    def wait_for(self, *prefixes: str, timeout: float, settle_s: float = 0.0) -> list[str]:
        """The lines read from here up to the first that starts with one of `prefixes`, and those that follow it
        within `settle_s` (the rest of a block). Raises NotReady when the process ends or `timeout` passes first."""
        deadline, got = time.monotonic() + timeout, []
        while True:
            try:
                entry = self._lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise NotReady(
                    f"no line starting {' or '.join(prefixes)!r} within {timeout:.0f} s{self._tail()}"
                ) from None
            if entry is None:
                status = self.popen.wait()
                raise NotReady(
                    f"{' '.join(self.argv)} exited with status {status} before a line starting "
                    f"{' or '.join(prefixes)!r}{self._tail()}"
                )
            got.append(entry[1])
            if entry[1].startswith(prefixes):
                self.matched_at = entry[0]
                break
        settle = time.monotonic() + settle_s
        while settle_s and (remaining := settle - time.monotonic()) > 0:
            with contextlib.suppress(queue.Empty):
                more = self._lines.get(timeout=remaining)
                if more is None:
                    break
                got.append(more[1])
        return got

    def wait_ready(self, timeout: float) -> float:
        """Seconds from the start to the ready line; from then on nothing is echoed."""
        self.wait_for(READY_PREFIX, timeout=timeout)
        self._echo = None
        self.ready_seconds = self.matched_at
        return self.ready_seconds

    def finish(self, timeout: float = 60) -> int:
        """The exit status, once the process has ended and all its output is read."""
        status = self.popen.wait(timeout=timeout)
        self._pump.join(timeout=10)
        return status

    def stop(self, signum: int = signal.SIGTERM, timeout: float = 15) -> None:
        """`signum`, then SIGKILL after `timeout` s; with `new_session`, to every process of the group."""
        if self.new_session:
            self._stop_group(signum, timeout)
        elif self.popen.poll() is None:
            self.popen.send_signal(signum)
            try:
                self.popen.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()
        self._pump.join(timeout=10)
        if self.popen.stdout is not None:
            self.popen.stdout.close()

    def _stop_group(self, signum: int, timeout: float) -> None:
        try:
            os.killpg(self.popen.pid, signum)
        except ProcessLookupError:
            self.popen.wait()
            return
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.popen.poll()  # reap the leader, or the group never empties (a zombie still belongs to it)
            try:
                os.killpg(self.popen.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        else:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, signal.SIGKILL)
        self.popen.wait()

    def __enter__(self) -> SandboxProcess:
        return self

    def __exit__(self, *_exc: Any) -> None:
        self.stop()
