"""The Lambda handlers the sandbox calls in-process, injectable so the sandbox is testable without the runtime.

Defaults are the real runtime modules, imported lazily. Importing them creates Powertools' Logger and
Metrics (backend/runtime/observability.py), which read their POWERTOOLS_* variables right then, so the sandbox
sets the environment before the first import (see `sandbox.server`). The runtime's own settings (tables,
bucket, secret, push app) are read on the first call (backend/runtime/settings.py).
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from typing import Any

from backend.runtime.local_context import LocalContext

Handler = Callable[[Any, Any], Any]

WORKER_THREAD_PREFIX = "lambda"  # the worker thread's name prefix (runtime_output.py routes its writes by it)

RUNTIME_HANDLERS = {
    "graphql": "backend.runtime.graphql_handler",
    "stream": "backend.runtime.stream_handler",
    "cognito_trigger": "backend.runtime.cognito_trigger",
}


class HandlerSet:
    """Resolves and runs the three handlers on ONE worker thread: one event at a time, as in a warm Lambda
    instance. The handlers share a process here, and Powertools keeps per-invocation state in shared objects
    (the service logger's context keys, the metric set)."""

    def __init__(self, overrides: dict[str, Handler] | None = None) -> None:
        self._overrides = dict(overrides or {})
        self._loaded: dict[str, Handler] = {}
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(1, thread_name_prefix=WORKER_THREAD_PREFIX)
        # Entered around each handler call on the worker thread with the handler's name (sandbox/iam: its AWS
        # calls are checked against its function's role); None: nothing around the call.
        self.invocation_scope: Callable[[str], AbstractContextManager[Any]] | None = None

    def get(self, name: str) -> Handler:
        with self._lock:
            if name not in self._loaded:
                if name in self._overrides:
                    self._loaded[name] = self._overrides[name]
                else:
                    module = importlib.import_module(RUNTIME_HANDLERS[name])
                    self._loaded[name] = module.handler
            return self._loaded[name]

    def load_all(self) -> None:
        """Import the runtime up front so the first request is not slow and import errors show at startup."""
        for name in RUNTIME_HANDLERS:
            self.get(name)

    def call_sync(self, name: str, event: Any) -> Any:
        """Run a handler on the worker thread and wait (for callers on another thread, never the worker)."""
        handler = self.get(name)
        return self._executor.submit(self._invoke, name, handler, event).result()

    async def call(self, name: str, event: Any) -> Any:
        import asyncio

        handler = self.get(name)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._invoke, name, handler, event)

    def _invoke(self, name: str, handler: Handler, event: Any) -> Any:
        context = LocalContext(function_name=f"sandbox-{name}")
        scope = self.invocation_scope
        if scope is None:
            return handler(event, context)
        with scope(name):
            return handler(event, context)

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
