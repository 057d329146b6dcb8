"""The rollout gate's alarms, shown by behaviour: each goes to ALARM while users are hurting and back to OK by itself.

A MobileBackendStack with the canary on and a gate over every kind (config/rollout_gate.py, GATING_ALARM_KINDS) is
synthesized once (cdk-nag on). For each kind, one test states the alarm as read from the template (metric,
statistic, period, threshold, comparison, M of N, missing data), and one feeds it what AWS publishes during a
trouble and after it ends, through a model of CloudWatch's alarm evaluation (alarm_model.py), for several evaluation
ranges (AWS does not publish the range for every alarm). What each service publishes, with its source:
- AppSync: per request, `5XXError` 0 or 1 and `Latency`, each minute with requests (nothing without requests);
- Lambda: per invocation, `Errors` 0 or 1 ("Invocation metrics are binary indicators of the outcome of an
  invocation", Lambda developer guide, "Using CloudWatch metrics with Lambda"); `Throttles` taken as published only
  while throttling (the harsher reading: it must recover through missing data alone);
- SQS: every metric each minute while the queue is active (it holds messages, or an action touched it in the last
  six hours), `NumberOfMessagesSent` 0 when nothing was sent; the first minutes after an idle queue turns active
  arrive up to 15 minutes late (SQS developer guide, "Monitoring Amazon SQS queues using CloudWatch");
- DynamoDB: throttle events only while throttling (the CloudWatch user guide's example of a metric that reports only
  on errors), and alarms on AWS/DynamoDB metrics ignore missing data (PutMetricAlarm API reference);
- Firehose: `DeliveryToS3.Success` (1 or 0) per delivery attempt, one per 5-minute buffer while records flow;
- the canary: one datum per run (backend/naming.py), `JourneyDuration` for successful runs only, nothing once it
  stops.
Nobody acts in any scenario: no queue is drained, no alarm is reset.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk.assertions import Template
from cdk_nag import AwsSolutionsChecks

from backend.infra.monitoring import STREAM_DLQ_BACKLOG
from backend.infra.nag import logical_id
from backend.infra.settings import BackendSettings
from backend.infra.stack import MobileBackendStack
from backend.naming import CANARY_DIMENSION, CANARY_METRIC_NAMESPACE
from config.rollout_gate import GATING_ALARM_KINDS
from stages import MobileBackendStage

from ..conftest import cdk_context
from .alarm_model import (
    BREACHING,
    IGNORE,
    MISSING,
    NOT_BREACHING,
    CompositeAlarm,
    MetricAlarm,
    MetricQuery,
    Sample,
    State,
    evaluate,
)

ENV = "gate"
CANARY_EVERY = 5
SETTINGS = BackendSettings(
    env_name=ENV,
    protect_data=True,
    alarm_email="alerts@example.com",
    gating_alarm_kinds=GATING_ALARM_KINDS,
    gate_alarm_name="mobile-backend-gate-gate",
    gate_reader_role_name="mobile-backend-gate-gate-reader",
    gate_checker_principal_arn="arn:aws:iam::111111111111:role/mobile-backend-gate-gate-check",
    canary_every_minutes=CANARY_EVERY,
)
END = 300  # minutes simulated
WARM_UP = 30  # the first evaluations see less history than the evaluation range
TROUBLE = range(60, 90)
EXTRA_RANGE = (1, 2, 5)  # evaluation range = evaluation periods + this (the user guide's example: 3 -> 5)


@dataclass
class Built:
    stack: MobileBackendStack
    template: Mapping[str, Any]
    report: dict[str, Any]

    def alarm_ids(self, kind: str) -> list[str]:
        return [logical_id(a) for a in self.stack.monitoring.alarms_by_kind[kind]]

    def props(self, resource_id: str) -> dict[str, Any]:
        return dict(self.template["Resources"][resource_id]["Properties"])

    def alarms(self, kind: str) -> dict[str, MetricAlarm]:
        return {i: MetricAlarm.from_template(i, self.props(i)) for i in self.alarm_ids(kind)}

    def alarm(self, kind: str, construct_id: str) -> MetricAlarm:
        found = self.stack.monitoring.node.find_child(construct_id)
        alarm_id = logical_id(found)
        assert alarm_id in self.alarm_ids(kind)
        return MetricAlarm.from_template(alarm_id, self.props(alarm_id))

    @property
    def gate(self) -> CompositeAlarm:
        assert self.stack.gate is not None
        rule = self.props(logical_id(self.stack.gate.alarm))["AlarmRule"]
        parts = rule["Fn::Join"][1]
        return CompositeAlarm("".join(p if isinstance(p, str) else p["Fn::GetAtt"][0] for p in parts))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    outdir: Path = tmp_path_factory.mktemp("gate.out")
    app = cdk.App(context=cdk_context(), outdir=str(outdir))
    cdk.Validations.of(app).add_plugins(AwsSolutionsChecks(app))  # as pipeline/app_builder.py does
    stage = MobileBackendStage(
        app, "Gate", settings=SETTINGS, env=cdk.Environment(account="333333333333", region="us-west-2")
    )
    app.synth()
    template = Template.from_stack(stage.stack).to_json()
    report = json.loads((outdir / "validation-report.json").read_text())
    return Built(stage.stack, template, report)


# ---- what AWS publishes --------------------------------------------------------------------------------------------


def minutes(span: range | Sequence[int], per_minute: Callable[[int], Sequence[float]]) -> list[Sample]:
    return [Sample(m, v) for m in span for v in per_minute(m)]


@dataclass
class World:
    """What each service publishes over [0, END) minutes; a scenario changes one part of a healthy world."""

    requests: Callable[[int], int] = lambda m: 30  # AppSync requests (and GraphQL function invocations) a minute
    api_errors: Callable[[int], int] = lambda m: 0  # of which 5xx
    api_latency_ms: Callable[[int], float] = lambda m: 120.0
    function_errors: Callable[[int], int] = lambda m: 0
    throttles: Callable[[int], int] = lambda m: 0
    stream_failures: Callable[[int], int] = lambda m: 0  # records sent to the failure queue a minute
    sqs_activation_delay: int = 0  # how late the first minutes of an idle queue turned active are published
    read_throttle_events: Callable[[int], int] = lambda m: 0
    delivery_succeeds: Callable[[int], bool] = lambda m: True
    records_flow: Callable[[int], bool] = lambda m: True
    canary_runs: Callable[[int], bool] = lambda m: m % CANARY_EVERY == 0
    canary_succeeds: Callable[[int], bool] = lambda m: True
    canary_duration_ms: Callable[[int], float] = lambda m: 2500.0
    drained_at: int | None = None  # when someone empties the failure queue (None: nobody does)
    span: range = field(default_factory=lambda: range(END))

    def __call__(self, query: MetricQuery) -> list[Sample]:
        handler = {
            "AWS/AppSync": self._appsync,
            "AWS/Lambda": self._lambda,
            "AWS/SQS": self._sqs,
            "AWS/DynamoDB": self._dynamodb,
            "AWS/Firehose": self._firehose,
            CANARY_METRIC_NAMESPACE: self._canary,
        }[query.namespace]
        return handler(query.name)

    def _appsync(self, name: str) -> list[Sample]:
        if name == "5XXError":
            return minutes(
                self.span, lambda m: [1.0] * self.api_errors(m) + [0.0] * (self.requests(m) - self.api_errors(m))
            )
        if name == "Latency":
            return minutes(self.span, lambda m: [self.api_latency_ms(m)] * self.requests(m))
        raise KeyError(name)

    def _lambda(self, name: str) -> list[Sample]:
        if name == "Errors":  # one datum per invocation: 1 for a function error, else 0
            return minutes(
                self.span,
                lambda m: [1.0] * self.function_errors(m) + [0.0] * (self.requests(m) - self.function_errors(m)),
            )
        if name == "Throttles":  # taken as published only for throttled requests
            return minutes(self.span, lambda m: [1.0] * self.throttles(m))
        raise KeyError(name)

    def _sqs(self, name: str) -> list[Sample]:
        """The stream-failure queue: active while it holds messages or within six hours of any action."""
        samples: list[Sample] = []
        waiting = 0
        last_action: int | None = None
        activated_at: int | None = None
        for m in self.span:
            sent = self.stream_failures(m)
            if self.drained_at is not None and m == self.drained_at:
                waiting, last_action = 0, m
            if sent:
                last_action = m
            waiting += sent
            active = waiting > 0 or (last_action is not None and m - last_action < 360)
            if not active:
                activated_at = None
                continue
            if activated_at is None:
                activated_at = m
            late = activated_at + self.sqs_activation_delay if m < activated_at + self.sqs_activation_delay else None
            value = {"NumberOfMessagesSent": sent, "ApproximateNumberOfMessagesVisible": waiting}[name]
            samples.append(Sample(m, float(value), visible_at=late))
        return samples

    def _dynamodb(self, name: str) -> list[Sample]:
        per_minute = {"ReadThrottleEvents": self.read_throttle_events, "WriteThrottleEvents": lambda m: 0}[name]
        return minutes(self.span, lambda m: [float(per_minute(m))] if per_minute(m) else [])

    def _firehose(self, name: str) -> list[Sample]:
        if name != "DeliveryToS3.Success":
            raise KeyError(name)
        flushes = [m for m in self.span if m % 5 == 4 and self.records_flow(m)]  # a 300 s buffer
        return minutes(flushes, lambda m: [1.0 if self.delivery_succeeds(m) else 0.0])

    def _canary(self, name: str) -> list[Sample]:
        runs = [m for m in self.span if self.canary_runs(m)]
        if name == "JourneySucceeded":
            return minutes(runs, lambda m: [1.0 if self.canary_succeeds(m) else 0.0])
        if name == "JourneyDuration":  # successful runs only
            return minutes(runs, lambda m: [self.canary_duration_ms(m)] if self.canary_succeeds(m) else [])
        raise KeyError(name)


def during(span: range, inside: Any, outside: Any) -> Callable[[int], Any]:
    return lambda m: inside if m in span else outside


def run(alarm: MetricAlarm, world: World, extra: int) -> dict[int, State]:
    return alarm.run(world, range(END), evaluation_range=alarm.evaluation_periods + extra)


def assert_alarms_then_recovers(
    alarm: MetricAlarm, world: World, extra: int, *, trouble: range = TROUBLE, alarm_within: int = 20
) -> None:
    """OK before the trouble, ALARM while it lasts (within `alarm_within` minutes of its start), and OK again once
    the trouble has been over for longer than the evaluation range, with nobody acting."""
    states = run(alarm, world, extra)
    span = (alarm.evaluation_periods + extra + 1) * alarm.period_minutes
    before = {states[m] for m in range(WARM_UP, trouble.start)}
    assert before == {State.OK}, f"{alarm.name} before the trouble: {before}"
    assert State.ALARM in {states[m] for m in range(trouble.start, trouble.start + alarm_within + 1)}, (
        f"{alarm.name} not in ALARM within {alarm_within} minutes of the trouble's start"
    )
    after = [m for m in range(trouble.stop + span, END) if states[m] != State.OK]
    assert not after, (
        f"{alarm.name} not OK at {len(after)} minutes after the trouble ended (minute {after[0]}: {states[after[0]]})"
    )


def definition(props: dict[str, Any]) -> dict[str, Any]:
    """The properties the behaviour depends on."""
    keys = ("Threshold", "ComparisonOperator", "EvaluationPeriods", "DatapointsToAlarm", "TreatMissingData")
    shape = {k: props.get(k) for k in keys}
    if "Metrics" in props:
        shape["Metrics"] = {
            m["Id"]: m.get("Expression")
            or (
                m["MetricStat"]["Metric"]["Namespace"],
                m["MetricStat"]["Metric"]["MetricName"],
                m["MetricStat"]["Stat"],
                m["MetricStat"]["Period"],
            )
            for m in props["Metrics"]
        }
    else:
        shape["Metric"] = (
            props["Namespace"],
            props["MetricName"],
            props.get("Statistic") or props.get("ExtendedStatistic"),
            props["Period"],
        )
    return shape


def alarm_definition(
    metric: tuple[str, str, str, int] | dict[str, Any],
    *,
    threshold: float = 1,
    comparison: str = "GreaterThanOrEqualToThreshold",
    evaluation_periods: int = 1,
    datapoints_to_alarm: int | None = None,
    missing_data: str = "notBreaching",
) -> dict[str, Any]:
    """What `definition` gives for an alarm on `metric`: (namespace, name, statistic, period), or a metric math
    alarm's queries by id. The defaults are most gating alarms' (a period at or over 1, missing data fine)."""
    return {
        "Metrics" if isinstance(metric, dict) else "Metric": metric,
        "Threshold": threshold,
        "ComparisonOperator": comparison,
        "EvaluationPeriods": evaluation_periods,
        "DatapointsToAlarm": datapoints_to_alarm,
        "TreatMissingData": missing_data,
    }


def definitions(built: Built, kind: str) -> list[dict[str, Any]]:
    return [definition(built.props(i)) for i in built.alarm_ids(kind)]


def assert_every_alarm_of_kind_alarms_then_recovers(built: Built, kind: str, world: World, extra: int) -> None:
    alarms = built.alarms(kind).values()
    assert alarms, f"no {kind} alarm in the stack"
    for alarm in alarms:
        assert_alarms_then_recovers(alarm, world, extra)


# ---- the model follows the user guide ------------------------------------------------------------------------------


def _points(text: str) -> list[bool | None]:
    return [{"0": False, "X": True, "-": None}[c] for c in text.split()]


# "How alarm state is evaluated when data is missing": (data points, MISSING, IGNORE, BREACHING, NOT BREACHING).
RETAIN = "retain"
USER_GUIDE_TABLES = {
    (3, 3): [
        ("0 - X - X", State.OK, State.OK, State.OK, State.OK),
        ("0 - - - -", State.OK, State.OK, State.OK, State.OK),
        ("- - - - -", State.INSUFFICIENT_DATA, RETAIN, State.ALARM, State.OK),
        ("0 X X - X", State.ALARM, State.ALARM, State.ALARM, State.ALARM),
        ("- - X - -", State.ALARM, RETAIN, State.ALARM, State.OK),
    ],
    (3, 2): [
        ("0 - X - X", State.ALARM, State.ALARM, State.ALARM, State.ALARM),
        ("0 0 X 0 X", State.ALARM, State.ALARM, State.ALARM, State.ALARM),
        ("0 - X - -", State.OK, State.OK, State.ALARM, State.OK),
        ("- - - - 0", State.OK, State.OK, State.ALARM, State.OK),
        ("- - - X -", State.ALARM, RETAIN, State.ALARM, State.OK),
    ],
}


@pytest.mark.parametrize(("n", "m"), list(USER_GUIDE_TABLES))
def test_the_model_reproduces_the_user_guides_missing_data_tables(n: int, m: int) -> None:
    for text, *expected in USER_GUIDE_TABLES[(n, m)]:
        for treatment, want in zip((MISSING, IGNORE, BREACHING, NOT_BREACHING), expected, strict=True):
            for previous in (State.OK, State.ALARM):
                got = evaluate(
                    previous, _points(text), evaluation_periods=n, datapoints_to_alarm=m, treat_missing_data=treatment
                )
                assert got == (previous if want == RETAIN else want), (text, treatment, previous)


def test_the_model_reads_composite_rules() -> None:
    rule = CompositeAlarm('(ALARM("a") OR ALARM("b")) AND NOT OK(c)')
    assert rule.members == {"a", "b", "c"}
    assert rule.state({"a": State.OK, "b": State.ALARM, "c": State.INSUFFICIENT_DATA}) == State.ALARM
    assert rule.state({"a": State.OK, "b": State.ALARM, "c": State.OK}) == State.OK
    assert rule.state({"a": State.OK, "b": State.OK, "c": State.ALARM}) == State.OK


# ---- the stack -----------------------------------------------------------------------------------------------------


def test_the_stack_with_the_canary_and_every_gating_kind_is_nag_clean(built: Built) -> None:
    open_findings = [
        (violation["ruleName"], construct["constructPath"])
        for plugin in built.report["pluginReports"]
        for violation in plugin["violations"]
        for construct in violation["violatingConstructs"]
    ]
    assert open_findings == []


def test_the_gate_is_any_gating_alarm_and_nothing_else(built: Built) -> None:
    gating = {i for kind in GATING_ALARM_KINDS for i in built.alarm_ids(kind)}
    assert built.gate.members == gating
    assert built.gate.rule.count(" OR ") == len(gating) - 1 and " AND " not in built.gate.rule
    backlog = set(built.alarm_ids(STREAM_DLQ_BACKLOG))
    assert backlog and not backlog & built.gate.members
    assert STREAM_DLQ_BACKLOG not in GATING_ALARM_KINDS


# ---- one kind at a time: the definition, then the behaviour -------------------------------------------------------

FIVE_MINUTES = 300


def test_api_5xx_definition(built: Built) -> None:
    assert definitions(built, "api_5xx") == [alarm_definition(("AWS/AppSync", "5XXError", "Sum", FIVE_MINUTES))]


@pytest.mark.parametrize("extra", EXTRA_RANGE)
@pytest.mark.parametrize("traffic_after", ["steady", "none"])
@pytest.mark.parametrize(
    ("kind", "errors"),
    [
        ("api_5xx", World(api_errors=during(TROUBLE, 6, 0))),
        ("lambda_errors", World(function_errors=during(TROUBLE, 5, 0))),
    ],
    ids=["api_5xx", "lambda_errors"],
)
def test_error_alarms_go_off_on_errors_and_clear_when_they_stop(
    built: Built, extra: int, traffic_after: str, kind: str, errors: World
) -> None:
    """AppSync's server errors and the functions' errors: with or without requests once they stop."""
    world = replace(
        errors, requests=(lambda m: 30) if traffic_after == "steady" else (lambda m: 30 if m < TROUBLE.stop else 0)
    )
    assert_every_alarm_of_kind_alarms_then_recovers(built, kind, world, extra)


def test_api_latency_definition(built: Built) -> None:
    assert definitions(built, "api_latency") == [
        alarm_definition(("AWS/AppSync", "Latency", "p99", FIVE_MINUTES), threshold=3000, evaluation_periods=3)
    ]


@pytest.mark.parametrize("extra", EXTRA_RANGE)
def test_api_latency_alarms_on_slow_requests_and_clears_when_fast_again(built: Built, extra: int) -> None:
    world = World(api_latency_ms=during(TROUBLE, 4500.0, 150.0))
    assert_every_alarm_of_kind_alarms_then_recovers(built, "api_latency", world, extra)


@pytest.mark.parametrize("kind, metric", [("lambda_errors", "Errors"), ("lambda_throttles", "Throttles")])
def test_lambda_alarm_definitions_one_per_function(built: Built, kind: str, metric: str) -> None:
    functions = len(built.stack.functions.all)
    assert definitions(built, kind) == [alarm_definition(("AWS/Lambda", metric, "Sum", FIVE_MINUTES))] * functions


@pytest.mark.parametrize("extra", EXTRA_RANGE)
def test_lambda_throttles_alarm_while_throttled_and_clear_when_throttling_stops(built: Built, extra: int) -> None:
    world = World(throttles=during(TROUBLE, 10, 0))
    assert_every_alarm_of_kind_alarms_then_recovers(built, "lambda_throttles", world, extra)


def test_stream_dlq_definition_counts_new_failures_not_the_backlog(built: Built) -> None:
    assert definitions(built, "stream_dlq") == [
        alarm_definition(
            ("AWS/SQS", "NumberOfMessagesSent", "Sum", FIVE_MINUTES), evaluation_periods=4, datapoints_to_alarm=1
        )
    ]
    [queue] = built.props(built.alarm_ids("stream_dlq")[0])["Dimensions"]
    assert queue == {
        "Name": "QueueName",
        "Value": {"Fn::GetAtt": [logical_id(built.stack.streams.failures), "QueueName"]},
    }


@pytest.mark.parametrize("extra", EXTRA_RANGE)
@pytest.mark.parametrize("activation_delay", [0, 15])
def test_stream_dlq_alarms_on_new_failures_and_clears_while_they_still_wait(
    built: Built, extra: int, activation_delay: int
) -> None:
    """Nobody drains the queue: the failures stay there (14 days), and the gate still reopens."""
    world = World(stream_failures=during(TROUBLE, 2, 0), sqs_activation_delay=activation_delay)
    [alarm] = built.alarms("stream_dlq").values()
    assert_alarms_then_recovers(alarm, world, extra, alarm_within=activation_delay + 5)


@pytest.mark.parametrize("extra", EXTRA_RANGE)
def test_stream_dlq_sees_one_failure_on_an_idle_queue_published_15_minutes_late(built: Built, extra: int) -> None:
    """The failure queue is usually idle; its first minutes after turning active arrive up to 15 minutes late."""
    one = range(60, 61)
    world = World(stream_failures=during(one, 1, 0), sqs_activation_delay=15)
    [alarm] = built.alarms("stream_dlq").values()
    assert_alarms_then_recovers(alarm, world, extra, trouble=one, alarm_within=20)


@pytest.mark.parametrize("extra", EXTRA_RANGE)
def test_stream_dlq_backlog_stays_in_alarm_while_failures_wait_but_is_not_in_the_gate(built: Built, extra: int) -> None:
    world = World(stream_failures=during(TROUBLE, 2, 0))
    [backlog] = built.alarms(STREAM_DLQ_BACKLOG).values()
    assert definition(built.props(backlog.name))["Metric"] == (
        "AWS/SQS",
        "ApproximateNumberOfMessagesVisible",
        "Maximum",
        FIVE_MINUTES,
    )
    states = run(backlog, world, extra)
    assert {states[m] for m in range(TROUBLE.stop, END)} == {State.ALARM}  # 60 messages wait, nobody looks
    assert backlog.name not in built.gate.members
    # Once someone drains the queue it clears too (an action is not needed for the gate, only for this mail).
    drained = replace(world, drained_at=200)
    assert run(backlog, drained, extra)[END - 1] == State.OK


def test_table_throttles_definition(built: Built) -> None:
    shapes = definitions(built, "table_throttles")
    assert len(shapes) == len(built.stack.tables.all)
    for shape in shapes:
        assert shape == alarm_definition(
            {
                "expr_1": "FILL(reads, 0) + FILL(writes, 0)",
                "reads": ("AWS/DynamoDB", "ReadThrottleEvents", "Sum", FIVE_MINUTES),
                "writes": ("AWS/DynamoDB", "WriteThrottleEvents", "Sum", FIVE_MINUTES),
            }
        )


@pytest.mark.parametrize("extra", EXTRA_RANGE)
def test_table_throttles_alarm_while_throttled_and_clear_although_dynamodb_publishes_nothing_after(
    built: Built, extra: int
) -> None:
    """AWS/DynamoDB alarms ignore missing data: only FILL's zeros bring them back to OK after a throttling."""
    world = World(read_throttle_events=during(TROUBLE, 40, 0))
    assert {alarm.effective_missing_data for alarm in built.alarms("table_throttles").values()} == {IGNORE}
    assert_every_alarm_of_kind_alarms_then_recovers(built, "table_throttles", world, extra)


def test_analytics_delivery_definition(built: Built) -> None:
    assert definitions(built, "analytics_delivery") == [
        alarm_definition(
            ("AWS/Firehose", "DeliveryToS3.Success", "Minimum", FIVE_MINUTES), comparison="LessThanThreshold"
        )
    ]


@pytest.mark.parametrize("extra", EXTRA_RANGE)
@pytest.mark.parametrize("records_after", ["flowing", "none"])
def test_analytics_delivery_alarms_on_failed_deliveries_and_clears_when_s3_accepts_again(
    built: Built, extra: int, records_after: str
) -> None:
    world = World(
        delivery_succeeds=during(TROUBLE, False, True),
        records_flow=(lambda m: True) if records_after == "flowing" else (lambda m: m < TROUBLE.stop),
    )
    [alarm] = built.alarms("analytics_delivery").values()
    assert_alarms_then_recovers(alarm, world, extra)


def test_canary_definitions(built: Built) -> None:
    failures = definition(built.props(built.alarm("canary", "CanaryJourneyFailures").name))
    slow = definition(built.props(built.alarm("canary", "CanaryJourneySlow").name))
    period = CANARY_EVERY * 60
    assert failures == alarm_definition(
        (CANARY_METRIC_NAMESPACE, "JourneySucceeded", "Minimum", period),
        comparison="LessThanThreshold",
        missing_data="breaching",
        evaluation_periods=3,
        datapoints_to_alarm=2,  # 2 of the last 3 runs
    )
    assert slow == alarm_definition(
        (CANARY_METRIC_NAMESPACE, "JourneyDuration", "Maximum", period),
        threshold=10_000,
        comparison="GreaterThanThreshold",
        evaluation_periods=3,
        datapoints_to_alarm=2,
    )
    for alarm in built.alarm_ids("canary"):
        assert built.props(alarm)["Dimensions"] == [{"Name": CANARY_DIMENSION, "Value": ENV}]
    assert len(built.alarm_ids("canary")) == 2


@pytest.mark.parametrize("extra", EXTRA_RANGE)
def test_canary_failure_alarm_follows_failed_journeys_and_clears_when_they_pass(built: Built, extra: int) -> None:
    world = World(canary_succeeds=during(TROUBLE, False, True))
    assert_alarms_then_recovers(built.alarm("canary", "CanaryJourneyFailures"), world, extra)
    # A failing run publishes no duration: the slow-journey alarm says nothing about it.
    assert set(run(built.alarm("canary", "CanaryJourneySlow"), world, extra).values()) == {State.OK}


@pytest.mark.parametrize("extra", EXTRA_RANGE)
def test_canary_slow_alarm_follows_slow_journeys_and_clears_when_fast_again(built: Built, extra: int) -> None:
    world = World(canary_duration_ms=during(TROUBLE, 15_000.0, 2500.0))
    assert_alarms_then_recovers(built.alarm("canary", "CanaryJourneySlow"), world, extra)
    states = run(built.alarm("canary", "CanaryJourneyFailures"), world, extra)
    assert {states[m] for m in range(WARM_UP, END)} == {State.OK}


@pytest.mark.parametrize("extra", EXTRA_RANGE)
@pytest.mark.parametrize("glitch", ["one failed run", "one slow run", "one missed run"])
def test_one_bad_canary_run_is_not_an_outage(built: Built, extra: int, glitch: str) -> None:
    """2 of the last 3 runs: a single flaky, slow or skipped run holds no rollout."""
    world = {
        "one failed run": World(canary_succeeds=lambda m: m != 60),
        "one slow run": World(canary_duration_ms=lambda m: 15_000.0 if m == 60 else 2500.0),
        "one missed run": World(canary_runs=lambda m: m % CANARY_EVERY == 0 and m != 60),
    }[glitch]
    for alarm in built.alarms("canary").values():
        states = run(alarm, world, extra)
        assert {states[m] for m in range(WARM_UP, END)} == {State.OK}, alarm.name


@pytest.mark.parametrize("extra", EXTRA_RANGE)
def test_canary_failure_alarm_goes_to_alarm_when_the_canary_stops_reporting(built: Built, extra: int) -> None:
    """A canary that stops (deleted schedule, broken function, no rights to publish) fails closed, and clears once
    it reports again."""
    stopped = range(60, 150)
    world = World(canary_runs=lambda m: m % CANARY_EVERY == 0 and m not in stopped)
    alarm = built.alarm("canary", "CanaryJourneyFailures")
    states = run(alarm, world, extra)
    period = alarm.period_minutes
    last_datum = stopped.start - period
    within = (alarm.evaluation_periods + extra + 1) * period
    assert {states[m] for m in range(WARM_UP, stopped.start)} == {State.OK}
    assert {states[m] for m in range(last_datum + within, stopped.stop)} == {State.ALARM}
    assert {states[m] for m in range(stopped.stop + 2 * period + 1, END)} == {State.OK}
    # The slow-journey alarm reads missing data as fine: it must not be what catches a silent canary.
    slow = run(built.alarm("canary", "CanaryJourneySlow"), world, extra)
    assert {slow[m] for m in range(WARM_UP, END)} == {State.OK}


# ---- the gate as a whole -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("extra", EXTRA_RANGE)
def test_the_gate_follows_its_members_and_reopens_with_nobody_acting(built: Built, extra: int) -> None:
    """Two troubles in a row: API errors, then stream failures (left waiting in the queue)."""
    api_trouble, stream_trouble = range(60, 80), range(150, 160)
    world = World(api_errors=during(api_trouble, 6, 0), stream_failures=during(stream_trouble, 3, 0))
    members = {i: run(MetricAlarm.from_template(i, built.props(i)), world, extra) for i in sorted(built.gate.members)}
    gate = {m: built.gate.state({i: states[m] for i, states in members.items()}) for m in range(END)}
    for m in range(WARM_UP, END):
        in_alarm = {i for i, states in members.items() if states[m] == State.ALARM}
        assert (gate[m] == State.ALARM) == bool(in_alarm), m
    assert gate[api_trouble.start + 5] == State.ALARM
    assert {gate[m] for m in range(WARM_UP, api_trouble.start)} == {State.OK}
    assert State.OK in {gate[m] for m in range(api_trouble.stop, stream_trouble.start)}
    assert State.ALARM in {gate[m] for m in stream_trouble}
    assert gate[END - 1] == State.OK
    # ... while the backlog alarm still mails about the failures nobody has looked at.
    [backlog] = built.alarms(STREAM_DLQ_BACKLOG).values()
    assert run(backlog, world, extra)[END - 1] == State.ALARM
