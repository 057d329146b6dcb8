"""The runtime's output in a log file, not in the sandbox's terminal (`python -m sandbox`; `--verbose`: both).

The handlers run on the one worker thread of `handlers.py` (named `lambda_0`). What they write to stdout or
stderr there — Powertools' JSON log lines (its Logger's StreamHandler holds the `sys.stdout` of the moment the
runtime creates it, hence installed before the runtime is imported; a live reload creates it again), the EMF
lines Metrics `print()`s on flush, anything a handler prints — goes to the file; every other thread's writes
(the sandbox's start-up lines, its request lines) pass through unchanged. The sandbox's own loggers keep
writing to the terminal: `logging.basicConfig` ran first, so its handler holds the real stderr.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import IO, Any

from .handlers import WORKER_THREAD_PREFIX

RUNTIME_LOG_NAME = "runtime.log"


def on_worker_thread() -> bool:
    return threading.current_thread().name.startswith(WORKER_THREAD_PREFIX)


class RuntimeRouted:
    """Stands in for sys.stdout / sys.stderr: the worker thread's writes go to `log` (and to `terminal` as well
    when `echo`), the others' to `terminal`. Everything else (fileno, encoding, isatty...) is the terminal's."""

    def __init__(self, terminal: IO[str], log: IO[str], lock: threading.Lock, *, echo: bool) -> None:
        self.terminal = terminal
        self._log = log
        self._lock = lock
        self._echo = echo

    def write(self, text: str) -> int:
        if not on_worker_thread():
            return self.terminal.write(text)
        with self._lock:
            self._log.write(text)
            self._log.flush()
        if self._echo:
            self.terminal.write(text)
            self.terminal.flush()
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self.terminal.flush()
        if on_worker_thread():
            with self._lock:
                self._log.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.terminal, name)


class RuntimeOutput:
    """Installs the routing on sys.stdout and sys.stderr (appending to `path`) until `close()`."""

    def __init__(self, path: Path, *, echo: bool) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._file = path.open("a", encoding="utf-8")
        lock = threading.Lock()
        self._saved = (sys.stdout, sys.stderr)
        sys.stdout = RuntimeRouted(sys.stdout, self._file, lock, echo=echo)
        sys.stderr = RuntimeRouted(sys.stderr, self._file, lock, echo=echo)

    def close(self) -> None:
        sys.stdout, sys.stderr = self._saved
        self._file.close()
