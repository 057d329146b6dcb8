"""The self-mutation's hold (pipeline/scripts/hold_self_mutation.py): a definition change waits for the gated
stages; anything else goes on at once. The script runs as CodeBuild runs it (python3, the `aws` CLI on PATH,
here a fake that answers from files), and its wiring is read from the synthesized pipeline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from aws_cdk.assertions import Template

from pipeline.project_root import PROJECT_ROOT
from tests.unit.conftest import SynthResult

from .helpers import resources
from .pipeline_template import action, project_of

SCRIPT = PROJECT_ROOT / "pipeline" / "scripts" / "hold_self_mutation.py"


def pipeline_template(stages: list[str]) -> dict:
    return {
        "Resources": {
            "Pipeline": {
                "Type": "AWS::CodePipeline::Pipeline",
                "Properties": {"Stages": [{"Name": name, "Actions": []} for name in stages]},
            }
        }
    }


def fake_aws(tmp_path: Path, *, deployed: dict | None, states: list[str]) -> Path:
    """`aws cloudformation get-template` answers `deployed` (None: the call fails); each `get-pipeline-state`
    answers the next of `states` for Prod (the last repeats). Every call is logged."""
    (tmp_path / "deployed.json").write_text(json.dumps(deployed))
    (tmp_path / "states").write_text("\n".join(states) + "\n")
    fake = tmp_path / "bin" / "aws"
    fake.parent.mkdir()
    fake.write_text(
        f"""#!{sys.executable}
import json, sys
from pathlib import Path
base = Path({str(tmp_path)!r})
with open(base / "calls", "a") as log:
    log.write(" ".join(sys.argv[1:]) + "\\n")
if sys.argv[1:3] == ["cloudformation", "get-template"]:
    deployed = json.loads((base / "deployed.json").read_text())
    if deployed is None:
        print("An error occurred (ValidationError): Stack with id X does not exist", file=sys.stderr)
        sys.exit(254)
    print(json.dumps(deployed))
elif sys.argv[1:3] == ["codepipeline", "get-pipeline-state"]:
    states = (base / "states").read_text().split()
    if len(states) > 1:
        (base / "states").write_text("\\n".join(states[1:]) + "\\n")
    prod = {{"stageName": "Prod", "latestExecution": {{"pipelineExecutionId": "e-1", "status": states[0]}}}}
    print(json.dumps({{"stageStates": [{{"stageName": "Dev"}}, prod]}}))
"""
    )
    fake.chmod(0o755)
    return fake.parent


def run_hold(tmp_path: Path, *, new: dict, deployed: dict | None, states: list[str], max_minutes: float = 1):
    template = tmp_path / "MobileBackendPipeline.template.json"
    template.write_text(json.dumps(new))
    bin_dir = fake_aws(tmp_path, deployed=deployed, states=states)
    result = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--stack=MobileBackendPipeline",
            f"--template={template}",
            "--pipeline=mobile-backend-pipeline",
            "--gated-stage=Prod",
            f"--max-minutes={max_minutes}",
            "--poll-seconds=0.01",
        ],
        env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    calls = (tmp_path / "calls").read_text().splitlines()
    return result, calls


def test_an_unchanged_definition_goes_on_even_while_prod_bakes(tmp_path: Path) -> None:
    same = pipeline_template(["Source", "Prod"])
    result, calls = run_hold(tmp_path, new=same, deployed=same, states=["InProgress"])

    assert result.returncode == 0, result.stdout + result.stderr
    assert "does not change: updating it cancels nothing" in result.stdout
    assert calls == [
        "cloudformation get-template --stack-name MobileBackendPipeline --query TemplateBody --output json"
    ]


def test_a_changed_definition_waits_for_the_bake_then_goes_on(tmp_path: Path) -> None:
    result, calls = run_hold(
        tmp_path,
        new=pipeline_template(["Source", "Staging", "Prod"]),
        deployed=pipeline_template(["Source", "Prod"]),
        states=["InProgress", "InProgress", "Succeeded"],
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("Prod (execution e-1) is running; waiting for it") == 2
    assert sum(c.startswith("codepipeline get-pipeline-state --name mobile-backend-pipeline") for c in calls) == 3
    assert result.stdout.strip().endswith("no gated stage is running: updating it")


def test_a_bake_that_outlasts_the_hold_fails_this_execution_not_the_bake(tmp_path: Path) -> None:
    result, _ = run_hold(
        tmp_path,
        new=pipeline_template(["Source", "Staging", "Prod"]),
        deployed=pipeline_template(["Source", "Prod"]),
        states=["InProgress"],
        max_minutes=0.001,
    )

    assert result.returncode == 1
    assert "FAIL: Prod (execution e-1) still running after 0 min; updating mobile-backend-pipeline now would" in (
        result.stdout
    )


def test_an_unreadable_deployed_template_counts_as_a_change(tmp_path: Path) -> None:
    result, _ = run_hold(
        tmp_path, new=pipeline_template(["Source", "Prod"]), deployed=None, states=["InProgress", "Failed"]
    )

    assert result.returncode == 0
    assert "cannot read the deployed template of MobileBackendPipeline (An error occurred (ValidationError)" in (
        result.stdout
    )
    assert "waiting for it" in result.stdout


@pytest.fixture(scope="module")
def template(default_synth: SynthResult) -> Mapping[str, Any]:
    return Template.from_stack(default_synth.pipeline).to_json()


def test_self_mutation_runs_the_hold_first_with_prods_stage_and_may_read_what_it_needs(template: dict) -> None:
    mutate = project_of(template, action(template, "UpdatePipeline", "SelfMutate"))
    spec = json.loads(mutate["Source"]["BuildSpec"])
    assert spec["phases"]["pre_build"]["commands"] == [
        "python3 hold_self_mutation.py --stack MobileBackendPipeline --template MobileBackendPipeline.template.json "
        "--pipeline mobile-backend-pipeline --gated-stage Prod --max-minutes 95"
    ]
    assert mutate["TimeoutInMinutes"] == 105  # the hold gives up before CodeBuild stops the step
    synth = json.loads(project_of(template, action(template, "Build", "Synth"))["Source"]["BuildSpec"])
    assert synth["phases"]["build"]["commands"][-2:] == [
        "npx cdk synth",
        "cp pipeline/scripts/hold_self_mutation.py cdk.out/",
    ]
    role = mutate["ServiceRole"]["Fn::GetAtt"][0]
    statements = {
        s.get("Sid"): (s["Action"], s["Resource"])
        for p in resources(template, "AWS::IAM::Policy").values()
        if {"Ref": role} in p["Properties"]["Roles"]
        for s in p["Properties"]["PolicyDocument"]["Statement"]
    }
    assert statements["CompareTheDeployedPipelineTemplate"] == (
        "cloudformation:GetTemplate",
        "arn:aws:cloudformation:us-east-1:111111111111:stack/MobileBackendPipeline/*",
    )
    assert statements["SeeWhetherGatedStagesRun"] == (
        "codepipeline:GetPipelineState",
        "arn:aws:codepipeline:us-east-1:111111111111:mobile-backend-pipeline",
    )
