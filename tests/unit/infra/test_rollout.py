"""Safe rollout on the synthesized pipeline: stage conditions, bake, the gate alarms on both sides, notifications.

The example config (dev unprotected, prod protected) and a production wave of two regions."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import Any

import pytest
import yaml
from aws_cdk.assertions import Template

from config import parse_config
from pipeline.project_root import PROJECT_ROOT
from tests.unit.conftest import SynthResult, synth

from .helpers import as_list, resources
from .pipeline_template import pipeline_properties, project_of, stages

REAL = yaml.safe_load((PROJECT_ROOT / "config" / "environments.yaml").read_text())
PROD_GATE = "mobile-backend-prod-gate"


def stage_declaration(template: Mapping[str, Any], name: str) -> dict:
    return next(s for s in pipeline_properties(template)["Stages"] if s["Name"] == name)


def build_commands(project: dict) -> list[str]:
    return json.loads(project["Source"]["BuildSpec"])["phases"]["build"]["commands"]


def project_variables(project: dict) -> dict:
    return {v["Name"]: v["Value"] for v in project["Environment"]["EnvironmentVariables"]}


@pytest.fixture(scope="module")
def template(default_synth: SynthResult) -> Mapping[str, Any]:
    return Template.from_stack(default_synth.pipeline).to_json()


def test_prod_rolls_back_on_failure_and_has_no_alarm_rules_of_the_pipeline_account(template: Mapping[str, Any]) -> None:
    prod = stage_declaration(template, "Prod")
    assert prod["OnFailure"] == {"Result": "ROLLBACK"}
    assert not {"BeforeEntry", "OnSuccess"} & set(prod)
    assert resources(template, "AWS::CloudWatch::Alarm") == {}  # no mirror: the gate is read where it lives
    assert resources(template, "AWS::Events::EventBus") == {} and resources(template, "AWS::Logs::MetricFilter") == {}


def test_the_gate_check_runs_in_a_stage_of_its_own_between_the_approval_and_prod(template: Mapping[str, Any]) -> None:
    names = [s["Name"] for s in pipeline_properties(template)["Stages"]]
    assert names.index("Approve-prod") + 1 == names.index("Gate-prod") == names.index("Prod") - 1
    # beside the gate check, the replacement guard of protected environments (pipeline/predeploy_steps.py)
    assert [a.name for a in stages(template)["Gate-prod"]] == ["GateCheck-prod", "PreDeploy-prod"]
    assert not set(stage_declaration(template, "Gate-prod")) - {"Name", "Actions"}  # a failed check just stops


def test_nothing_blocks_dev_by_default(template: Mapping[str, Any], default_synth: SynthResult) -> None:
    dev = stage_declaration(template, "Dev")
    assert not {"BeforeEntry", "OnSuccess", "OnFailure"} & set(dev)
    # Dev's own actions; prod's permission check runs beside dev's tests and holds nothing of dev's.
    assert [a.name for a in stages(template)["Dev"] if not a.name.startswith("CheckPermissions-prod.")] == [
        "MobileBackend.Deploy",
        "IntegrationTests-dev",
    ]
    assert "Gate-dev" not in stages(template)
    dev_stack = Template.from_stack(default_synth.pipeline.stages["dev"].stack).to_json()
    assert not resources(dev_stack, "AWS::CloudWatch::CompositeAlarm")
    assert not [r for r in resources(dev_stack, "AWS::IAM::Role").values() if "gate" in str(r["Properties"])]


def test_prod_bakes_after_its_tests_with_the_gate_command(template: Mapping[str, Any]) -> None:
    prod = {a.name: a for a in stages(template)["Prod"]}
    assert (
        prod["Bake-prod"].run_order > prod["IntegrationTests-prod"].run_order > prod["MobileBackend.Deploy"].run_order
    )
    bake = project_of(template, prod["Bake-prod"])
    check = project_of(template, stages(template)["Gate-prod"][0])
    assert build_commands(bake)[-1] == ".venv/bin/python -m pipeline.gate bake"
    assert build_commands(check)[-1] == ".venv/bin/python -m pipeline.gate entry"
    assert bake["TimeoutInMinutes"] == 30 + 15 and check["TimeoutInMinutes"] == 15
    bake_variables, check_variables = project_variables(bake), project_variables(check)
    assert bake_variables.pop("BAKE_MINUTES") == "30"
    assert bake_variables == check_variables
    assert {k: v for k, v in check_variables.items() if k != "NOTIFY_TOPIC_ARN"} == {
        "GATE_ENVIRONMENT": "prod",
        "GATE_ALARM_NAME": PROD_GATE,
        "GATE_REGION": "us-west-2",
        "GATE_READER_ROLE_ARN": "arn:aws:iam::333333333333:role/mobile-backend-prod-gate-reader",
        "PIPELINE_NAME": "mobile-backend-pipeline",
        "GATE_STAGE_NAME": "Prod",
        "CANARY_FRESHNESS_MINUTES": "15",
    }
    (topic_id,) = resources(template, "AWS::SNS::Topic")
    assert check_variables["NOTIFY_TOPIC_ARN"] == {"Ref": topic_id}


def test_prods_stack_gates_on_the_user_facing_alarms_and_lets_only_the_pipeline_read_it(
    default_synth: SynthResult,
) -> None:
    prod = Template.from_stack(default_synth.pipeline.stages["prod"].stack).to_json()
    (gate,) = resources(prod, "AWS::CloudWatch::CompositeAlarm").values()
    assert gate["Properties"]["AlarmName"] == PROD_GATE
    rule = json.dumps(gate["Properties"]["AlarmRule"])
    assert "FirehoseDeliveryFailures" not in rule
    (reader,) = [r for r in resources(prod, "AWS::IAM::Role").values() if "gate-reader" in str(r["Properties"])]
    assert reader["Properties"]["RoleName"] == "mobile-backend-prod-gate-reader"
    assert reader["Properties"]["AssumeRolePolicyDocument"]["Statement"] == [
        {
            "Action": "sts:AssumeRole",
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::111111111111:role/mobile-backend-prod-gate-check"},
        }
    ]
    assert resources(prod, "AWS::Events::Rule") == {} or all(
        "aws.cloudwatch" not in json.dumps(r) for r in resources(prod, "AWS::Events::Rule").values()
    )


def test_notification_rules_and_the_rollback_event_reach_the_configured_emails(template: Mapping[str, Any]) -> None:
    ((topic_id, topic),) = resources(template, "AWS::SNS::Topic").items()
    assert "KmsMasterKeyId" in topic["Properties"]
    key = resources(template, "AWS::KMS::Key")[topic["Properties"]["KmsMasterKeyId"]["Fn::GetAtt"][0]]
    assert key["Properties"]["EnableKeyRotation"] is True
    key_services = json.dumps(key["Properties"]["KeyPolicy"])
    assert "codestar-notifications.amazonaws.com" in key_services and "events.amazonaws.com" in key_services
    events = sorted(
        e
        for r in resources(template, "AWS::CodeStarNotifications::NotificationRule").values()
        for e in r["Properties"]["EventTypeIds"]
        if r["Properties"]["Targets"] == [{"TargetAddress": {"Ref": topic_id}, "TargetType": "SNS"}]
    )
    assert events == [
        "codepipeline-pipeline-manual-approval-needed",
        "codepipeline-pipeline-pipeline-execution-failed",
        "codepipeline-pipeline-pipeline-execution-succeeded",
    ]
    (rollback,) = [
        r
        for r in resources(template, "AWS::Events::Rule").values()
        if r["Properties"]["EventPattern"].get("source") == ["aws.codepipeline"]
    ]
    detail = rollback["Properties"]["EventPattern"]["detail"]
    assert detail["execution-trigger"] == {"trigger-type": ["AutomatedRollback", "ManualRollback"]}
    assert rollback["Properties"]["Targets"][0]["Arn"] == {"Ref": topic_id}
    emails = [s["Properties"]["Endpoint"] for s in resources(template, "AWS::SNS::Subscription").values()]
    assert emails == ["release-team@example.com"]
    policy = next(iter(resources(template, "AWS::SNS::TopicPolicy").values()))["Properties"]["PolicyDocument"]
    principals = [s["Principal"] for s in policy["Statement"] if isinstance(s.get("Principal"), dict)]
    publishers = {p for principal in principals for p in as_list(principal.get("Service", []))}
    assert publishers == {"codestar-notifications.amazonaws.com", "events.amazonaws.com"}


def wave_config(chat: bool = False) -> dict:
    data = copy.deepcopy(REAL)
    dev, prod = data["environments"]
    data["environments"] = [
        dev,
        {**prod, "name": "prod-us", "wave": "prod"},
        {
            **prod,
            "name": "prod-eu",
            "wave": "prod",
            "account": "555555555555",
            "region": "eu-west-1",
            "bake_minutes": 45,
            "email": {**prod["email"], "ses_identity_arn": "arn:aws:ses:eu-west-1:555555555555:identity/example.com"},
        },
    ]
    if chat:
        data["pipeline"]["chat"] = {"slack_workspace_id": "T0123ABCD", "slack_channel_id": "C0123ABCD"}
    return data


@pytest.fixture(scope="module")
def wave(tmp_path_factory: pytest.TempPathFactory) -> SynthResult:
    return synth(parse_config(wave_config(chat=True)), tmp_path_factory.mktemp("wave.out"))


def test_a_production_wave_is_one_gated_stage_that_bakes_together(wave: SynthResult) -> None:
    template = Template.from_stack(wave.pipeline).to_json()
    assert stage_declaration(template, "prod")["OnFailure"] == {"Result": "ROLLBACK"}
    assert sorted(a.name for a in stages(template)["Gate-prod"]) == [
        "GateCheck-prod-eu",
        "GateCheck-prod-us",
        "PreDeploy-prod-eu",
        "PreDeploy-prod-us",
    ]
    assert len({a.run_order for a in stages(template)["Gate-prod"]}) == 1  # checked side by side
    bakes = {a.name: a for a in stages(template)["prod"] if "Bake-" in a.name}
    assert set(bakes) == {"ProdUs.Bake-prod-us", "ProdEu.Bake-prod-eu"}
    assert len({a.run_order for a in bakes.values()}) == 1  # side by side
    minutes = {name: project_variables(project_of(template, a))["BAKE_MINUTES"] for name, a in bakes.items()}
    assert minutes == {"ProdUs.Bake-prod-us": "30", "ProdEu.Bake-prod-eu": "45"}  # each its own bake
    for env, region, account in (("prod-us", "us-west-2", "333333333333"), ("prod-eu", "eu-west-1", "555555555555")):
        stack = Template.from_stack(wave.pipeline.stages[env].stack).to_json()
        (gate,) = resources(stack, "AWS::CloudWatch::CompositeAlarm").values()
        assert gate["Properties"]["AlarmName"] == f"mobile-backend-{env}-gate"
        assert wave.pipeline.stages[env].stack.region == region
        check = project_variables(project_of(template, next(a for a in stages(template)["Gate-prod"] if env in a.name)))
        assert (check["GATE_REGION"], check["GATE_STAGE_NAME"]) == (region, "prod")
        assert check["GATE_READER_ROLE_ARN"] == f"arn:aws:iam::{account}:role/mobile-backend-{env}-gate-reader"


def test_chat_gets_the_same_notifications(wave: SynthResult) -> None:
    template = Template.from_stack(wave.pipeline).to_json()
    ((slack_id, slack),) = resources(template, "AWS::Chatbot::SlackChannelConfiguration").items()
    assert slack["Properties"]["SlackChannelId"] == "C0123ABCD"
    for rule in resources(template, "AWS::CodeStarNotifications::NotificationRule").values():
        assert {"TargetAddress": {"Ref": slack_id}, "TargetType": "AWSChatbotSlack"} in rule["Properties"]["Targets"]
    assert len(as_list(slack["Properties"]["SnsTopicArns"])) == 1  # the rollback events come through the topic


def test_the_preflight_accepts_the_rollout_resources_of_both_configs(
    default_synth: SynthResult, wave: SynthResult
) -> None:
    from devtools.preflight.checks import check_assembly

    for synthesized in (default_synth, wave):
        assert [f.line() for f in check_assembly(synthesized.outdir).findings] == []
