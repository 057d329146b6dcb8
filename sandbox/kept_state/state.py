"""The sandbox's persisted state under `<state-dir>/state/`: users, table items, objects and the push outbox.

`state.json` (versioned, one JSON document) plus `blobs/<sha256>` (object bodies, one file per content).
Every file is written to a temp file and renamed, so a crash leaves the previous complete state. It is saved
on a clean stop and, while the sandbox runs, within `interval_s` of any change (moto counts requests that may
change state; the outbox counts messages), so a crash loses seconds at most.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import state_moto

log = logging.getLogger("sandbox.state")

STATE_VERSION = 1  # bump when the layout below changes incompatibly; older states are refused, not guessed at
STATE_FILE = "state.json"
BLOBS = "blobs"


class StateError(Exception):
    """A one-line problem with the saved state, meant for the developer."""


def _atomic_write(path: Path, data: bytes) -> None:
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


class StateStore:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.path = directory / STATE_FILE
        self.blobs = directory / BLOBS

    def load(self) -> dict[str, Any] | None:
        """The saved state, or None when there is none (first start, or after --reset)."""
        reset_hint = "start with --reset (make sandbox SANDBOX_ARGS=--reset) to begin with an empty sandbox"
        try:
            state = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise StateError(f"cannot read the saved state {self.path} ({exc}); {reset_hint}") from None
        version = state.get("version") if isinstance(state, dict) else None
        if version != STATE_VERSION:
            raise StateError(
                f"the saved state {self.path} has version {version!r}, this sandbox reads version {STATE_VERSION}; "
                f"{reset_hint}"
            )
        return state

    def read_blob(self, digest: str) -> bytes:
        return (self.blobs / digest).read_bytes()

    def write(self, state: dict[str, Any], blobs: dict[str, bytes]) -> None:
        self.blobs.mkdir(parents=True, exist_ok=True)
        for digest, body in blobs.items():
            if not (self.blobs / digest).exists():  # named by content: an existing file is already right
                _atomic_write(self.blobs / digest, body)
        _atomic_write(self.path, json.dumps({**state, "version": STATE_VERSION}, separators=(",", ":")).encode())
        for stale in self.blobs.iterdir():  # only after state.json no longer refers to them
            if stale.name not in blobs and not stale.name.startswith("."):
                stale.unlink(missing_ok=True)

    def wipe(self) -> None:
        shutil.rmtree(self.directory, ignore_errors=True)


@dataclass
class KeptResources:
    """What the state covers, by physical name (from provisioning)."""

    region: str
    tables: list[str]
    buckets: list[str]
    user_pools: list[str]


class StateKeeper:
    """Captures and restores the sandbox's state; saves it periodically while something changed."""

    def __init__(
        self,
        store: StateStore,
        resources: KeptResources,
        clients: Callable[[str], Any],
        moto_lock: Any,
        change_count: Callable[[], int],
        outbox: Any,
        interval_s: float = 2.0,
    ) -> None:
        self.store = store
        self.resources = resources
        self.client = clients
        self.moto_lock = moto_lock
        self.change_count = change_count
        self.outbox = outbox
        self.interval_s = interval_s
        self._saved_at_change = -1
        self._save_lock = threading.Lock()  # the periodic save and the final one never interleave
        self._task: asyncio.Task[None] | None = None

    def restore(self, state: dict[str, Any]) -> None:
        r = self.resources
        missing = state_moto.restore_dynamodb(r.region, state.get("dynamodb", {}))
        missing += state_moto.restore_s3(self.client("s3"), state.get("s3", {}), self.store.read_blob)
        missing += state_moto.restore_cognito(r.region, state.get("cognito", {}))
        self.outbox.restore(state.get("push_outbox", {}))
        if missing:
            log.warning("saved state for resources the template no longer has, left out: %s", ", ".join(missing))
        self._saved_at_change = self._changes()

    def _changes(self) -> int:
        return self.change_count() + self.outbox.changes

    def capture(self) -> tuple[dict[str, Any], dict[str, bytes]]:
        r = self.resources
        blobs: dict[str, bytes] = {}
        with self.moto_lock:
            state = {
                "saved_at": dt.datetime.now(dt.UTC).isoformat(),
                "dynamodb": state_moto.capture_dynamodb(self.client("dynamodb"), r.tables),
                "s3": state_moto.capture_s3(self.client("s3"), r.buckets, blobs),
                "cognito": state_moto.capture_cognito(r.region, r.user_pools),
            }
        state["push_outbox"] = self.outbox.export()
        return state, blobs

    def save(self, *, force: bool = False) -> bool:
        """Saves if anything changed since the last save (or always with force); True when it wrote."""
        with self._save_lock:
            changes = self._changes()
            if not force and changes == self._saved_at_change:
                return False
            state, blobs = self.capture()
            self.store.write(state, blobs)
            self._saved_at_change = changes
            return True

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.interval_s)
            try:
                await asyncio.to_thread(self.save)
            except Exception:  # a failed save must not stop the next one
                log.exception("could not save the sandbox state")

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        """Saves a last time, only if started: a start that failed half-way (say, while seeding) keeps nothing,
        so the next start begins again from scratch."""
        if self._task is None:
            return
        self._task.cancel()
        try:
            await self._task
        except asyncio.CancelledError:
            pass
        await asyncio.to_thread(self.save)
