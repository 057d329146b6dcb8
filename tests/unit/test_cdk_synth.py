"""`make synth` (devtools/cdk_synth.py): `npx cdk synth` with no virtualenv on PATH, refused when it prints a
deprecation warning. `make test` synthesizes through it (make preflight), so the real CLI run is the check; these tests
make the wrapper act on commands that stand in for the CLI."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from devtools.cdk_synth import VENV_BIN, synth, without_venv
from pipeline.project_root import PROJECT_ROOT as ROOT


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


@pytest.fixture
def assembly(tmp_path: Path) -> Path:
    (tmp_path / "manifest.json").write_text("{}")
    return tmp_path


def test_a_clean_synth_passes_its_output_through_and_keeps_the_assembly(assembly: Path, capsys) -> None:
    assert synth(python("print('Successfully synthesized to cdk.out')"), assembly) == 0
    assert "Successfully synthesized" in capsys.readouterr().out
    assert (assembly / "manifest.json").exists()


def test_a_deprecation_warning_fails_the_synth_and_make_will_run_it_again(assembly: Path, capsys) -> None:
    warning = "[WARNING] aws-cdk-lib.aws_events.CfnEventBusPolicy#principal is deprecated."
    code = f"import sys; print({warning!r}, file=sys.stderr)"
    assert synth(python(code), assembly) == 1
    error = capsys.readouterr().err
    assert "1 deprecation warning(s)" in error and "CfnEventBusPolicy#principal is deprecated" in error
    assert not (assembly / "manifest.json").exists()


def test_a_failed_synth_keeps_its_status_and_leaves_no_manifest(assembly: Path) -> None:
    assert synth(python("raise SystemExit(3)"), assembly) == 3
    assert not (assembly / "manifest.json").exists()


def test_the_cli_runs_as_in_a_shell_where_no_virtualenv_was_activated_and_validates(assembly: Path, capsys) -> None:
    environ = {
        "PATH": os.pathsep.join([str(VENV_BIN), "/usr/bin", "/bin"]),
        "VIRTUAL_ENV": str(VENV_BIN.parent),
        "CDK_VALIDATION": "false",
    }
    code = (
        "import os; print(os.environ['PATH']); print(os.environ.get('VIRTUAL_ENV', 'no venv')); "
        "print(os.environ.get('CDK_VALIDATION', 'validated'))"
    )
    assert synth(python(code), assembly, environ) == 0
    path, venv, validation = capsys.readouterr().out.splitlines()
    assert path.split(os.pathsep) == ["/usr/bin", "/bin"]
    assert venv == "no venv"
    assert validation == "validated"  # CDK's built-in CloudFormation validation is never skipped here
    assert without_venv({"PATH": str(VENV_BIN)})["PATH"] == ""


def test_make_synth_goes_through_the_check() -> None:
    rule = (ROOT / "Makefile").read_text(encoding="utf-8").split("cdk.out/manifest.json:", 1)[1].split("\n\n", 1)[0]
    assert "-m devtools.cdk_synth" in rule, rule
