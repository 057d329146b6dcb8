"""What a sandbox is started with (`python -m sandbox`'s flags, or a test's choices)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.project_root import PROJECT_ROOT

from .handlers import Handler
from .reload.live import LiveReloadOptions

OutputsGenerator = Callable[..., dict[str, Any]]


@dataclass
class SandboxOptions:
    host: str = "127.0.0.1"
    port: int = 8443
    outputs_path: Path = PROJECT_ROOT / "amplify_outputs.json"
    state_dir: Path = PROJECT_ROOT / ".sandbox"
    template: Mapping[str, Any] | None = None  # None: the synthesized stage template
    handlers: dict[str, Handler] = field(default_factory=dict)  # overrides of graphql/stream/cognito_trigger
    schema_sdl: str | None = None  # None: backend/schema.graphql
    outputs_generator: OutputsGenerator | None = None
    keepalive_s: float = 60.0
    # The poller is woken after every DynamoDB write (MotoServer.on_dynamodb_write); this is its fallback period.
    stream_poll_interval_s: float = 2.0
    moto_port: int = 0  # 0: a free port
    moto_port_or_any: bool = False  # moto_port busy: a free one instead (--moto-port not given)
    # Keep users and data in <state_dir>/state across restarts (`python -m sandbox`); tests start empty.
    persist: bool = False
    reset: bool = False  # wipe the kept state first
    seed_path: Path | None = None  # applied when the sandbox starts without kept state
    save_interval_s: float = 2.0
    progress: Callable[[str], None] | None = None  # one line per start-up phase, for the developer
    # The runtime's AWS calls checked against its functions' roles from the template (sandbox/iam)
    enforce_iam: bool = True
    live_reload: LiveReloadOptions | None = None  # watch the project and reload in place (reload/live.py)
