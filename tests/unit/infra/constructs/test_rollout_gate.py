"""RolloutGate alone: one composite alarm over the gating alarms, its state changes sent to the pipeline's bus."""

from __future__ import annotations

import pytest
from aws_cdk import aws_cloudwatch as cw
from aws_cdk.assertions import Template

from backend.infra.rollout_gate import ALARM_STATE_CHANGE, RolloutGate

from .support import bare_stack, logical_id, of_type, policy_statements, resource

BUS = "arn:aws:events:us-east-1:111111111111:event-bus/mobile-backend-rollout"


def _alarms(stack, count: int) -> list[cw.Alarm]:
    return [
        cw.Alarm(
            stack,
            f"Member{i}",
            metric=cw.Metric(namespace="Test", metric_name=f"M{i}"),
            threshold=1,
            evaluation_periods=1,
        )
        for i in range(count)
    ]


def _build(*, event_bus_arn: str | None) -> tuple[RolloutGate, Template, list[str]]:
    stack = bare_stack()
    members = _alarms(stack, 3)
    gate = RolloutGate(stack, "RolloutGate", alarm_name="test-gate", alarms=members, event_bus_arn=event_bus_arn)
    return gate, Template.from_stack(stack), [logical_id(a) for a in members]


@pytest.fixture(scope="module")
def forwarded():
    return _build(event_bus_arn=BUS)


@pytest.fixture(scope="module")
def local_only():
    return _build(event_bus_arn=None)


def test_composite_alarm_is_in_alarm_when_any_member_is(forwarded) -> None:
    gate, template, members = forwarded
    props = resource(template, gate.alarm)["Properties"]
    assert props["AlarmName"] == "test-gate"
    rule = props["AlarmRule"]["Fn::Join"]
    assert rule[0] == ""
    assert rule[1] == [
        '(ALARM("',
        {"Fn::GetAtt": [members[0], "Arn"]},
        '") OR ALARM("',
        {"Fn::GetAtt": [members[1], "Arn"]},
        '") OR ALARM("',
        {"Fn::GetAtt": [members[2], "Arn"]},
        '"))',
    ]
    # The members send the emails; the gate itself notifies nobody.
    assert not {"AlarmActions", "OKActions", "InsufficientDataActions"} & set(props)


def test_state_changes_of_the_gate_alarm_only_go_to_the_pipeline_bus(forwarded) -> None:
    gate, template, _ = forwarded
    [rule] = of_type(template, "AWS::Events::Rule").values()
    props = rule["Properties"]
    assert ALARM_STATE_CHANGE == "CloudWatch Alarm State Change"
    assert props["EventPattern"] == {
        "source": ["aws.cloudwatch"],
        "detail-type": [ALARM_STATE_CHANGE],
        "resources": [{"Fn::GetAtt": [logical_id(gate.alarm), "Arn"]}],
    }
    assert props["State"] == "ENABLED"
    [target] = props["Targets"]
    assert target["Arn"] == BUS
    role_id = target["RoleArn"]["Fn::GetAtt"][0]
    trust = template.to_json()["Resources"][role_id]["Properties"]["AssumeRolePolicyDocument"]["Statement"]
    assert trust == [{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}}]
    assert policy_statements(template, role_id) == [{"Action": "events:PutEvents", "Effect": "Allow", "Resource": BUS}]


def test_without_a_pipeline_bus_nothing_is_forwarded(local_only) -> None:
    gate, template, _ = local_only
    assert of_type(template, "AWS::Events::Rule") == {}
    assert of_type(template, "AWS::IAM::Role") == {}
    assert resource(template, gate.alarm)["Properties"]["AlarmName"] == "test-gate"


def test_a_gate_without_alarms_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one alarm"):
        RolloutGate(bare_stack(), "RolloutGate", alarm_name="test-gate", alarms=[], event_bus_arn=BUS)
