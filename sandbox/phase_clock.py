"""How long each start-up phase took (logged once the sandbox is up); some phases are announced to the developer."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator


class PhaseClock:
    def __init__(self, progress: Callable[[str], None] | None) -> None:
        self.progress = progress
        self.timings: dict[str, float] = {}

    @contextlib.contextmanager
    def phase(self, name: str, announce: str | None = None) -> Iterator[None]:
        started = time.monotonic()
        yield
        self.timings[name] = took = time.monotonic() - started
        if announce and self.progress:
            self.progress(f"sandbox: {announce} ({took:.1f} s)")
