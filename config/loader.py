"""Reads environments.yaml into AppConfig; every failure becomes one ConfigError line."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from .errors import ConfigError
from .model import AppConfig
from .rollout_gate import MAX_BAKE_MINUTES

# Integer keys and their ranges, for one-line errors in the file's own terms.
_INT_RANGES = {"bake_minutes": (0, MAX_BAKE_MINUTES), "every_minutes": (1, 60)}

DEFAULT_CONFIG_PATH = Path(__file__).resolve().parent / "environments.yaml"

# pydantic's own wording for structural errors, rephrased as expectations.
_MESSAGES = {
    "missing": "required key is missing",
    "extra_forbidden": "unknown key (not part of the configuration schema)",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "list_type": "expected a list",
    "model_type": "expected a mapping of keys",
    "model_attributes_type": "expected a mapping of keys",
    "dict_type": "expected a mapping of keys",
    "string_type": "expected a string",
    "too_short": "expected at least one entry",
    "date_type": "expected a date like 2026-12-31",
    "date_parsing": "expected a date like 2026-12-31",
    "date_from_datetime_parsing": "expected a date like 2026-12-31",
    "date_from_datetime_inexact": "expected a date like 2026-12-31",
}


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # other drive on Windows
        return str(path)


_VALIDATOR_STEPS = ("function-after", "function-before", "literal[", "nullable", "str")


def _key_path(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part == "[key]" or str(part).startswith(_VALIDATOR_STEPS):
            continue  # pydantic's internal validator steps (and its marker of a mapping's key), not keys
        else:
            text += f".{part}" if text else str(part)
    return text or "(top level)"


def _message(error: ErrorDetails) -> str:
    if error["type"] in ("less_than_equal", "greater_than_equal", "int_type", "int_parsing", "int_from_float"):
        key = str(error["loc"][-1])
        if key in _INT_RANGES:
            low, high = _INT_RANGES[key]
            return f"expected a whole number from {low} to {high}, got {error['input']!r}"
    if error["type"] == "value_error":
        return str(error["ctx"]["error"])
    if error["type"] == "too_long":
        # pydantic 2.14 stops counting a dict at the limit (actual_length None): the input has the whole count.
        given = error["input"]
        count = error["ctx"].get("actual_length") or (len(given) if hasattr(given, "__len__") else "more")
        return f"expected at most {error['ctx']['max_length']} entries, got {count}"
    if error["type"] == "literal_error":
        return f"expected one of {error['ctx']['expected']}, got {error['input']!r}"
    return _MESSAGES.get(error["type"], error["msg"])


def parse_config(data: Any, *, source: str = "config/environments.yaml") -> AppConfig:
    try:
        return AppConfig.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        first = errors[0]
        more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
        raise ConfigError(f"{source}: {_key_path(first['loc'])}: {_message(first)}{more}") from None


def load_config(path: Path | str = DEFAULT_CONFIG_PATH) -> AppConfig:
    path = Path(path)
    source = _display(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{source}: cannot read the file ({exc.strerror})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "(top level)"
        raise ConfigError(f"{source}: {where}: expected valid YAML ({getattr(exc, 'problem', exc)})") from None
    return parse_config(data, source=source)
