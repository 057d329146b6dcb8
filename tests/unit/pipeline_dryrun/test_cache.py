"""The buildspec `cache` section: read, and checked after a build (warnings: CodeBuild does not fail on it)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from devtools.pipeline_dryrun.buildspec import load_buildspec
from devtools.pipeline_dryrun.checks import cache_warnings

SPEC: dict[str, Any] = {
    "version": "0.2",
    "phases": {"build": {"commands": ["true"]}},
    "cache": {
        "key": "synth-$(codebuild-hash-files package-lock.json requirements-dev.txt)",
        "paths": ["/root/.npm/**/*", "/root/.cache/install-deps/**/*", "local-cache/**/*"],
    },
}


def test_cache_paths_and_key_are_read(tmp_path: Path) -> None:
    spec = load_buildspec(json.dumps(SPEC), tmp_path)
    assert spec.cache_paths == ("/root/.npm/**/*", "/root/.cache/install-deps/**/*", "local-cache/**/*")
    assert spec.cache_key == SPEC["cache"]["key"]


def test_no_cache_section_gives_no_paths_and_no_warnings(tmp_path: Path) -> None:
    spec = load_buildspec(json.dumps({"version": "0.2", "phases": {}}), tmp_path)
    assert (spec.cache_paths, spec.cache_key) == ((), None)
    assert cache_warnings(spec, tmp_path, "/home/dev") == []


def test_filled_cache_directories_under_home_and_in_the_source_pass(tmp_path: Path) -> None:
    home, src = tmp_path / "home", tmp_path / "src"
    for directory in (home / ".npm", home / ".cache" / "install-deps", src / "local-cache"):
        directory.mkdir(parents=True)
        (directory / "entry").write_text("x")
    (src / "package-lock.json").write_text("{}")
    (src / "requirements-dev.txt").write_text("")
    spec = load_buildspec(json.dumps(SPEC), src)
    assert cache_warnings(spec, src, str(home)) == []  # CodeBuild's /root is the local HOME


def test_empty_or_missing_cache_directories_and_unhashed_key_files_warn(tmp_path: Path) -> None:
    home, src = tmp_path / "home", tmp_path / "src"
    (home / ".npm").mkdir(parents=True)  # exists but the build put nothing there
    src.mkdir()
    (src / "package-lock.json").write_text("{}")
    spec = load_buildspec(json.dumps(SPEC), src)
    warnings = cache_warnings(spec, src, str(home))
    assert len(warnings) == 4, warnings
    assert [w.split(":")[0] for w in warnings[:3]] == [f"cache path {p}" for p in SPEC["cache"]["paths"]]
    assert warnings[3].startswith("cache key hashes requirements-dev.txt:")
