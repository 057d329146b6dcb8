"""The Lambda handlers the sandbox calls in-process, injectable so the sandbox is testable without the runtime.

Defaults are the real runtime modules, imported lazily: the runtime reads its environment variables at import
time, so the sandbox must set them first (see `sandbox.server`).
"""
from __future__ import annotations

import importlib
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable

Handler = Callable[[Any, Any], Any]

RUNTIME_HANDLERS = {
    "graphql": "backend.runtime.graphql_handler",
    "stream": "backend.runtime.stream_handler",
    "cognito_trigger": "backend.runtime.cognito_trigger",
}


@dataclass
class LambdaContext:
    """Enough of the Lambda context object for Powertools (logger/tracer/metrics)."""

    function_name: str
    memory_limit_in_mb: int = 512
    function_version: str = "$LATEST"
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    invoked_function_arn: str = ""
    log_group_name: str = ""
    log_stream_name: str = "sandbox"

    def __post_init__(self) -> None:
        if not self.invoked_function_arn:
            self.invoked_function_arn = f"arn:aws:lambda:us-east-1:123456789012:function:{self.function_name}"
        if not self.log_group_name:
            self.log_group_name = f"/aws/lambda/{self.function_name}"

    def get_remaining_time_in_millis(self) -> int:
        return 30_000


class HandlerSet:
    """Resolves and runs the three handlers on ONE worker thread: one event at a time, as in a warm Lambda
    instance. The handlers share a process here, and Powertools keeps per-invocation state in shared objects
    (the resolver app's current event, the service logger's context keys, the metric set)."""

    def __init__(self, overrides: dict[str, Handler] | None = None) -> None:
        self._overrides = dict(overrides or {})
        self._loaded: dict[str, Handler] = {}
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="lambda")

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
        return self._executor.submit(handler, event, LambdaContext(function_name=f"sandbox-{name}")).result()

    async def call(self, name: str, event: Any) -> Any:
        import asyncio

        handler = self.get(name)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, handler, event, LambdaContext(function_name=f"sandbox-{name}"))

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
