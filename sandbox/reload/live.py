"""Watches the project and reloads the running sandbox in place (`python -m sandbox`; `--no-watch` opts out).

- `backend/runtime/` (`runtime_dir`): the runtime package is imported afresh (runtime.py) and serves the next
  request. Code that does not import is printed once as one block; requests get `Lambda:Unhandled` with
  Lambda's message for it until a save fixes it.
- every project file the last synth read (`stage_paths`; by default the synth's own record, provisioning/template.py:
  `app.py`, `config/`, `stages/`, `pipeline/`, `backend/` but its runtime, the tools it imports): the stage is
  synthesized again (`load_stage`, by default provisioning/template.py) and the difference applied in place
  (stage.py): new tables and indexes are created, then the schema, resolver map and limits swap at once (the
  executor's state is replaced in one step on the event loop; the explorer reads the schema by introspection).
  A change that cannot be applied in place is one line saying what to do, and the previous version keeps serving.

Watching uses watchfiles (inotify on Linux, FSEvents on macOS): a save is seen within its `step` (50 ms)
instead of a polling period, and an editor's burst of writes (temporary file, rename) arrives as one batch.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.project_root import PROJECT_ROOT

from ..appsync.execution import Executor
from ..appsync.limits import limits_from_template
from ..appsync.resolver_map import resolver_fields
from ..appsync.schema import load_schema
from ..kept_state.state import KeptResources
from ..provisioning.template import recorded_inputs
from ..realtime.pubsub import subscribe_targets
from .runtime import LiveRuntime, RuntimeCodeError
from .stage import RESTART, plan_change, provision_in_place

if TYPE_CHECKING:
    from ..server import Sandbox

log = logging.getLogger("sandbox.reload")

StageLoader = Callable[[], tuple[Mapping[str, Any], str | None]]  # (template, schema SDL or None: the file)
_IGNORED_PARTS = frozenset({"__pycache__", ".git", ".mypy_cache", ".pytest_cache", ".ruff_cache", "node_modules"})


def synthesized_stage() -> tuple[Mapping[str, Any], str | None]:
    from ..provisioning.template import load_stage_template

    return load_stage_template()[0], None


@dataclass
class LiveReloadOptions:
    runtime_package: str = "backend.runtime"
    runtime_dir: Path = PROJECT_ROOT / "backend" / "runtime"
    # None: the files the last synth read (its record); () with a fixed --template: nothing to synthesize
    stage_paths: tuple[Path, ...] | None = None
    load_stage: StageLoader = field(default=synthesized_stage)
    root: Path = PROJECT_ROOT  # changed paths are printed relative to it
    force_polling: bool = False


class _QuietRuntimeErrors(logging.Filter):
    """A broken runtime is printed once, when it is saved: not again as a traceback per failing request."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        cause = exc.__cause__ if exc is not None else None
        return not isinstance(exc, RuntimeCodeError) and not isinstance(cause, RuntimeCodeError)


class LiveReload:
    def __init__(self, sandbox: Sandbox, options: LiveReloadOptions, say: Callable[[str], None] | None = None):
        self.sandbox = sandbox
        self.options = options
        self.runtime = LiveRuntime(options.runtime_package, options.runtime_dir)
        self.say = say or (lambda line: print(line, flush=True))
        self.reloads = 0  # reload attempts finished (tests wait on it)
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._filter = _QuietRuntimeErrors()
        self._stage_inputs: tuple[Path, ...] = ()

    def _stage_paths(self) -> tuple[Path, ...]:
        if self.options.stage_paths is not None:
            return self.options.stage_paths
        runtime = self.options.runtime_dir
        return tuple(p for p in recorded_inputs(root=self.options.root) if not p.is_relative_to(runtime))

    def _paths(self) -> list[Path]:
        """The folders the watcher follows, each without recursion: the runtime's folder and its subfolders, the folder
        of each stage input (editors save by replacing a file, so a watch on the file alone would be lost), and each
        stage folder given with its subfolders. A recursive watch of the root's folders would also follow
        node_modules/ and .venv/. `_kind` keeps only changes to the inputs themselves."""
        folders: set[Path] = set()
        for path in (self.options.runtime_dir, *self._stage_inputs):
            if path.is_dir():
                folders.add(path)
                folders.update(d for d in path.rglob("*") if d.is_dir() and not _IGNORED_PARTS.intersection(d.parts))
            elif path.parent.is_dir():
                folders.add(path.parent)
        return sorted(folders)

    async def start(self) -> None:
        self._stage_inputs = self._stage_paths()
        for handler in logging.getLogger().handlers:
            handler.addFilter(self._filter)
        self._stop = asyncio.Event()
        ready = asyncio.Event()
        self._task = asyncio.create_task(self._watch(ready), name="live-reload")
        await asyncio.wait({self._task, asyncio.ensure_future(ready.wait())}, return_when=asyncio.FIRST_COMPLETED)

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except (asyncio.CancelledError, Exception):  # noqa: BLE001, S110 - stopping: how it ended no longer matters
                pass
        for handler in logging.getLogger().handlers:
            handler.removeFilter(self._filter)

    def _kind(self, path: Path) -> str | None:
        if _IGNORED_PARTS.intersection(path.parts):
            return None
        if path.is_relative_to(self.options.runtime_dir):
            return "runtime" if path.suffix == ".py" else None
        if any(path == p or path.is_relative_to(p) for p in self._stage_inputs):
            return None if path.suffix in {".pyc", ".swp", ".tmp"} or path.name.endswith("~") else "stage"
        return None

    def _name(self, path: Path) -> str:
        return str(path.relative_to(self.options.root)) if path.is_relative_to(self.options.root) else str(path)

    async def _watch(self, ready: asyncio.Event) -> None:
        from watchfiles import awatch

        watcher = awatch(
            *self._paths(),
            watch_filter=lambda _change, path: self._kind(Path(path)) is not None,
            stop_event=self._stop,
            step=50,
            debounce=1600,
            force_polling=self.options.force_polling,
            recursive=False,  # _paths lists every folder to follow
            poll_delay_ms=100,
            yield_on_timeout=True,
            rust_timeout=200,
        )
        async for changes in watcher:
            ready.set()
            by_kind: dict[str, list[Path]] = {}
            for _change, raw in changes:
                path = Path(raw)
                kind = self._kind(path)
                if kind:
                    by_kind.setdefault(kind, []).append(path)
            try:
                if "stage" in by_kind:
                    await self.reload_stage(by_kind["stage"] + by_kind.get("runtime", []))
                elif "runtime" in by_kind:
                    await self.reload_runtime(by_kind["runtime"])
            except Exception:  # a reload must never stop the sandbox
                log.exception("reload failed")
            if by_kind:
                self.reloads += 1

    def _names(self, paths: list[Path]) -> str:
        names = sorted({self._name(p) for p in paths})
        return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")

    async def reload_runtime(self, paths: list[Path]) -> bool:
        started = time.monotonic()
        block = await asyncio.to_thread(self.runtime.reload, paths)
        took = time.monotonic() - started
        if block is None:
            self.say(f"sandbox: reloaded the runtime ({self._names(paths)}) in {took:.2f} s")
            return True
        self.say(
            f"sandbox: the runtime does not import after {self._names(paths)}; requests get Lambda:Unhandled "
            f"until it is fixed:\n{block}"
        )
        return False

    async def reload_stage(self, paths: list[Path]) -> bool:
        """Synthesize, plan, provision what is new, swap. False (and one line or block printed) if not applied."""
        sandbox = self.sandbox
        started = time.monotonic()
        what = self._names(paths)
        keep = "still serving the previous version"
        try:
            template, sdl = await asyncio.to_thread(self.options.load_stage)
            schema = load_schema(sdl)
            fields = resolver_fields(template)
            limits = limits_from_template(template)
        except Exception as exc:  # noqa: BLE001 - TemplateError, a schema that does not build...
            self.say(f"sandbox: {what} not applied ({keep}):\n  {str(exc).strip()}")
            return False
        assert sandbox.provisioned is not None and sandbox.moto is not None
        old_template = sandbox.template
        plan = plan_change(old_template, template)
        if plan.unsafe:
            self.say(f"sandbox: {what} not applied ({keep}): " + "; ".join(plan.unsafe))
            return False
        old = sandbox.provisioned
        try:
            provisioned = await asyncio.to_thread(
                provision_in_place,
                old,
                old_template,
                template,
                plan,
                session=sandbox._session,
                endpoint_url=sandbox.moto.url,
                region=sandbox_region(),
                graphql_url=sandbox.graphql_url,
                push_app_id=sandbox.outbox.app_id,
            )
        except Exception as exc:  # noqa: BLE001 - moto refused something: say so, keep serving
            self.say(f"sandbox: {what} not applied ({keep}): {exc}; {RESTART}")
            return False
        if old.stream_sources != provisioned.stream_sources or old.stream_retry_attempts != (
            provisioned.stream_retry_attempts
        ):
            self.say(f"sandbox: {what} not applied ({keep}): the stream mappings changed: {RESTART}")
            return False
        sandbox._set_runtime_environment(provisioned)  # new tables' names, read by the runtime's settings
        runtime_ok = True
        if not sandbox.options.handlers:  # the live runtime: re-read its settings with the new environment
            changed = [p for p in paths if self._kind(p) == "runtime"]
            runtime_ok = (await asyncio.to_thread(self.runtime.reload, changed)) is None
        executor = sandbox.executor
        new_executor = Executor(schema, fields, executor_invoke(sandbox), sandbox.hub.publish, limits=limits)
        # One synchronous step on the event loop: no request sees half of the swap.
        executor.__dict__.update(new_executor.__dict__)
        sandbox.hub.schema, sandbox.hub.targets = schema, subscribe_targets(schema)
        sandbox.provisioned, sandbox.template = provisioned, template
        if sandbox.s3_proxy is not None:
            sandbox.s3_proxy.buckets = frozenset(provisioned.bucket_names)
        if sandbox.cognito is not None:
            sandbox.cognito.post_confirmation_pools = provisioned.post_confirmation_pool_ids
        sandbox.authenticator.identity_pools = sandbox.identity_pool_access(provisioned)
        if sandbox.iam is not None:  # the runtime's calls are judged by the new template's roles and grants
            sandbox.iam.model = sandbox.iam_model(template, provisioned)
        if sandbox.state is not None:
            sandbox.state.resources = KeptResources(
                region=sandbox_region(),
                tables=list(provisioned.tables.values()),
                buckets=provisioned.bucket_names,
                user_pools=[provisioned.user_pool_id] if provisioned.user_pool_id else [],
            )
        if provisioned.outputs != old.outputs:
            sandbox.write_outputs(provisioned)
        details = ", ".join(x for x in ("schema and resolvers", plan.summary()) if x)
        note = "" if runtime_ok else " (the runtime does not import: see above)"
        self.say(f"sandbox: applied {what} ({details}) in {time.monotonic() - started:.1f} s{note}")
        return True


def sandbox_region() -> str:
    from ..server import REGION

    return REGION


def executor_invoke(sandbox: Sandbox) -> Callable[[Any], Any]:
    return lambda event: sandbox.handlers.call("graphql", event)
