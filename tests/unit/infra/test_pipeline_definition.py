"""What changes the pipeline's definition (its structure version) and what does not (pipeline/definition.py).

A definition change cancels executions in progress, a production bake among them, and leaves no earlier
execution to roll back to. A CDK CLI bump must therefore reach the self-mutation project without touching the
definition; a gate override does change it (it is in the approval's text), which docs/deploying.md states.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import Any

import pytest
import yaml
from aws_cdk.assertions import Template

from config import parse_config
from pipeline import pipeline_stack
from pipeline.project_root import PROJECT_ROOT
from tests.unit.conftest import SynthResult, synth

from .helpers import only
from .pipeline_template import action, project_of

REAL = yaml.safe_load((PROJECT_ROOT / "config" / "environments.yaml").read_text())
BUMPED_CLI = "2.1999.0"


def definition(template: Mapping[str, Any]) -> dict[str, Any]:
    return only(template, "AWS::CodePipeline::Pipeline")["Properties"]


@pytest.fixture(scope="module")
def bumped(tmp_path_factory: pytest.TempPathFactory) -> Mapping[str, Any]:
    """The example config with a newer CDK CLI and a first-deploy override on prod."""
    data = copy.deepcopy(REAL)
    data["environments"][1]["gate_override"] = {
        "mode": "first-deploy",
        "reason": "first deploy of prod",
        "expires": "2026-12-14",
    }
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline_stack, "cdk_cli_version", lambda: BUMPED_CLI)
        result = synth(parse_config(data), tmp_path_factory.mktemp("bumped.out"))
    return Template.from_stack(result.pipeline).to_json()


def test_no_build_project_hash_in_the_definition(default_synth: SynthResult) -> None:
    template = Template.from_stack(default_synth.pipeline).to_json()
    assert "_PROJECT_CONFIG_HASH" not in json.dumps(definition(template))
    assert "_PROJECT_CONFIG_HASH" not in json.dumps(template["Resources"])


def test_a_cli_bump_reaches_self_mutation_but_not_the_definition(default_synth: SynthResult, bumped: dict) -> None:
    before = Template.from_stack(default_synth.pipeline).to_json()
    mutate = json.loads(project_of(bumped, action(bumped, "UpdatePipeline", "SelfMutate"))["Source"]["BuildSpec"])
    assert mutate["phases"]["install"]["commands"] == [f"npm install -g aws-cdk@{BUMPED_CLI}"]

    def without_approval_text(template: Mapping[str, Any]) -> list[dict]:
        stages = copy.deepcopy(definition(template)["Stages"])
        for stage in stages:
            for act in stage["Actions"]:
                if act["ActionTypeId"]["Provider"] == "Manual" and act["Name"] == "Approve-prod":
                    act["Configuration"].pop("CustomData")
        return stages

    assert without_approval_text(bumped) == without_approval_text(before)


def test_an_override_is_in_the_approval_the_release_team_reads(bumped: dict) -> None:
    text = action(bumped, "Approve-prod", "Approve-prod").configuration["CustomData"]
    assert text.endswith("GATE OVERRIDE for prod: first-deploy until 2026-12-14 (first deploy of prod).")
    check = project_of(bumped, action(bumped, "Gate-prod", "GateCheck-prod"))
    variables = {v["Name"]: v["Value"] for v in check["Environment"]["EnvironmentVariables"]}
    assert (variables["GATE_OVERRIDE_MODE"], variables["GATE_OVERRIDE_EXPIRES"]) == ("first-deploy", "2026-12-14")
