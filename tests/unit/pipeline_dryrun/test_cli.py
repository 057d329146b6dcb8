"""`python -m devtools.pipeline_dryrun`: one line per step, exit status 1 when a step failed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from devtools.pipeline_dryrun.__main__ import main

from .helpers import CDK_OUT_ARTIFACTS, make_assembly_commands, make_repo, spec, step_lines, write_assembly
from .test_variables import JUNIT, OUTPUTS, post_deploy_template


def synth_and_tests(synth_commands: list[str], test_commands: list[str]) -> dict:
    template = post_deploy_template(test_commands)
    synth = template["Resources"]["SynthProject"]["Properties"]["Source"]
    synth["BuildSpec"] = json.dumps(spec(*synth_commands, artifacts=CDK_OUT_ARTIFACTS))
    return template


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo", {"app.py": ""})


def test_synth_only_prints_a_line_per_step(tmp_path: Path, repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assembly = write_assembly(tmp_path / "ref", synth_and_tests(make_assembly_commands(["Pipe"], {}), ["true"]))
    assert main(["--assembly", str(assembly), "--only", "synth"], repo=repo, work_root=tmp_path) == 0
    summary = step_lines(capsys.readouterr().out)
    assert [line.split()[:3] for line in summary] == [
        ["PASS", "synth", "Build/Synth"],
        ["NOT", "RUN", "post-deploy"],
    ]
    assert summary[1].endswith("--only synth")


def test_a_failing_synth_exits_1(tmp_path: Path, repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assembly = write_assembly(tmp_path / "ref", synth_and_tests(["false"], ["true"]))
    assert main(["--assembly", str(assembly), "--only", "synth"], repo=repo, work_root=tmp_path) == 1
    out = capsys.readouterr().out
    assert "[synth] FAILED: phase BUILD: command `false` exited with 1" in out
    assert "FAIL     synth        Build/Synth" in out


def test_post_deploy_inside_a_sandbox_uses_its_outputs(
    tmp_path: Path, repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    outputs = tmp_path / "amplify_outputs.json"
    sandbox = {**OUTPUTS["custom"]["sandbox"], "account_id": "123456789012"}
    outputs.write_text(json.dumps({**OUTPUTS, "custom": {"sandbox": sandbox}}))
    monkeypatch.setenv("AMPLIFY_OUTPUTS", str(outputs))
    tests = [f"mkdir -p test-output && printf '%s' '{JUNIT.format(failures=0)}' > test-output/junit.xml"]
    assembly = write_assembly(tmp_path / "ref", synth_and_tests(["true"], tests))
    assert main(["--assembly", str(assembly), "--only", "post-deploy"], repo=repo, work_root=tmp_path) == 0
    assert "PASS     post-deploy  Dev/IntegrationTests-dev" in capsys.readouterr().out

    outputs.write_text(
        json.dumps({**OUTPUTS, "custom": {"sandbox": {k: v for k, v in sandbox.items() if k != "stack_name"}}})
    )
    assert main(["--assembly", str(assembly), "--only", "post-deploy"], repo=repo, work_root=tmp_path) == 1
    assert "has no custom.sandbox.stack_name" in capsys.readouterr().out


def test_no_assembly_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--assembly", str(tmp_path / "missing")]) == 2
    assert "no manifest.json" in capsys.readouterr().err


def test_the_post_deploy_and_gate_steps_share_one_sandbox_session_in_pipeline_order(
    tmp_path: Path, repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from .test_gate import gate_template

    monkeypatch.delenv("AMPLIFY_OUTPUTS", raising=False)
    assembly = write_assembly(tmp_path / "ref", gate_template(["true"], ["true"]))
    started: list[list[str]] = []

    def sandbox_run(command: list[str], cwd: Path) -> int:
        """Stands in for `python -m sandbox.run -- python -m devtools.pipeline_dryrun ...`: answers for the inner
        run."""
        started.append(command)
        results = Path(command[command.index("--results-json") + 1])
        labels = [("Gate-prod/GateCheck-prod", "gate"), ("Prod/IntegrationTests-prod", "post-deploy")]
        labels.append(("Prod/Bake-prod", "gate"))
        results.write_text(json.dumps([{"label": label, "kind": kind, "status": "PASS"} for label, kind in labels]))
        return 0

    monkeypatch.setattr("devtools.pipeline_dryrun.__main__.subprocess.call", sandbox_run)
    assert main(["--assembly", str(assembly), "--only", "post-deploy", "--only", "gate"], repo=repo) == 0
    (command,) = started
    assert command[1:5] == ["-m", "sandbox.run", "--", command[0]]
    assert command[command.index("--assembly") + 2 :][:4] == ["--only", "post-deploy", "--only", "gate"]
    summary = step_lines(capsys.readouterr().out)
    assert [line.split()[:3] for line in summary] == [
        ["NOT", "RUN", "synth"],
        ["PASS", "gate", "Gate-prod/GateCheck-prod"],
        ["PASS", "post-deploy", "Prod/IntegrationTests-prod"],
        ["PASS", "gate", "Prod/Bake-prod"],
    ]
    assert summary[0].endswith("--only post-deploy gate")

    started.clear()
    assert main(["--assembly", str(assembly), "--only", "gate"], repo=repo) == 0
    assert [arg for arg in started[0] if arg in ("post-deploy", "gate")] == ["gate"]
