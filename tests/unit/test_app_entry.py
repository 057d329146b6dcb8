"""app.py before `make deps`: one line saying what to run, exit status 1, no traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from pipeline.project_root import PROJECT_ROOT


def test_without_the_venv_app_py_names_what_to_run(tmp_path: Path) -> None:
    # A checkout before `make deps`: no .venv/ beside app.py, and `-S` leaves out every site-packages, so neither
    # aws_cdk nor pydantic nor PyYAML can be imported.
    shutil.copy(PROJECT_ROOT / "app.py", tmp_path / "app.py")
    shutil.copytree(PROJECT_ROOT / "pipeline", tmp_path / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    result = subprocess.run([sys.executable, "-S", "app.py"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("error: aws_cdk, pydantic, yaml not installed (no .venv/ yet)")
    assert "make deps" in line


def test_the_docstring_deploys_only_the_personal_stage() -> None:
    doc = (PROJECT_ROOT / "app.py").read_text(encoding="utf-8").split('"""')[1]
    assert "--all" not in doc.replace("`--all` would", "")
    assert "cdk deploy -c personal=<name> 'Personal-<name>/*'" in doc
