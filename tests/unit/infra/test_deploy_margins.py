"""Room to grow: every CodePipeline action configuration value stays ≤ 700 characters (CodePipeline refuses
over 1000), for the example config and for the longest names the config allows with 30 stack outputs.

Values are measured at their worst-case rendered length by the preflight's renderer (a `Ref` to a generated
CodeBuild project name counts as the longest name CloudFormation could generate, and so on)."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest

from backend.infra.stack import MobileBackendStack
from config import parse_config
from devtools.preflight.checks import check_assembly
from devtools.preflight.render import Renderer
from pipeline.cloudformation.assembly import Stack, load_stacks
from tests.unit.config.support import REAL
from tests.unit.conftest import SynthResult, synth

from .config_variants import production_elsewhere

MARGIN = 700  # of CodePipeline's 1000 (botocore codepipeline ActionConfigurationValue)
OUTPUTS = 30
LONGEST_NAME = 20  # config/field_types.py: names are 1-20 characters


def longest_names_config() -> dict:
    data = copy.deepcopy(REAL)
    dev, prod = data["environments"]
    data["app_name"] = "a" + "-mobile-backend-app"  # 20 characters
    data["environments"] = [
        {**dev, "name": "development-us-east1"},
        {**prod, "name": "production-us-west-2", "wave": "production-worldwide"},
        production_elsewhere(
            prod,
            name="production-eu-west-1",
            wave="production-worldwide",
            account="555555555555",
            region="ap-southeast-2",
            ses_region="us-west-2",  # a legacy SES Region its user pool may send from (config/email_sending.py)
        ),
    ]
    assert {len(data["app_name"])} | {len(e["name"]) for e in data["environments"]} == {LONGEST_NAME}
    return data


@pytest.fixture(scope="module")
def longest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SynthResult]:
    """Longest app and environment names, and a backend stack with 30 outputs of realistic length."""
    original = MobileBackendStack._outputs

    def thirty_outputs(self: MobileBackendStack, *args: Any) -> dict[str, cdk.CfnOutput]:
        outputs = original(self, *args)
        for index in range(OUTPUTS - len(outputs)):
            key = f"FutureOutput{index:02d}"
            outputs[key] = cdk.CfnOutput(
                self, key, value=self.format_arn(service="dynamodb", resource="table", resource_name=key)
            )
        return outputs

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(MobileBackendStack, "_outputs", thirty_outputs)
        result = synth(parse_config(longest_names_config()), tmp_path_factory.mktemp("longest.out"))
    yield result


def action_configuration_lengths(outdir: Path) -> dict[str, int]:
    lengths: dict[str, int] = {}
    for stack in load_stacks(outdir):
        renderer = Renderer(stack)
        for resource in stack.resources.values():
            if resource.get("Type") != "AWS::CodePipeline::Pipeline":
                continue
            for stage in resource["Properties"]["Stages"]:
                for action in stage["Actions"]:
                    for key, value in (action.get("Configuration") or {}).items():
                        name = f"{stage['Name']}/{action['Name']}/{key}"
                        lengths[name] = renderer.value(value).length
    return lengths


def backend_stacks(outdir: Path) -> list[Stack]:
    return [s for s in load_stacks(outdir) if s.stack_name.endswith("-MobileBackend")]


def test_the_example_config_keeps_the_margin(default_synth: SynthResult) -> None:
    lengths = action_configuration_lengths(default_synth.outdir)

    assert "Dev/IntegrationTests-dev/ProjectName" in lengths
    assert max(lengths.values()) <= MARGIN, {k: v for k, v in lengths.items() if v > MARGIN}


def test_longest_names_and_thirty_outputs_keep_the_margin(longest: SynthResult) -> None:
    assert all(len(s.template["Outputs"]) == OUTPUTS for s in backend_stacks(longest.outdir))
    lengths = action_configuration_lengths(longest.outdir)

    assert "production-worldwide/ProductionEuWest1.IntegrationTests-production-eu-west-1/ProjectName" in lengths
    assert max(lengths.values()) <= MARGIN, {k: v for k, v in lengths.items() if v > MARGIN}


def test_longest_names_and_thirty_outputs_pass_the_preflight(longest: SynthResult) -> None:
    findings = check_assembly(longest.outdir).findings

    assert [f.line() for f in findings] == []
