"""IAM statements against the Service Authorization Reference (devtools/preflight/checks/iam_actions.py): each kind of
statement that IAM accepts but that can never allow the call it is meant for."""

from __future__ import annotations

from typing import Any

import pytest

from devtools.preflight.checks.iam_actions import statement_problems


def allow(action: Any, resource: Any = "*", condition: dict | None = None) -> dict:
    statement = {"Effect": "Allow", "Action": action, "Resource": resource}
    if condition:
        statement["Condition"] = condition
    return statement


@pytest.mark.parametrize(
    "statement",
    [
        allow("cloudwatch:DescribeAlarms", "arn:aws:cloudwatch:us-west-2:333333333333:alarm:gate"),
        allow(["cloudwatch:GetMetricStatistics", "sts:AssumeRole"]),
        allow("cloudwatch:PutMetricData", condition={"StringEquals": {"cloudwatch:namespace": "MobileBackend/Canary"}}),
        allow("codepipeline:GetPipelineState", "arn:aws:codepipeline:us-east-1:111111111111:mobile-backend-pipeline"),
        allow("s3:Get*", "arn:aws:s3:::bucket/*"),  # wildcards are not judged
        allow("sts:AssumeRole", "arn:aws:iam::1:role/*", {"StringEquals": {"iam:ResourceTag/x": "y"}}),
        {"Effect": "Deny", "Action": "nonsense:Call", "Resource": "*"},
    ],
)
def test_statements_that_can_allow_their_calls_pass(statement: dict) -> None:
    assert statement_problems(statement) == []


def test_an_action_that_does_not_exist_is_found() -> None:
    assert statement_problems(allow(["cloudwatch:DescribeAlarm", "cloudwach:PutMetricData"])) == [
        ("cloudwatch:DescribeAlarm", "is not an action of cloudwatch"),
        ("cloudwach:PutMetricData", "is not an action of any AWS service"),
    ]


def test_an_action_without_resource_types_scoped_to_an_arn_is_found() -> None:
    (problem,) = statement_problems(
        allow("cloudwatch:GetMetricStatistics", {"Fn::Sub": "arn:aws:cloudwatch:${AWS::Region}:1:metric/x"})
    )
    assert problem[0].startswith("cloudwatch:GetMetricStatistics on [")
    assert problem[1] == "supports no resource types: allow it on '*'"


def test_a_condition_key_the_action_does_not_support_is_found() -> None:
    statement = allow("cloudwatch:PutMetricData", condition={"StringEquals": {"cloudwatch:namespaces": "x"}})
    assert statement_problems(statement) == [
        ("cloudwatch:PutMetricData with condition key cloudwatch:namespaces", "is not a key this action supports")
    ]
