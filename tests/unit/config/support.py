"""What the config tests share: the example file as data, variants of it, and the one-line error a variant gets."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
import yaml

from config import ConfigError, parse_config
from pipeline.project_root import PROJECT_ROOT

REAL: dict[str, Any] = yaml.safe_load((PROJECT_ROOT / "config" / "environments.yaml").read_text())


def variant(mutate: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    """A copy of the example file, changed by `mutate`."""
    data = copy.deepcopy(REAL)
    mutate(data)
    return data


def error_of(data: dict[str, Any]) -> str:
    """The error `data` gets: asserted to be one line."""
    with pytest.raises(ConfigError) as caught:
        parse_config(data)
    message = str(caught.value)
    assert "\n" not in message
    return message
