"""`make preflight BASELINE=<dir>` end to end: the example config synthesized twice, the second time with the
Likes table keyed differently in every environment, then `python -m devtools.preflight <new> --baseline <old>` as the
Makefile runs it. Prod (protected) fails with one line naming the table; dev passes with a note; an
`allow_replacements` entry for prod lets it pass with a line saying so."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from backend.infra.data import DataTables
from config import load_config
from pipeline.project_root import PROJECT_ROOT
from tests.unit.conftest import SynthResult, synth

PATH_METADATA = {"aws:cdk:enable-path-metadata": True}  # what the CDK CLI sets for `npx cdk synth`


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> SynthResult:
    return synth(load_config(), tmp_path_factory.mktemp("baseline.out"), **PATH_METADATA)


@pytest.fixture(scope="module")
def rekeyed(tmp_path_factory: pytest.TempPathFactory) -> SynthResult:
    original = DataTables._table

    def likes_keyed_by_user(self: DataTables, construct_id: str, **kwargs: Any) -> Any:
        if construct_id == "Likes":
            kwargs.update(pk="userId", sk="postId")  # was postId + userId
        return original(self, construct_id, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DataTables, "_table", likes_keyed_by_user)
        return synth(load_config(), tmp_path_factory.mktemp("rekeyed.out"), **PATH_METADATA)


def preflight(current: Path, baseline: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "devtools.preflight", str(current), "--baseline", str(baseline), *extra]
    return subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)


def guard_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("replacement guard: ")]


def test_a_changed_key_schema_of_a_protected_table_fails_with_one_line(
    baseline: SynthResult, rekeyed: SynthResult
) -> None:
    done = preflight(rekeyed.outdir, baseline.outdir)
    assert done.returncode == 1, done.stdout + done.stderr
    lines = guard_lines(done.stdout)
    [refused] = [line for line in lines if line.startswith("replacement guard: prod: Prod-MobileBackend: DataLikes")]
    assert ": KeySchema: replaces (AWS::DynamoDB::Table Data/Likes; resource reference: Update requires: " in refused
    assert "aws-resource-dynamodb-table.html#cfn-dynamodb-table-keyschema" in refused
    # dev is not protected: the same change is noted, and does not fail.
    [noted] = [line for line in lines if line.startswith("replacement guard: note: dev: Dev-MobileBackend: DataLikes")]
    assert noted.endswith("dev is not protected (protect_data: false): allowed")
    assert "1 replacement(s) or deletion(s) of stateful resources refused" in done.stderr


def test_an_acknowledged_replacement_passes(baseline: SynthResult, rekeyed: SynthResult, tmp_path: Path) -> None:
    data = yaml.safe_load((PROJECT_ROOT / "config" / "environments.yaml").read_text(encoding="utf-8"))
    prod = next(env for env in data["environments"] if env["name"] == "prod")
    prod["allow_replacements"] = [{"resource": "Data/Likes", "reason": "likes keyed by user from app 2.0"}]
    config = tmp_path / "environments.yaml"
    config.write_text(yaml.safe_dump(data), encoding="utf-8")
    done = preflight(rekeyed.outdir, baseline.outdir, "--config", str(config))
    assert done.returncode == 0, done.stdout + done.stderr
    [acknowledged] = [line for line in guard_lines(done.stdout) if "acknowledged: prod:" in line]
    assert acknowledged.startswith("replacement guard: acknowledged: prod: Prod-MobileBackend: DataLikes")
    assert acknowledged.endswith("; allow_replacements Data/Likes: likes keyed by user from app 2.0")


def test_an_unchanged_assembly_passes_and_says_what_it_compared(
    baseline: SynthResult, tmp_path_factory: pytest.TempPathFactory
) -> None:
    copy = tmp_path_factory.mktemp("copy") / "cdk.out"
    shutil.copytree(baseline.outdir, copy)
    done = preflight(copy, baseline.outdir)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = guard_lines(done.stdout)
    assert [line.split(": ")[1] for line in lines] == ["dev", "prod"]
    assert all(line.endswith("stateful resources compared: nothing replaced or deleted") for line in lines)


def test_a_missing_baseline_is_an_error_of_its_own(baseline: SynthResult, tmp_path: Path) -> None:
    done = preflight(baseline.outdir, tmp_path / "nowhere")
    assert done.returncode == 2
    assert "no manifest.json" in done.stderr


def test_the_assembly_itself_is_no_baseline(baseline: SynthResult) -> None:
    done = preflight(baseline.outdir, baseline.outdir / ".")
    assert done.returncode == 2
    assert "is the assembly being checked" in done.stderr
