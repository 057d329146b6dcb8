"""The runtime's handlers, reloadable: the HandlerSet calls stable trampolines that run the handler of the
runtime package's latest good import, or raise the import's error while the code is broken.

A reload drops the package's modules from `sys.modules` and imports the three handler modules again; nothing
else is touched (users, data and tokens live in moto, subscriptions in the hub). The runtime keeps no state
of its own between invocations that the sandbox relies on: module-level caches (settings, clients) are rebuilt
on the first call, as in a fresh Lambda instance. `local_context` stays: `handlers.py` imported its class.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import sys
import threading
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

HANDLER_MODULES = {"graphql": "graphql_handler", "stream": "stream_handler", "cognito_trigger": "cognito_trigger"}
KEPT_MODULES = ("local_context",)


class RuntimeCodeError(Exception):
    """The runtime does not import. Its message is what Lambda reports for such a function
    (`Runtime.UserCodeSyntaxError` / `Runtime.ImportModuleError`); resolvers surface it as `Lambda:Unhandled`."""


def describe_import_error(exc: BaseException, root: Path) -> tuple[str, str]:
    """(one-line message for requests, the block printed once: where and what)."""
    if isinstance(exc, SyntaxError):
        where = _relative(exc.filename, root)
        message = f"Runtime.UserCodeSyntaxError: {exc.msg} ({where}, line {exc.lineno})"
        lines = [f"  File {where}, line {exc.lineno}"]
        if exc.text:
            lines.append("    " + exc.text.rstrip("\n"))
            if exc.offset:
                lines.append("    " + " " * (exc.offset - 1) + "^")
        lines.append(f"  {type(exc).__name__}: {exc.msg}")
        return message, "\n".join(lines)
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if _inside(f.filename, root)]
    where = f"{_relative(frames[-1].filename, root)}, line {frames[-1].lineno}" if frames else str(root)
    message = f"Runtime.ImportModuleError: {type(exc).__name__}: {exc} ({where})"
    lines = [f"  File {_relative(f.filename, root)}, line {f.lineno}\n    {f.line}" for f in frames[-3:]]
    lines.append(f"  {type(exc).__name__}: {exc}")
    return message, "\n".join(lines)


def _inside(filename: str | None, root: Path) -> bool:
    try:
        Path(filename or "").resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def _relative(filename: str | None, root: Path) -> str:
    path = Path(filename or "?")
    try:
        return str(path.resolve().relative_to(root.resolve().parent.parent))
    except ValueError:
        return str(path)


class LiveRuntime:
    def __init__(self, package: str, directory: Path) -> None:
        self.package = package
        self.directory = directory
        self._lock = threading.Lock()
        self._handlers: dict[str, Callable[[Any, Any], Any]] = {}
        self.error: str | None = None  # the request-facing message while the code does not import
        self.generation = 0  # good imports so far

    def handlers(self) -> dict[str, Callable[[Any, Any], Any]]:
        """Stable callables for HandlerSet: each runs the current handler (importing on first use)."""

        def trampoline(name: str) -> Callable[[Any, Any], Any]:
            def call(event: Any, context: Any) -> Any:
                return self.current(name)(event, context)

            call.__name__ = f"live_{name}"
            return call

        return {name: trampoline(name) for name in HANDLER_MODULES}

    def current(self, name: str) -> Callable[[Any, Any], Any]:
        with self._lock:
            if self.error is not None:
                raise RuntimeCodeError(self.error)
            if not self._handlers:
                self._handlers = self._import()  # first use: import errors propagate (start-up reports them)
                self.generation += 1
            return self._handlers[name]

    def load(self) -> None:
        self.current("graphql")

    def reload(self, changed: Iterable[Path] = ()) -> str | None:
        """Import the package afresh. Returns None when it imported, else the block describing the error (the
        previous handlers are dropped: requests get the error until a save fixes it)."""
        with self._lock:
            for path in changed:
                # A .pyc is trusted on its source's mtime (whole seconds) and size: a same-size edit within the
                # second it was compiled would import the old code.
                with contextlib.suppress(OSError, ValueError):
                    Path(importlib.util.cache_from_source(str(path))).unlink()
            self._purge()
            try:
                handlers = self._import()
            except Exception as exc:  # noqa: BLE001 - SyntaxError, ImportError, anything the import raised
                message, block = describe_import_error(exc, self.directory)
                self.error, self._handlers = message, {}
                self._purge()  # a half-imported package must not be reused by the next attempt
                return block
            self._handlers, self.error = handlers, None
            self.generation += 1
            return None

    def _import(self) -> dict[str, Callable[[Any, Any], Any]]:
        importlib.invalidate_caches()  # a file created since the last import must be found
        return {
            name: importlib.import_module(f"{self.package}.{module}").handler
            for name, module in HANDLER_MODULES.items()
        }

    def _purge(self) -> None:
        kept = {f"{self.package}.{name}" for name in KEPT_MODULES}
        prefix = f"{self.package}."
        for module_name in [m for m in sys.modules if m.startswith(prefix) or m == self.package]:
            if module_name not in kept:
                del sys.modules[module_name]
