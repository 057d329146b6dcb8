"""Changing environments.yaml changes the pipeline: a third environment, a two-environment wave, a flipped approval."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from aws_cdk.assertions import Template

from config import parse_config
from tests.unit.config.support import REAL
from tests.unit.conftest import synth

from .config_variants import production_elsewhere
from .pipeline_template import stages


def alternative() -> dict:
    data = copy.deepcopy(REAL)
    dev, prod = data["environments"]
    data["environments"] = [
        {**dev, "requires_approval": True},  # flipped
        {**dev, "name": "staging", "account": "444444444444", "integration_tests": "smoke"},  # a third environment
        {**prod, "name": "prod-us", "wave": "prod"},
        {
            **production_elsewhere(prod, name="prod-eu", wave="prod", account="555555555555", region="eu-west-1"),
            "push": {
                "apns_secret_arn": "arn:aws:secretsmanager:eu-west-1:555555555555:secret:apns-AbCdEf",
                "fcm_secret_arn": "arn:aws:secretsmanager:eu-west-1:555555555555:secret:fcm-AbCdEf",
            },
        },
    ]
    return data


@pytest.fixture(scope="module")
def alt(tmp_path_factory: pytest.TempPathFactory):
    return synth(parse_config(alternative()), tmp_path_factory.mktemp("alt.out"))


@pytest.fixture(scope="module")
def alt_stages(alt) -> dict:
    return stages(Template.from_stack(alt.pipeline).to_json())


def test_stages_follow_the_new_file_order_with_approvals_in_stages_of_their_own(alt_stages: dict) -> None:
    assert list(alt_stages) == [
        "Source",
        "Build",
        "UpdatePipeline",
        "Approve-dev",
        "Assets",
        "Dev",
        "Staging",
        "Approve-prod",
        "Gate-prod",
        "prod",
    ]


def test_flipped_approval_gates_dev(alt_stages: dict) -> None:
    assert [(a.name, a.provider) for a in alt_stages["Approve-dev"]] == [("Approve-dev", "Manual")]
    manual = {a.name for a in alt_stages["Dev"] + alt_stages["Staging"] if a.provider == "Manual"}
    assert manual == {"CheckPermissions-prod-us.Confirm", "CheckPermissions-prod-eu.Confirm"}  # prod's, not dev's


def test_wave_deploys_both_production_environments_in_parallel_behind_one_approval(alt_stages: dict) -> None:
    assert [(a.name, a.provider) for a in alt_stages["Approve-prod"]] == [("Approve-prod", "Manual")]
    # Both permission checks run beside staging's tests (staging has no stage conditions), before the approval.
    staging = {a.name: a for a in alt_stages["Staging"]}
    assert {n for n in staging if n.endswith(".Check")} == {
        "CheckPermissions-prod-us.Check",
        "CheckPermissions-prod-eu.Check",
    }
    assert {staging[n].run_order for n in staging if n.endswith(".Check")} == {
        staging["IntegrationTests-staging"].run_order
    }
    wave = alt_stages["prod"]
    assert not [a for a in wave if a.provider == "Manual"]
    deploys = {a.name: a for a in wave if a.provider == "CloudFormation"}
    assert set(deploys) == {"ProdUs.MobileBackend.Deploy", "ProdEu.MobileBackend.Deploy"}
    assert len({a.run_order for a in deploys.values()}) == 1
    stacks = {a.configuration["StackName"] for a in deploys.values()}
    assert stacks == {"ProdUs-MobileBackend", "ProdEu-MobileBackend"}


def test_push_channels_only_where_secrets_are_configured(alt) -> None:
    eu = Template.from_stack(alt.pipeline.stages["prod-eu"].stack)
    us = Template.from_stack(alt.pipeline.stages["prod-us"].stack)
    eu.resource_count_is("AWS::Pinpoint::APNSChannel", 1)
    eu.resource_count_is("AWS::Pinpoint::GCMChannel", 1)
    us.resource_count_is("AWS::Pinpoint::APNSChannel", 0)
    apns = next(iter(eu.find_resources("AWS::Pinpoint::APNSChannel").values()))["Properties"]
    secret = "arn:aws:secretsmanager:eu-west-1:555555555555:secret:apns-AbCdEf"
    assert apns["TokenKey"] == f"{{{{resolve:secretsmanager:{secret}:SecretString:token_key::}}}}"
    gcm = next(iter(eu.find_resources("AWS::Pinpoint::GCMChannel").values()))["Properties"]
    assert (
        gcm["DefaultAuthenticationMethod"] == "TOKEN" and "fcm-AbCdEf:SecretString:service_json" in gcm["ServiceJson"]
    )


def test_a_gated_stage_before_the_approval_keeps_the_permission_check_beside_the_approval(
    tmp_path: Path,
) -> None:
    """A rejected Confirm fails its stage; in a stage that rolls back on failure it would roll dev back."""
    data = copy.deepcopy(REAL)
    data["environments"][0]["rollback_on_alarm"] = True
    app = synth(parse_config(data), tmp_path / "gated.out")
    pipeline = stages(Template.from_stack(app.pipeline).to_json())
    assert not [a for a in pipeline["Dev"] if a.name.startswith("CheckPermissions")]
    gate = {a.name: a for a in pipeline["Approve-prod"]}
    assert gate["CheckPermissions-prod.Check"].run_order == gate["Approve-prod"].run_order
    assert gate["CheckPermissions-prod.Confirm"].provider == "Manual"
