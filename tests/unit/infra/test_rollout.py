"""Safe rollout on the synthesized pipeline: stage conditions, bake, the gate alarms on both sides, notifications.

The example config (dev unprotected, prod protected) and a production wave of two regions."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import yaml
from aws_cdk.assertions import Template

from config import parse_config
from tests.unit.conftest import SynthResult, synth

from .helpers import as_list, resources
from .pipeline_template import pipeline_properties, project_of, stages

REAL = yaml.safe_load((Path(__file__).resolve().parents[3] / "config" / "environments.yaml").read_text())
PROD_GATE = "mobile-backend-prod-gate"
BUS_ARN = "arn:aws:events:us-east-1:111111111111:event-bus/mobile-backend-rollout"


def stage_declaration(template: dict, name: str) -> dict:
    return next(s for s in pipeline_properties(template)["Stages"] if s["Name"] == name)


def alarm_rule(name: str, alarm: str, wait: int | None = None) -> dict:
    configuration = {"AlarmName": alarm, "AlarmStates": "ALARM"}
    if wait:
        configuration["WaitTime"] = str(wait)
    rule_type = {"Category": "Rule", "Owner": "AWS", "Provider": "CloudWatchAlarm", "Version": "1"}
    return {"Name": name, "RuleTypeId": rule_type, "Configuration": configuration}


@pytest.fixture(scope="module")
def template(default_synth: SynthResult) -> dict:
    return Template.from_stack(default_synth.pipeline).to_json()


def test_prod_gets_all_three_conditions(template: dict) -> None:
    prod = stage_declaration(template, "Prod")
    assert prod["BeforeEntry"] == {
        "Conditions": [{"Result": "FAIL", "Rules": [alarm_rule("prod-healthy-before", PROD_GATE)]}]
    }
    assert prod["OnSuccess"] == {
        "Conditions": [{"Result": "ROLLBACK", "Rules": [alarm_rule("prod-healthy-after", PROD_GATE, wait=30)]}]
    }
    assert prod["OnFailure"] == {"Result": "ROLLBACK"}


def test_nothing_blocks_dev_by_default(template: dict, default_synth: SynthResult) -> None:
    dev = stage_declaration(template, "Dev")
    assert not {"BeforeEntry", "OnSuccess", "OnFailure"} & set(dev)
    # Dev's own actions; prod's permission check runs beside dev's tests and holds nothing of dev's.
    assert [a.name for a in stages(template)["Dev"] if not a.name.startswith("CheckPermissions-prod.")] == [
        "MobileBackend.Deploy",
        "IntegrationTests-dev",
    ]
    dev_stack = Template.from_stack(default_synth.pipeline.stages["dev"].stack).to_json()
    assert not resources(dev_stack, "AWS::CloudWatch::CompositeAlarm") and not resources(dev_stack, "AWS::Events::Rule")


def test_prod_bakes_after_its_tests_for_bake_minutes(template: dict) -> None:
    prod = {a.name: a for a in stages(template)["Prod"]}
    assert (
        prod["Bake-prod"].run_order > prod["IntegrationTests-prod"].run_order > prod["MobileBackend.Deploy"].run_order
    )
    project = project_of(template, prod["Bake-prod"])
    spec = json.loads(project["Source"]["BuildSpec"])
    assert spec["phases"]["build"]["commands"] == [f'sh pipeline/scripts/bake.sh "{PROD_GATE}" 30']
    assert project["TimeoutInMinutes"] == 45
    role = project["ServiceRole"]["Fn::GetAtt"][0]
    reads = [
        s
        for p in resources(template, "AWS::IAM::Policy").values()
        if {"Ref": role} in p["Properties"]["Roles"]
        for s in p["Properties"]["PolicyDocument"]["Statement"]
        if s["Action"] == "cloudwatch:DescribeAlarms"
    ]
    mirror = next(
        k for k, a in resources(template, "AWS::CloudWatch::Alarm").items() if a["Properties"]["AlarmName"] == PROD_GATE
    )
    assert [s["Resource"] for s in reads] == [{"Fn::GetAtt": [mirror, "Arn"]}]


def test_the_pipeline_account_mirrors_prods_gate_alarm(template: dict) -> None:
    (alarm,) = resources(template, "AWS::CloudWatch::Alarm").values()
    props = alarm["Properties"]
    assert props["AlarmName"] == PROD_GATE and props["TreatMissingData"] == "ignore"
    assert (props["Namespace"], props["MetricName"], props["Threshold"]) == (
        "MobileBackend/Rollout",
        "ProdGateInAlarm",
        1,
    )
    filters = {
        f["Properties"]["FilterPattern"]: f["Properties"]["MetricTransformations"][0]["MetricValue"]
        for f in resources(template, "AWS::Logs::MetricFilter").values()
    }
    assert filters == {'{ $.detail.state.value = "ALARM" }': "1", '{ $.detail.state.value != "ALARM" }': "0"}
    (rule,) = [r for r in resources(template, "AWS::Events::Rule").values() if "EventBusName" in r["Properties"]]
    pattern = rule["Properties"]["EventPattern"]
    assert pattern["account"] == ["333333333333"] and pattern["region"] == ["us-west-2"]
    assert pattern["detail"] == {"alarmName": [PROD_GATE]} and pattern["detail-type"] == [
        "CloudWatch Alarm State Change"
    ]
    (bus_policy,) = resources(template, "AWS::Events::EventBusPolicy").values()
    assert bus_policy["Properties"]["Statement"]["Principal"] == {"AWS": ["arn:aws:iam::333333333333:root"]}
    (log_policy,) = resources(template, "AWS::Logs::ResourcePolicy").values()
    assert '"Service":"events.amazonaws.com"' in json.dumps(log_policy["Properties"]["PolicyDocument"]).replace(
        "\\", ""
    )


def test_stage_conditions_may_read_the_gate_alarm(template: dict) -> None:
    statements = [
        s
        for p in resources(template, "AWS::IAM::Policy").values()
        for s in p["Properties"]["PolicyDocument"]["Statement"]
        if s.get("Sid") == "StageConditionsReadGateAlarms"
    ]
    assert [s["Resource"] for s in statements] == [
        {"Fn::GetAtt": [next(k for k in resources(template, "AWS::CloudWatch::Alarm")), "Arn"]}
    ]


def test_prods_stack_has_the_gate_over_the_user_facing_alarms_and_forwards_it(default_synth: SynthResult) -> None:
    prod = Template.from_stack(default_synth.pipeline.stages["prod"].stack).to_json()
    (gate,) = resources(prod, "AWS::CloudWatch::CompositeAlarm").values()
    assert gate["Properties"]["AlarmName"] == PROD_GATE
    rule = json.dumps(gate["Properties"]["AlarmRule"])
    alarms = resources(prod, "AWS::CloudWatch::Alarm")
    gating = {
        k
        for k in alarms
        if any(part in k for part in ("Api5xx", "ApiLatencyP99", "Errors", "Throttles", "StreamFailures"))
        and "TableThrottles" not in k
        and not any(t in k for t in ("Users", "Posts", "Comments", "Likes", "Devices"))
    }
    assert {k for k in alarms if k in rule} == gating and len(gating) >= 5
    assert "FirehoseDeliveryFailures" not in rule
    (forward,) = resources(prod, "AWS::Events::Rule").values()
    assert forward["Properties"]["EventPattern"]["source"] == ["aws.cloudwatch"]
    assert forward["Properties"]["Targets"][0]["Arn"] == BUS_ARN


def test_notification_rules_and_the_rollback_event_reach_the_configured_emails(template: dict) -> None:
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
    stage = stage_declaration(template, "prod")
    us, eu = "mobile-backend-prod-us-gate", "mobile-backend-prod-eu-gate"
    assert stage["BeforeEntry"]["Conditions"][0]["Rules"] == [
        alarm_rule("prod-us-healthy-before", us),
        alarm_rule("prod-eu-healthy-before", eu),
    ]
    assert stage["OnSuccess"]["Conditions"][0] == {
        "Result": "ROLLBACK",
        "Rules": [alarm_rule("prod-us-healthy-after", us, wait=45), alarm_rule("prod-eu-healthy-after", eu, wait=45)],
    }
    assert stage["OnFailure"] == {"Result": "ROLLBACK"}
    bakes = {a.name: a for a in stages(template)["prod"] if "Bake-" in a.name}
    assert set(bakes) == {"ProdUs.Bake-prod-us", "ProdEu.Bake-prod-eu"}
    assert len({a.run_order for a in bakes.values()}) == 1  # side by side
    assert {a["Properties"]["AlarmName"] for a in resources(template, "AWS::CloudWatch::Alarm").values()} == {us, eu}
    (bus_policy,) = resources(template, "AWS::Events::EventBusPolicy").values()
    assert sorted(bus_policy["Properties"]["Statement"]["Principal"]["AWS"]) == [
        "arn:aws:iam::333333333333:root",
        "arn:aws:iam::555555555555:root",
    ]
    for env, region in (("prod-us", "us-west-2"), ("prod-eu", "eu-west-1")):
        stack = Template.from_stack(wave.pipeline.stages[env].stack).to_json()
        (gate,) = resources(stack, "AWS::CloudWatch::CompositeAlarm").values()
        assert gate["Properties"]["AlarmName"] == f"mobile-backend-{env}-gate"
        assert wave.pipeline.stages[env].stack.region == region


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
    from preflight.checks import check_assembly

    for synthesized in (default_synth, wave):
        assert [f.line() for f in check_assembly(synthesized.outdir).findings] == []
