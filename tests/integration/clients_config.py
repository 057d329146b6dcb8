"""What `appConfig` must answer on the target: config/environments.yaml's `clients:` for the stage's environment.

Read with PyYAML alone (the post-deploy step installs requirements-integration.txt, no pydantic); the file was
validated at synth (config/clients_block.py).
A stage of an environment gets the top-level defaults with its own `clients:`
in their place, key by key; a personal stage (the sandbox's) gets the defaults.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .target import PROJECT_ROOT

CONFIG_PATH = PROJECT_ROOT / "config" / "environments.yaml"
PLATFORMS = {"IOS": "ios", "ANDROID": "android", "WEB": "web"}  # GraphQL ClientPlatform -> config key


@dataclass(frozen=True)
class ExpectedClients:
    minimum_versions: dict[str, str]  # config platform key -> version
    switches: dict[str, bool]

    def minimum_for(self, platform: str) -> str | None:
        return self.minimum_versions.get(PLATFORMS[platform])


def expected_clients(environment: str | None, path: Path = CONFIG_PATH) -> ExpectedClients:
    document: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    defaults = document.get("clients") or {}
    override = next(
        (env.get("clients") or {} for env in document.get("environments") or [] if env.get("name") == environment),
        {},
    )
    return ExpectedClients(
        minimum_versions={**(defaults.get("minimum_versions") or {}), **(override.get("minimum_versions") or {})},
        switches={**(defaults.get("switches") or {}), **(override.get("switches") or {})},
    )
