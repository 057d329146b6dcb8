"""Settings from the function's environment variables, read lazily and validated once per process.

These settings (tables, bucket, secret, push app) are read on the first call, not at import time, so tests can
set them per test; ``reset()`` forgets the cached values. Powertools' own POWERTOOLS_* variables are read when
the handler module is imported, which is why the sandbox sets the whole environment before importing it.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from .errors import ConfigurationError

_TABLE_NAME = re.compile(r"^[A-Za-z0-9_.-]{3,255}$")
_BUCKET_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")

_TABLE_VARIABLES = {
    "users_table": "USERS_TABLE",
    "posts_table": "POSTS_TABLE",
    "comments_table": "COMMENTS_TABLE",
    "likes_table": "LIKES_TABLE",
    "devices_table": "DEVICES_TABLE",
}


@dataclass(frozen=True)
class ClientConfig:
    """The `appConfig` answer's values in this environment (CLIENT_CONFIG, set by backend/infra/stack.py): per
    platform (`ios`, `android`, `web`) the lowest supported version, and every remote switch with its value."""

    minimum_versions: Mapping[str, str]
    switches: Mapping[str, bool]


def parse_client_config(raw: str) -> ClientConfig:
    """CLIENT_CONFIG's JSON, or ConfigurationError (a deployment bug: the stack writes it from the checked config)."""
    try:
        document: Any = json.loads(raw)
    except ValueError:
        raise ConfigurationError("CLIENT_CONFIG is missing or not JSON") from None
    minimums = document.get("minimum_versions") if isinstance(document, dict) else None
    switches = document.get("switches") if isinstance(document, dict) else None
    if not (isinstance(minimums, dict) and all(isinstance(v, str) for v in minimums.values())):
        raise ConfigurationError("CLIENT_CONFIG.minimum_versions must map platforms to version strings")
    if not (isinstance(switches, dict) and all(isinstance(v, bool) for v in switches.values())):
        raise ConfigurationError("CLIENT_CONFIG.switches must map switch names to true or false")
    return ClientConfig(minimum_versions=dict(minimums), switches=dict(switches))


@dataclass(frozen=True)
class Settings:
    users_table: str
    posts_table: str
    comments_table: str
    likes_table: str
    devices_table: str
    # Only the GraphQL function needs these two; they are checked when first used.
    media_bucket_name: str
    pagination_secret_arn_value: str
    push_app_id: str  # empty = push disabled
    app_version: str
    client_config_json: str  # CLIENT_CONFIG; parsed when appConfig first needs it (client_config)

    @property
    def media_bucket(self) -> str:
        if not _BUCKET_NAME.match(self.media_bucket_name):
            raise ConfigurationError("MEDIA_BUCKET is missing or not a valid bucket name")
        return self.media_bucket_name

    @property
    def client_config(self) -> ClientConfig:
        return _client_config(self.client_config_json)

    @property
    def pagination_secret_arn(self) -> str:
        if not self.pagination_secret_arn_value:
            raise ConfigurationError("PAGINATION_SECRET_ARN is missing")
        return self.pagination_secret_arn_value


@cache
def get_settings() -> Settings:
    """Read and validate the environment once; raise ConfigurationError naming every bad variable."""
    problems = []
    tables = {}
    for field, variable in _TABLE_VARIABLES.items():
        value = os.environ.get(variable, "").strip()
        if not _TABLE_NAME.match(value):
            problems.append(f"{variable} is missing or not a valid table name")
        tables[field] = value
    if problems:
        raise ConfigurationError("; ".join(problems))
    return Settings(
        **tables,
        media_bucket_name=os.environ.get("MEDIA_BUCKET", "").strip(),
        pagination_secret_arn_value=os.environ.get("PAGINATION_SECRET_ARN", "").strip(),
        push_app_id=os.environ.get("PUSH_APP_ID", "").strip(),
        app_version=os.environ.get("APP_VERSION", "").strip() or "unknown",
        client_config_json=os.environ.get("CLIENT_CONFIG", ""),
    )


@cache
def _client_config(raw: str) -> ClientConfig:
    return parse_client_config(raw)


def reset() -> None:
    get_settings.cache_clear()
    _client_config.cache_clear()
