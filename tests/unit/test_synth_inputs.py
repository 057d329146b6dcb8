"""pipeline/synth_inputs.py: a synth's inputs are the project files it read, recorded by the synth process itself."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from pipeline.project_root import PROJECT_ROOT
from pipeline.synth_inputs import ENV, makefile_rule, read_record

ROOT = PROJECT_ROOT

# Reads a file, imports a module, lists a directory, writes a file: as app.py would, in a project at `root`.
SCRIPT = """
import sys
from pathlib import Path
sys.path.insert(0, {tools!r})
from pipeline.synth_inputs import record_reads
root = Path({root!r})
record_reads(root)
sys.path.insert(0, str(root))
import imported_module
(root / "config.yaml").read_text()
sorted((root / "listed").iterdir())
(root / "written.json").write_text("{{}}")
Path({outside!r}).read_text()
"""


def test_the_record_holds_what_the_process_read_imported_and_listed(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "listed").mkdir(parents=True)
    (root / "imported_module.py").write_text("VALUE = 1\n")
    (root / "config.yaml").write_text("a: 1\n")
    (root / "unread.py").write_text("")
    (root / ".venv").mkdir()
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("not a project file")
    record = tmp_path / "record.json"
    script = SCRIPT.format(tools=str(ROOT), root=str(root), outside=str(outside))
    subprocess.run([sys.executable, "-c", script], env={**os.environ, ENV: str(record)}, check=True, timeout=60)
    assert read_record(record) == ["config.yaml", "imported_module.py", "listed/"]


def test_nothing_is_recorded_without_the_variable(tmp_path: Path) -> None:
    script = SCRIPT.format(tools=str(ROOT), root=str(tmp_path), outside=str(tmp_path / "x")).replace(
        "import imported_module", ""
    )
    (tmp_path / "config.yaml").write_text("")
    (tmp_path / "listed").mkdir()
    (tmp_path / "x").write_text("")
    environ = {key: value for key, value in os.environ.items() if key != ENV}
    subprocess.run([sys.executable, "-c", script], env=environ, check=True, timeout=60)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["config.yaml", "listed", "written.json", "x"]


def test_the_make_rule_names_every_input_and_survives_a_deleted_one() -> None:
    rule = makefile_rule("cdk.out/manifest.json", ["app.py", "backend/runtime/"])
    assert rule.splitlines() == ["cdk.out/manifest.json: app.py backend/runtime", "", "app.py:", "backend/runtime:"]


def test_a_real_sandbox_synth_records_naming_schema_and_config(tmp_path: Path) -> None:
    """What the sandbox's stage synth reads: backend/naming.py among them, so renaming re-synthesizes the stage."""
    from sandbox.provisioning.template import synth_env

    record = tmp_path / "synth-inputs.json"
    environ = {**synth_env(tmp_path / "cdk.out"), ENV: str(record)}
    subprocess.run([sys.executable, "app.py"], cwd=ROOT, env=environ, check=True, timeout=300, capture_output=True)
    inputs = set(read_record(record))
    expected = {"app.py", "cdk.json", "backend/naming.py", "backend/schema.graphql", "config/environments.yaml"}
    assert expected <= inputs, sorted(expected - inputs)
    assert "backend/infra/resolvers/lambda_invoke.js" in inputs and "stages/mobile_backend.py" in inputs
    assert not [name for name in inputs if name.startswith(("tests/", ".venv/", "cdk.out/")) or "__pycache__" in name]
    assert json.loads(record.read_text()) == sorted(inputs)
