"""Monitoring alone: each alarm's metric, threshold, period and missing-data rule, all to one TLS-only topic.

How each gating alarm behaves during and after a trouble (against a model of CloudWatch's evaluation) is in
tests/unit/infra/test_gating_alarms.py; here, what Monitoring builds from its inputs."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_cloudwatch as cw
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_sqs as sqs
from aws_cdk.assertions import Template

from backend.infra.canary import CanaryMetrics
from backend.infra.monitoring import CANARY_SLOW_MS, STREAM_DLQ_BACKLOG, Monitoring
from backend.infra.nag import logical_id
from backend.naming import CANARY_DIMENSION, CANARY_DURATION_METRIC, CANARY_METRIC_NAMESPACE, CANARY_SUCCESS_METRIC
from config.rollout_gate import GATING_ALARM_KINDS

from .support import bare_stack, inline_function, of_type, resource, settings

API_ID = "api-id-1234"
STREAM = "analytics-stream"
CANARY_EVERY = 10


def _canary_metrics() -> CanaryMetrics:
    def metric(name: str) -> cw.Metric:
        return cw.Metric(
            namespace=CANARY_METRIC_NAMESPACE,
            metric_name=name,
            dimensions_map={CANARY_DIMENSION: "test"},
            period=cdk.Duration.minutes(CANARY_EVERY),
        )

    return CanaryMetrics(
        succeeded=metric(CANARY_SUCCESS_METRIC), duration=metric(CANARY_DURATION_METRIC), every_minutes=CANARY_EVERY
    )


@dataclass
class Built:
    monitoring: Monitoring
    template: Template
    ids: dict[str, str]

    def alarm(self, construct_id: str) -> dict[str, Any]:
        return resource(self.template, self.monitoring.node.find_child(construct_id))["Properties"]


def _build(*, full: bool) -> Built:
    stack = bare_stack()
    functions = [inline_function(stack, "GraphQL"), inline_function(stack, "Streams")]
    tables = [
        dynamodb.Table(stack, name, partition_key=dynamodb.Attribute(name="id", type=dynamodb.AttributeType.STRING))
        for name in ("Posts", "Comments")
    ]
    dead_letters = sqs.Queue(stack, "StreamFailures")
    extra = {"alarm_email": "alerts@example.com", "dashboard_name": "test-dashboard"} if full else {}
    monitoring = Monitoring(
        stack,
        "Monitoring",
        settings=settings(protect_data=False, **extra),
        api_id=API_ID,
        functions=functions,
        tables=tables,
        delivery_stream_name=STREAM if full else None,
        dead_letters=dead_letters,
        canary=_canary_metrics() if full else None,
    )
    ids = {c.node.id: logical_id(c) for c in (*functions, *tables, dead_letters)} | {
        "topic": logical_id(monitoring.topic)
    }
    return Built(monitoring, Template.from_stack(stack), ids)


@pytest.fixture(scope="module")
def full() -> Built:
    return _build(full=True)


@pytest.fixture(scope="module")
def minimal() -> Built:
    return _build(full=False)


def _plain(
    metric: str,
    namespace: str,
    dimensions: list,
    *,
    threshold: float,
    statistic: str = "Sum",
    periods: int = 1,
    datapoints: int | None = None,
    comparison: str = "GreaterThanOrEqualToThreshold",
    missing: str = "notBreaching",
    period: int = 300,
) -> dict[str, Any]:
    stat = {"ExtendedStatistic": statistic} if statistic.startswith("p") else {"Statistic": statistic}
    return {
        "MetricName": metric,
        "Namespace": namespace,
        "Dimensions": dimensions,
        **stat,
        "Period": period,
        "Threshold": threshold,
        "EvaluationPeriods": periods,
        "DatapointsToAlarm": datapoints,
        "ComparisonOperator": comparison,
        "TreatMissingData": missing,
    }


def _subset(props: dict[str, Any], expected: dict[str, Any]) -> dict[str, Any]:
    return {key: props.get(key) for key in expected}


def test_api_alarms_on_5xx_and_p99_latency(full: Built) -> None:
    api = [{"Name": "GraphQLAPIId", "Value": API_ID}]
    expected = _plain("5XXError", "AWS/AppSync", api, threshold=1)
    assert _subset(full.alarm("Api5xx"), expected) == expected
    expected = _plain("Latency", "AWS/AppSync", api, threshold=3000, statistic="p99", periods=3)
    assert _subset(full.alarm("ApiLatencyP99"), expected) == expected


@pytest.mark.parametrize("function", ["GraphQL", "Streams"])
def test_each_function_alarms_on_any_error_and_any_throttle(full: Built, function: str) -> None:
    dimensions = [{"Name": "FunctionName", "Value": {"Ref": full.ids[function]}}]
    for metric, suffix in (("Errors", "Errors"), ("Throttles", "Throttles")):
        expected = _plain(metric, "AWS/Lambda", dimensions, threshold=1)
        assert _subset(full.alarm(f"{function}{suffix}"), expected) == expected


@pytest.mark.parametrize("table", ["Posts", "Comments"])
def test_each_table_alarms_on_read_plus_write_throttle_events_a_quiet_period_counting_zero(
    full: Built, table: str
) -> None:
    props = full.alarm(f"{table}Throttles")
    expected = {
        "Threshold": 1,
        "EvaluationPeriods": 1,
        "DatapointsToAlarm": None,
        "ComparisonOperator": "GreaterThanOrEqualToThreshold",
        "TreatMissingData": "notBreaching",
    }
    assert _subset(props, expected) == expected

    def stat(metric: str, query_id: str) -> dict[str, Any]:
        return {
            "Id": query_id,
            "ReturnData": False,
            "MetricStat": {
                "Metric": {
                    "Dimensions": [{"Name": "TableName", "Value": {"Ref": full.ids[table]}}],
                    "MetricName": metric,
                    "Namespace": "AWS/DynamoDB",
                },
                "Period": 300,
                "Stat": "Sum",
            },
        }

    assert props["Metrics"] == [
        # DynamoDB publishes throttle events only while throttling, and AWS/DynamoDB alarms ignore missing data:
        # FILL turns a quiet period into 0, so the alarm clears once throttling stops.
        {
            "Expression": "FILL(reads, 0) + FILL(writes, 0)",
            "Id": "expr_1",
            "Label": f"{table} throttle events",
            "ReturnData": True,
        },
        stat("ReadThrottleEvents", "reads"),
        stat("WriteThrottleEvents", "writes"),
    ]


def test_firehose_alarm_fires_when_delivery_success_drops_below_one(full: Built, minimal: Built) -> None:
    expected = _plain(
        "DeliveryToS3.Success",
        "AWS/Firehose",
        [{"Name": "DeliveryStreamName", "Value": STREAM}],
        threshold=1,
        statistic="Minimum",
        comparison="LessThanThreshold",
    )
    assert _subset(full.alarm("FirehoseDeliveryFailures"), expected) == expected
    assert minimal.monitoring.node.try_find_child("FirehoseDeliveryFailures") is None
    assert "analytics_delivery" not in minimal.monitoring.alarms_by_kind


def test_stream_failures_alarm_on_new_messages_in_the_failure_queue(full: Built) -> None:
    """New failures, not the backlog: the gate reopens once failures stop, whether or not anyone drains the queue."""
    queue = [{"Name": "QueueName", "Value": {"Fn::GetAtt": [full.ids["StreamFailures"], "QueueName"]}}]
    expected = _plain("NumberOfMessagesSent", "AWS/SQS", queue, threshold=1, periods=4, datapoints=1)
    assert _subset(full.alarm("StreamFailures"), expected) == expected
    assert full.monitoring.alarms_by_kind["stream_dlq"] == [full.monitoring.node.find_child("StreamFailures")]


def test_stream_failures_waiting_alarm_mails_but_is_not_a_gating_kind(full: Built) -> None:
    queue = [{"Name": "QueueName", "Value": {"Fn::GetAtt": [full.ids["StreamFailures"], "QueueName"]}}]
    expected = _plain("ApproximateNumberOfMessagesVisible", "AWS/SQS", queue, threshold=1, statistic="Maximum")
    assert _subset(full.alarm("StreamFailuresWaiting"), expected) == expected
    assert full.monitoring.alarms_by_kind[STREAM_DLQ_BACKLOG] == [
        full.monitoring.node.find_child("StreamFailuresWaiting")
    ]
    assert STREAM_DLQ_BACKLOG not in GATING_ALARM_KINDS


def test_canary_alarms_on_two_failed_or_slow_runs_of_three_and_on_silence(full: Built, minimal: Built) -> None:
    canary = [{"Name": CANARY_DIMENSION, "Value": "test"}]
    failures = _plain(
        CANARY_SUCCESS_METRIC,
        CANARY_METRIC_NAMESPACE,
        canary,
        threshold=1,
        statistic="Minimum",
        periods=3,
        datapoints=2,
        comparison="LessThanThreshold",
        missing="breaching",  # a canary that stops reporting fails closed
        period=CANARY_EVERY * 60,  # one datum per run
    )
    assert _subset(full.alarm("CanaryJourneyFailures"), failures) == failures
    slow = _plain(
        CANARY_DURATION_METRIC,
        CANARY_METRIC_NAMESPACE,
        canary,
        threshold=CANARY_SLOW_MS,
        statistic="Maximum",
        periods=3,
        datapoints=2,
        comparison="GreaterThanThreshold",
        period=CANARY_EVERY * 60,
    )
    assert _subset(full.alarm("CanaryJourneySlow"), slow) == slow
    assert CANARY_SLOW_MS == 10_000
    assert "canary" not in minimal.monitoring.alarms_by_kind
    assert minimal.monitoring.node.try_find_child("CanaryJourneyFailures") is None


def test_the_dashboard_shows_every_alarmed_signal(full: Built, minimal: Built) -> None:
    body = json.dumps(resource(full.template, full.monitoring.dashboard)["Properties"]["DashboardBody"])
    for metric in (
        "5XXError",
        "Latency",
        "Errors",
        "Throttles",
        "ReadThrottleEvents",
        "DeliveryToS3.Success",
        "NumberOfMessagesSent",
        "ApproximateNumberOfMessagesVisible",
        CANARY_SUCCESS_METRIC,
        CANARY_DURATION_METRIC,
    ):
        assert f'\\"{metric}\\"' in body, metric
    minimal_body = json.dumps(resource(minimal.template, minimal.monitoring.dashboard)["Properties"]["DashboardBody"])
    assert CANARY_SUCCESS_METRIC not in minimal_body and "NumberOfMessagesSent" in minimal_body


@pytest.mark.parametrize("fixture", ["full", "minimal"])
def test_every_alarm_notifies_the_topic_and_only_it(request, fixture: str) -> None:
    built: Built = request.getfixturevalue(fixture)
    alarms = of_type(built.template, "AWS::CloudWatch::Alarm")
    assert len(alarms) == len(built.monitoring.alarms)
    assert {k: a["Properties"]["AlarmActions"] for k, a in alarms.items()} == {
        k: [{"Ref": built.ids["topic"]}] for k in alarms
    }
    assert all(
        "OKActions" not in a["Properties"] and "InsufficientDataActions" not in a["Properties"] for a in alarms.values()
    )


def test_alarm_kinds_are_the_gating_ones_the_config_offers_plus_the_backlog(full: Built) -> None:
    by_kind = {kind: [logical_id(a) for a in alarms] for kind, alarms in full.monitoring.alarms_by_kind.items()}
    assert set(by_kind) == set(GATING_ALARM_KINDS) | {STREAM_DLQ_BACKLOG}
    named = {kind: sorted(a.node.id for a in alarms) for kind, alarms in full.monitoring.alarms_by_kind.items()}
    assert named == {
        "api_5xx": ["Api5xx"],
        "api_latency": ["ApiLatencyP99"],
        "lambda_errors": ["GraphQLErrors", "StreamsErrors"],
        "lambda_throttles": ["GraphQLThrottles", "StreamsThrottles"],
        "table_throttles": ["CommentsThrottles", "PostsThrottles"],
        "analytics_delivery": ["FirehoseDeliveryFailures"],
        "stream_dlq": ["StreamFailures"],
        STREAM_DLQ_BACKLOG: ["StreamFailuresWaiting"],
        "canary": ["CanaryJourneyFailures", "CanaryJourneySlow"],
    }
    assert sorted(a for ids in by_kind.values() for a in ids) == sorted(logical_id(a) for a in full.monitoring.alarms)


def test_topic_refuses_publishing_without_tls_and_mails_the_alarm_address(full: Built, minimal: Built) -> None:
    topic = resource(full.template, full.monitoring.topic)["Properties"]
    assert topic == {"DisplayName": "Mobile backend alarms (test)"}
    [policy] = of_type(full.template, "AWS::SNS::TopicPolicy").values()
    assert policy["Properties"]["PolicyDocument"]["Statement"] == [
        {
            "Action": "sns:Publish",
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
            "Effect": "Deny",
            "Principal": "*",
            "Resource": {"Ref": full.ids["topic"]},
            "Sid": "AllowPublishThroughSSLOnly",
        }
    ]
    subscriptions = [s["Properties"] for s in of_type(full.template, "AWS::SNS::Subscription").values()]
    assert subscriptions == [
        {"Endpoint": "alerts@example.com", "Protocol": "email", "TopicArn": {"Ref": full.ids["topic"]}}
    ]
    assert of_type(minimal.template, "AWS::SNS::Subscription") == {}


def test_dashboard_has_the_fixed_name_when_configured(full: Built, minimal: Built) -> None:
    assert resource(full.template, full.monitoring.dashboard)["Properties"]["DashboardName"] == "test-dashboard"
    assert "DashboardName" not in resource(minimal.template, minimal.monitoring.dashboard)["Properties"]
