"""What live reload watches by default: every file the last synth read (its record), not a hand-kept list, so an
edit to pipeline/, backend/naming.py or app.py re-synthesizes the stage as an edit to backend/infra/ does. Each
folder is watched without recursion, so node_modules/ and .venv/ beside the inputs are never followed."""

from __future__ import annotations

from pathlib import Path

import pytest

from sandbox.reload import live
from sandbox.reload.live import LiveReload, LiveReloadOptions


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in (
        "app.py",
        "cdk.json",
        "pipeline/pipeline_stack.py",
        "pipeline/not_read.py",
        "backend/naming.py",
        "backend/runtime/handler.py",
        "backend/runtime/logic/posts.py",
        "config/loader.py",
        "devtools/codegen/node_modules/pkg/index.js",
        "tests/test_x.py",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("# x\n")
    return tmp_path


@pytest.fixture
def reload(project: Path, monkeypatch: pytest.MonkeyPatch) -> LiveReload:
    read = ["app.py", "cdk.json", "pipeline/pipeline_stack.py", "backend/naming.py", "backend/runtime/handler.py"]
    read.append("config/loader.py")
    monkeypatch.setattr(live, "recorded_inputs", lambda root: [root / name for name in read])
    options = LiveReloadOptions(runtime_dir=project / "backend" / "runtime", root=project)
    watcher = LiveReload(sandbox=None, options=options)  # type: ignore[arg-type]
    watcher._stage_inputs = watcher._stage_paths()
    return watcher


def test_every_file_the_synth_read_is_a_stage_input_and_nothing_else(reload: LiveReload, project: Path) -> None:
    for name in ("app.py", "cdk.json", "pipeline/pipeline_stack.py", "backend/naming.py", "config/loader.py"):
        assert reload._kind(project / name) == "stage", name
    for name in ("pipeline/not_read.py", "tests/test_x.py", "devtools/codegen/node_modules/pkg/index.js"):
        assert reload._kind(project / name) is None, name
    # the runtime is reloaded in place, not re-synthesized, though the synth reads it for the code asset
    assert reload._kind(project / "backend/runtime/handler.py") == "runtime"
    assert reload._kind(project / "backend/runtime/logic/posts.py") == "runtime"


def test_the_watched_folders_are_the_inputs_folders_and_the_runtimes_tree(reload: LiveReload, project: Path) -> None:
    watched = {p.relative_to(project).as_posix() for p in reload._paths()}
    assert watched == {".", "pipeline", "backend", "config", "backend/runtime", "backend/runtime/logic"}


def test_a_fixed_template_watches_only_the_runtime(project: Path) -> None:
    options = LiveReloadOptions(runtime_dir=project / "backend" / "runtime", root=project, stage_paths=())
    watcher = LiveReload(sandbox=None, options=options)  # type: ignore[arg-type]
    watcher._stage_inputs = watcher._stage_paths()
    assert watcher._kind(project / "app.py") is None
    assert {p.relative_to(project).as_posix() for p in watcher._paths()} == {"backend/runtime", "backend/runtime/logic"}
