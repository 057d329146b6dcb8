"""RolloutGate alone: one composite alarm over the gating alarms, and the role through which the pipeline reads it.

How the composite follows its members during and after a trouble is in tests/unit/infra/test_gating_alarms.py.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from aws_cdk import aws_cloudwatch as cw
from aws_cdk.assertions import Template

from backend.infra.nag import logical_id
from backend.infra.rollout_gate import RolloutGate

from .support import bare_stack, of_type, policy_statements, resource

CHECKER = "arn:aws:iam::111111111111:role/mobile-backend-prod-gate-check"
READER = "mobile-backend-prod-gate-reader"


@dataclass
class Built:
    gate: RolloutGate
    template: Template
    members: list[str]

    @property
    def reader_id(self) -> str:
        return logical_id(self.gate.reader)


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


def _build(*, reads_metrics: bool) -> Built:
    stack = bare_stack()
    members = _alarms(stack, 3)
    gate = RolloutGate(
        stack,
        "RolloutGate",
        alarm_name="test-gate",
        alarms=members,  # type: ignore[arg-type]
        reader_role_name=READER,
        checker_principal_arn=CHECKER,
        reads_metrics=reads_metrics,
    )
    return Built(gate, Template.from_stack(stack), [logical_id(a) for a in members])


@pytest.fixture(scope="module")
def with_canary() -> Built:
    return _build(reads_metrics=True)


@pytest.fixture(scope="module")
def without_canary() -> Built:
    return _build(reads_metrics=False)


def test_composite_alarm_is_in_alarm_when_any_member_is(with_canary: Built) -> None:
    props = resource(with_canary.template, with_canary.gate.alarm)["Properties"]
    assert props["AlarmName"] == "test-gate"
    rule = props["AlarmRule"]["Fn::Join"]
    assert rule[0] == ""
    members = with_canary.members
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


def test_the_gate_forwards_nothing_the_pipeline_reads_it_where_it_lives(with_canary: Built) -> None:
    assert of_type(with_canary.template, "AWS::Events::Rule") == {}
    assert set(of_type(with_canary.template, "AWS::IAM::Role")) == {with_canary.reader_id}


@pytest.mark.parametrize("fixture", ["with_canary", "without_canary"])
def test_the_reader_role_trusts_exactly_the_pipelines_gate_check(request, fixture: str) -> None:
    built: Built = request.getfixturevalue(fixture)
    role = resource(built.template, built.gate.reader)["Properties"]
    assert role["RoleName"] == READER
    assert role["AssumeRolePolicyDocument"]["Statement"] == [
        {"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"AWS": CHECKER}}
    ]
    assert "ManagedPolicyArns" not in role


def test_the_reader_may_describe_alarms_and_read_the_canarys_results_and_nothing_else(with_canary: Built) -> None:
    assert policy_statements(with_canary.template, with_canary.reader_id) == [
        {"Action": "cloudwatch:DescribeAlarms", "Effect": "Allow", "Resource": "*", "Sid": "DescribeTheGateAlarm"},
        {
            "Action": "cloudwatch:GetMetricStatistics",
            "Effect": "Allow",
            "Resource": "*",
            "Sid": "ReadTheCanaryResults",
        },
    ]


def test_without_a_canary_the_reader_reads_no_metrics(without_canary: Built) -> None:
    assert policy_statements(without_canary.template, without_canary.reader_id) == [
        {"Action": "cloudwatch:DescribeAlarms", "Effect": "Allow", "Resource": "*", "Sid": "DescribeTheGateAlarm"}
    ]


def test_a_gate_without_alarms_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one alarm"):
        RolloutGate(
            bare_stack(),
            "RolloutGate",
            alarm_name="test-gate",
            alarms=[],
            reader_role_name=READER,
            checker_principal_arn=CHECKER,
            reads_metrics=True,
        )
