"""The `PreDeploy-<env>` step on the synthesized templates: beside the gate check in `Gate-prod`, on the synth
output with the repository linked in, its project variables and role; prod's deployed-state reader role in prod's
stack; a protected environment that is not gated, and an acknowledged replacement in the approval."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import Any

import pytest
import yaml
from aws_cdk.assertions import Template

from config import parse_config
from pipeline.predeploy import variables
from pipeline.predeploy_steps import COMMANDS, REPOSITORY_DIR
from pipeline.project_root import PROJECT_ROOT
from tests.unit.conftest import SynthResult, synth

from .helpers import as_list, resources
from .pipeline_template import action, pipeline_properties, project_of, stages

REAL = yaml.safe_load((PROJECT_ROOT / "config" / "environments.yaml").read_text(encoding="utf-8"))
PIPELINE_ACCOUNT = "111111111111"
READER = "arn:aws:iam::333333333333:role/mobile-backend-prod-deployed-reader"
STEP_ROLE = f"arn:aws:iam::{PIPELINE_ACCOUNT}:role/mobile-backend-prod-pre-deploy"


@pytest.fixture(scope="module")
def template(default_synth: SynthResult) -> Mapping[str, Any]:
    return Template.from_stack(default_synth.pipeline).to_json()


@pytest.fixture(scope="module")
def prod(default_synth: SynthResult) -> Mapping[str, Any]:
    return Template.from_stack(default_synth.pipeline.stages["prod"].stack).to_json()


def raw_action(template: dict[str, Any], stage: str, name: str) -> dict[str, Any]:
    declared = next(s for s in pipeline_properties(template)["Stages"] if s["Name"] == stage)
    return next(a for a in declared["Actions"] if a["Name"] == name)


def role_statements(template: dict[str, Any], role_id: str) -> list[dict[str, Any]]:
    return [
        statement
        for policy in resources(template, "AWS::IAM::Policy").values()
        if {"Ref": role_id} in policy["Properties"]["Roles"]
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]
    ]


def test_the_step_runs_beside_the_gate_check_in_prods_gate_stage(template: dict[str, Any]) -> None:
    gate = {a.name: a.run_order for a in stages(template)["Gate-prod"]}
    assert gate == {"GateCheck-prod": 1, "PreDeploy-prod": 1}  # same run order: the stage takes no longer
    elsewhere = {a.name for name, acts in stages(template).items() if name != "Gate-prod" for a in acts}
    assert not {name for name in elsewhere if name.startswith("PreDeploy-")}  # and none for dev: not protected


def test_its_input_is_the_synth_output_and_the_repository_is_linked_in(template: dict[str, Any]) -> None:
    step = raw_action(template, "Gate-prod", "PreDeploy-prod")
    synth_output = raw_action(template, "Build", "Synth")["OutputArtifacts"][0]["Name"]
    source = raw_action(template, "Source", "my-org_mobile-backend")["OutputArtifacts"][0]["Name"]
    assert [i["Name"] for i in step["InputArtifacts"]] == [synth_output, source]  # the primary one first
    spec = json.loads(project_of(template, action(template, "Gate-prod", "PreDeploy-prod"))["Source"]["BuildSpec"])
    assert spec["phases"]["build"]["commands"] == COMMANDS
    [link] = spec["phases"]["install"]["commands"]
    assert link.endswith(f'ln -s -- "$CODEBUILD_SRC_DIR_{source}" "{REPOSITORY_DIR}"')
    assert spec["cache"]["paths"] == ["/root/.cache/install-deps/**/*"]
    assert (PROJECT_ROOT / "requirements-predeploy.lock").is_file()


def test_its_variables_locate_prods_stack_and_reader(template: dict[str, Any]) -> None:
    project = project_of(template, action(template, "Gate-prod", "PreDeploy-prod"))
    assert {v["Name"]: v["Value"] for v in project["Environment"]["EnvironmentVariables"]} == {
        variables.ENVIRONMENT: "prod",
        variables.STACK: "Prod-MobileBackend",
        variables.REGION: "us-west-2",
        variables.READER_ROLE: READER,
        variables.PROTECTED: "true",
    }
    assert project["Environment"]["ComputeType"] == "BUILD_GENERAL1_SMALL"
    assert project["TimeoutInMinutes"] == 15


def test_its_role_may_only_assume_prods_deployed_reader(template: dict[str, Any]) -> None:
    project = project_of(template, action(template, "Gate-prod", "PreDeploy-prod"))
    role_id = project["ServiceRole"]["Fn::GetAtt"][0]
    assert template["Resources"][role_id]["Properties"]["RoleName"] == "mobile-backend-prod-pre-deploy"
    statements = role_statements(template, role_id)
    assumes = [s for s in statements if "sts:AssumeRole" in as_list(s["Action"])]
    assert [(s["Sid"], s["Resource"]) for s in assumes] == [("AssumeTheDeployedReaderOnly", READER)]
    granted = {a for s in statements for a in as_list(s["Action"])}
    assert not {a for a in granted if a.startswith(("cloudformation:", "cloudwatch:", "iam:"))}


def test_prods_deployed_reader_trusts_the_step_and_may_read_only_its_own_stack_and_api_schemas(
    prod: dict[str, Any], default_synth: SynthResult
) -> None:
    [(role_id, role)] = [
        (lid, r)
        for lid, r in resources(prod, "AWS::IAM::Role").items()
        if r["Properties"].get("RoleName") == "mobile-backend-prod-deployed-reader"
    ]
    [trust] = role["Properties"]["AssumeRolePolicyDocument"]["Statement"]
    assert trust["Action"] == "sts:AssumeRole"
    assert trust["Principal"] == {"AWS": f"arn:aws:iam::{PIPELINE_ACCOUNT}:root"}
    assert trust["Condition"] == {"ArnEquals": {"aws:PrincipalArn": STEP_ROLE}}
    assert role_statements(prod, role_id) == [
        {
            "Action": ["cloudformation:DescribeStacks", "cloudformation:GetTemplate"],
            "Effect": "Allow",
            "Resource": {"Ref": "AWS::StackId"},  # prod's own stack: no other stack's template or outputs
            "Sid": "ThisStacksDeployedTemplateAndOutputs",
        },
        {
            # No resource-level permissions for this action (Service Authorization Reference): "*" or nothing.
            "Action": "appsync:GetIntrospectionSchema",
            "Effect": "Allow",
            "Resource": "*",
            "Sid": "TheDeployedApisSchema",
        },
    ]
    dev = Template.from_stack(default_synth.pipeline.stages["dev"].stack).to_json()
    assert not [r for r in resources(dev, "AWS::IAM::Role").values() if "deployed-reader" in json.dumps(r)]


def test_the_dry_run_does_not_take_the_step_for_a_synth_step(default_synth: SynthResult) -> None:
    from devtools.pipeline_dryrun.assembly import pipeline_stack
    from devtools.pipeline_dryrun.pipeline_model import StepKind
    from devtools.pipeline_dryrun.template import read_pipeline

    stack = pipeline_stack(default_synth.outdir)
    pipeline = read_pipeline(stack.template, account=stack.account, region=stack.region)
    [step] = [s for s in pipeline.steps if s.action == "PreDeploy-prod"]
    assert step.kind is not StepKind.SYNTH


# A protected environment that is not gated, with an acknowledged replacement.
def ungated() -> dict[str, Any]:
    data = copy.deepcopy(REAL)
    prod = next(env for env in data["environments"] if env["name"] == "prod")
    prod.update(
        bake_minutes=0,
        rollback_on_alarm=False,
        allow_replacements=[{"resource": "Data/Posts", "reason": "posts keyed by author from app 3.0"}],
    )
    return data


@pytest.fixture(scope="module")
def ungated_synth(tmp_path_factory: pytest.TempPathFactory) -> SynthResult:
    return synth(parse_config(ungated()), tmp_path_factory.mktemp("ungated.out"))


def test_a_protected_environment_that_is_not_gated_gets_the_gate_stage_for_the_step_alone(
    ungated_synth: SynthResult,
) -> None:
    template = Template.from_stack(ungated_synth.pipeline).to_json()
    assert [a.name for a in stages(template)["Gate-prod"]] == ["PreDeploy-prod"]
    names = list(stages(template))
    assert names.index("Approve-prod") + 1 == names.index("Gate-prod") == names.index("Prod") - 1
    project = project_of(template, action(template, "Gate-prod", "PreDeploy-prod"))
    values = {v["Name"]: v["Value"] for v in project["Environment"]["EnvironmentVariables"]}
    assert json.loads(values[variables.ALLOWED]) == [
        {"resource": "Data/Posts", "reason": "posts keyed by author from app 3.0"}
    ]
    prod = Template.from_stack(ungated_synth.pipeline.stages["prod"].stack).to_json()
    names_of_roles = {r["Properties"].get("RoleName") for r in resources(prod, "AWS::IAM::Role").values()}
    assert "mobile-backend-prod-deployed-reader" in names_of_roles
    assert "mobile-backend-prod-gate-reader" not in names_of_roles


def test_the_approval_shows_each_acknowledged_replacement(ungated_synth: SynthResult) -> None:
    template = Template.from_stack(ungated_synth.pipeline).to_json()
    comment = action(template, "Approve-prod", "Approve-prod").configuration["CustomData"]
    assert "REPLACEMENT ALLOWED in prod: Data/Posts (posts keyed by author from app 3.0)." in json.dumps(comment)
