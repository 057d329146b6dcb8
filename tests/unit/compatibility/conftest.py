"""The project's own schema and operations released as app versions into a temporary clients/released/."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from backend.schema import SCHEMA_PATH
from pipeline.predeploy.compatibility.release import DEFAULT_OPERATIONS, release

Released = Callable[..., Path]


@pytest.fixture
def released(tmp_path: Path) -> Released:
    """released(version, schema_text=None, operations=None) → clients/released/ holding that version."""
    directory = tmp_path / "released"

    def make(version: str = "1.0.0", *, schema: str | None = None, operations: Path | None = None) -> Path:
        schema_path = SCHEMA_PATH
        if schema is not None:
            schema_path = tmp_path / f"schema-{version}.graphql"
            schema_path.write_text(schema, encoding="utf-8")
        release(version, operations=operations or DEFAULT_OPERATIONS, schema_path=schema_path, released_dir=directory)
        return directory

    return make


def edited(*replacements: tuple[str, str]) -> str:
    """The project's schema with each (old, new) replaced once; old must be there."""
    text = SCHEMA_PATH.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text
