"""A small model of how CloudWatch evaluates metric alarms and composite alarms, for tests.

What AWS documents, and this follows (Amazon CloudWatch User Guide):
- "Evaluating an alarm", https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html: an
  alarm with a period of a minute or more is evaluated every minute, over periods that end at the evaluation (period
  5 min, 1 evaluation period: minutes 1-5, then 2-6); **Evaluation Periods** (N) is the number of most recent
  periods evaluated; **Datapoints to Alarm** (M) of them must breach, not necessarily consecutive ("M out of N").
- "Configuring how CloudWatch alarms treat missing data",
  https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html: CloudWatch retrieves
  more data points than N (the *evaluation range*); with at least N real data points in it, the most recent N real
  ones decide and TreatMissingData is not used; with fewer, every real one is used and the missing ones are filled
  as few times as possible: `breaching` as breaching, `notBreaching` as not breaching, `ignore` keeps the current
  state, `missing` goes to INSUFFICIENT_DATA when all are missing; and the "premature alarm state" rule (a breaching
  data point at least M periods old with only breaching or missing ones after it alarms even under `missing`).
  `evaluate` reproduces both tables of that page (tests/unit/infra/test_gating_alarms.py checks it).
- PutMetricAlarm API reference, TreatMissingData,
  https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html: alarms that evaluate
  metrics in the AWS/DynamoDB namespace always ignore missing data, whatever TreatMissingData says.
- "Create a composite alarm", https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Create_Composite_Alarm.html:
  a rule of ALARM(x), OK(x), INSUFFICIENT_DATA(x), TRUE, FALSE with AND, OR, NOT and parentheses; the composite is
  in ALARM while the rule is true, else OK.

What it simplifies (say so in a test that leans on it):
- Time is whole minutes. A metric is what the service publishes: `Sample`s (minute, value), each visible to alarms
  from `visible_at` (by default the end of its minute; later for a late publisher). Evaluation at minute t reads the
  minutes [t - k*P, t - (k-1)*P) for k = 1..R with the samples visible at t.
- The evaluation range R is not published for every alarm; the guide's examples use 5 for N = 3. The default here is
  N + 2, and tests can pass others.
- Statistics: Sum, Minimum, Maximum, Average, SampleCount and pNN (nearest rank; CloudWatch's percentiles are
  approximations, and its low-sample-count option for percentiles is not modelled).
- Metric math: only sums of metrics, each optionally `FILL(id, constant)` (what backend/infra/monitoring.py uses). A
  sum with a missing operand is missing; FILL gives its constant for every period with no data, including periods of
  a metric that published nothing in the whole range (an assumption: the guide says FILL replaces missing values,
  and warns that the latest period then always has the FILL value).
- No alarm actions, no high-resolution alarms, no anomaly detection, no percentile low-sample handling.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class State(StrEnum):
    OK = "OK"
    ALARM = "ALARM"
    INSUFFICIENT_DATA = "INSUFFICIENT_DATA"


BREACHING = "breaching"
NOT_BREACHING = "notBreaching"
IGNORE = "ignore"
MISSING = "missing"

_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "GreaterThanOrEqualToThreshold": lambda value, threshold: value >= threshold,
    "GreaterThanThreshold": lambda value, threshold: value > threshold,
    "LessThanThreshold": lambda value, threshold: value < threshold,
    "LessThanOrEqualToThreshold": lambda value, threshold: value <= threshold,
}


@dataclass(frozen=True)
class Sample:
    minute: int
    value: float
    visible_at: int | None = None  # None: at the end of its minute

    @property
    def seen_from(self) -> int:
        return self.minute + 1 if self.visible_at is None else self.visible_at


@dataclass(frozen=True)
class MetricQuery:
    """One metric as an alarm reads it."""

    namespace: str
    name: str
    dimensions: str  # the template's Dimensions, as canonical JSON (values may be CloudFormation references)
    statistic: str
    period_minutes: int


Source = Callable[[MetricQuery], Sequence[Sample]]


def aggregate(statistic: str, values: Sequence[float]) -> float | None:
    if not values:
        return None
    if statistic == "Sum":
        return float(sum(values))
    if statistic == "Minimum":
        return float(min(values))
    if statistic == "Maximum":
        return float(max(values))
    if statistic == "Average":
        return float(sum(values)) / len(values)
    if statistic == "SampleCount":
        return float(len(values))
    if re.fullmatch(r"p\d+(\.\d+)?", statistic):
        ordered = sorted(values)
        rank = math.ceil(float(statistic[1:]) / 100 * len(ordered))
        return float(ordered[max(rank, 1) - 1])
    raise ValueError(f"statistic {statistic!r} is not modelled")


def index_by_minute(samples: Iterable[Sample]) -> dict[int, list[Sample]]:
    indexed: dict[int, list[Sample]] = {}
    for sample in samples:
        indexed.setdefault(sample.minute, []).append(sample)
    return indexed


def period_values(
    query: MetricQuery, samples: Mapping[int, Sequence[Sample]], at: int, periods: int
) -> list[float | None]:
    """The query's data points at evaluation time `at`, oldest first: `periods` periods ending at `at`, from the
    samples (indexed by minute) visible at `at`."""
    width = query.period_minutes
    points: list[float | None] = []
    for k in range(periods, 0, -1):
        start = at - k * width
        values = [
            s.value for minute in range(start, start + width) for s in samples.get(minute, ()) if s.seen_from <= at
        ]
        points.append(aggregate(query.statistic, values))
    return points


def _term(text: str) -> tuple[str, float | None]:
    """`id` or `FILL(id, constant)`."""
    text = text.strip()
    fill = re.fullmatch(r"FILL\(\s*(\w+)\s*,\s*(-?[0-9.]+)\s*\)", text)
    if fill:
        return fill.group(1), float(fill.group(2))
    if re.fullmatch(r"\w+", text):
        return text, None
    raise ValueError(f"metric math {text!r} is not modelled (only sums of ids and FILL(id, constant))")


@dataclass(frozen=True)
class MetricAlarm:
    name: str
    queries: Mapping[str, MetricQuery]  # id -> query ("m" for a plain metric alarm)
    expression: str | None  # metric math over the ids, None for a plain metric alarm
    threshold: float
    comparison: str
    evaluation_periods: int
    datapoints_to_alarm: int
    treat_missing_data: str

    @classmethod
    def from_template(cls, name: str, props: Mapping[str, Any]) -> MetricAlarm:
        if "Metrics" in props:
            queries: dict[str, MetricQuery] = {}
            expression = None
            for entry in props["Metrics"]:
                if "Expression" in entry:
                    expression = entry["Expression"]
                    continue
                stat = entry["MetricStat"]
                metric = stat["Metric"]
                queries[entry["Id"]] = MetricQuery(
                    namespace=metric["Namespace"],
                    name=metric["MetricName"],
                    dimensions=json.dumps(metric.get("Dimensions", []), sort_keys=True),
                    statistic=stat["Stat"],
                    period_minutes=stat["Period"] // 60,
                )
        else:
            expression = None
            queries = {
                "m": MetricQuery(
                    namespace=props["Namespace"],
                    name=props["MetricName"],
                    dimensions=json.dumps(props.get("Dimensions", []), sort_keys=True),
                    statistic=props.get("Statistic") or props["ExtendedStatistic"],
                    period_minutes=props["Period"] // 60,
                )
            }
        return cls(
            name=name,
            queries=queries,
            expression=expression,
            threshold=float(props["Threshold"]),
            comparison=props["ComparisonOperator"],
            evaluation_periods=props["EvaluationPeriods"],
            datapoints_to_alarm=props.get("DatapointsToAlarm", props["EvaluationPeriods"]),
            treat_missing_data=props.get("TreatMissingData", MISSING),
        )

    @property
    def period_minutes(self) -> int:
        [period] = {q.period_minutes for q in self.queries.values()}  # metric math needs one period
        return period

    @property
    def effective_missing_data(self) -> str:
        """AWS/DynamoDB alarms always ignore missing data (PutMetricAlarm API reference)."""
        if any(q.namespace == "AWS/DynamoDB" for q in self.queries.values()):
            return IGNORE
        return self.treat_missing_data

    def breaches(self, value: float) -> bool:
        return _COMPARE[self.comparison](value, self.threshold)

    def datapoints(self, source: Source, at: int, periods: int) -> list[float | None]:
        """The alarm's data points at evaluation time `at` (the expression's, for metric math), oldest first."""
        return self._datapoints({key: index_by_minute(source(q)) for key, q in self.queries.items()}, at, periods)

    def _datapoints(
        self, indexed: Mapping[str, Mapping[int, Sequence[Sample]]], at: int, periods: int
    ) -> list[float | None]:
        series = {key: period_values(q, indexed[key], at, periods) for key, q in self.queries.items()}
        if self.expression is None:
            return series["m"]
        terms = [_term(t) for t in self.expression.split("+")]
        points: list[float | None] = []
        for i in range(periods):
            total: float | None = 0.0
            for key, fill in terms:
                value = series[key][i]
                if value is None:
                    value = fill
                total = None if value is None or total is None else total + value
            points.append(total)
        return points

    def evaluate(self, previous: State, window: Sequence[float | None]) -> State:
        """The state after one evaluation of `window`, the evaluation range's data points (oldest first)."""
        return evaluate(
            previous,
            [None if v is None else self.breaches(v) for v in window],
            evaluation_periods=self.evaluation_periods,
            datapoints_to_alarm=self.datapoints_to_alarm,
            treat_missing_data=self.effective_missing_data,
        )

    def run(
        self,
        source: Source,
        minutes: Iterable[int],
        *,
        evaluation_range: int | None = None,
        initial: State = State.INSUFFICIENT_DATA,
    ) -> dict[int, State]:
        """The alarm's state after its evaluation at each minute (one evaluation a minute, in order)."""
        span = evaluation_range or self.evaluation_periods + 2
        if span < self.evaluation_periods:
            raise ValueError("the evaluation range cannot be shorter than the evaluation periods")
        indexed = {key: index_by_minute(source(q)) for key, q in self.queries.items()}
        state = initial
        states: dict[int, State] = {}
        for minute in minutes:
            state = self.evaluate(state, self._datapoints(indexed, minute, span))
            states[minute] = state
        return states


def evaluate(
    previous: State,
    window: Sequence[bool | None],
    *,
    evaluation_periods: int,
    datapoints_to_alarm: int,
    treat_missing_data: str,
) -> State:
    """One evaluation over the evaluation range: True breaching, False not breaching, None missing (oldest first)."""
    n, m = evaluation_periods, datapoints_to_alarm
    real = [b for b in window if b is not None]
    if len(real) >= n:
        return State.ALARM if sum(real[-n:]) >= m else State.OK
    breaching = sum(real)
    fills = n - len(real)
    if treat_missing_data == BREACHING:
        return State.ALARM if breaching + fills >= m else State.OK
    if treat_missing_data == NOT_BREACHING:
        return State.ALARM if breaching >= m else State.OK
    if treat_missing_data not in (MISSING, IGNORE):
        raise ValueError(f"TreatMissingData {treat_missing_data!r} is not one of CloudWatch's four")
    # missing and ignore: the real data points decide as far as they can.
    if not real:
        return State.INSUFFICIENT_DATA if treat_missing_data == MISSING else previous
    if breaching >= m:
        return State.ALARM
    if breaching < len(real):
        return State.OK  # a real non-breaching data point
    if treat_missing_data == MISSING and _premature_alarm(window[-n:], m):
        return State.ALARM
    return previous


def _premature_alarm(last_n: Sequence[bool | None], datapoints_to_alarm: int) -> bool:
    """The oldest breaching data point of the last N is at least M periods old, and only breaching or missing data
    points follow it ("Avoiding premature transitions to alarm state")."""
    for index, value in enumerate(last_n):
        if value:
            age = len(last_n) - index
            return age >= datapoints_to_alarm and all(v is None or v for v in last_n[index + 1 :])
    return False


_TOKEN = re.compile(r'\s*(\(|\)|"[^"]*"|[A-Za-z_][A-Za-z0-9_]*)')


class CompositeAlarm:
    """A composite alarm's rule over named alarms: ALARM while the rule is true, else OK."""

    def __init__(self, rule: str) -> None:
        self.rule = rule
        self._tokens = self._tokenize(rule)

    @staticmethod
    def _tokenize(rule: str) -> list[str]:
        tokens: list[str] = []
        position = 0
        while position < len(rule.rstrip()):
            match = _TOKEN.match(rule, position)
            if not match:
                raise ValueError(f"cannot read the alarm rule at {rule[position:]!r}")
            tokens.append(match.group(1))
            position = match.end()
        return tokens

    @property
    def members(self) -> set[str]:
        return {t.strip('"') for i, t in enumerate(self._tokens) if i > 1 and self._tokens[i - 2] in _FUNCTIONS}

    def state(self, states: Mapping[str, State]) -> State:
        value, rest = self._or(self._tokens, states)
        if rest:
            raise ValueError(f"unexpected {rest[0]!r} in the alarm rule")
        return State.ALARM if value else State.OK

    def _or(self, tokens: list[str], states: Mapping[str, State]) -> tuple[bool, list[str]]:
        value, tokens = self._and(tokens, states)
        while tokens and tokens[0] == "OR":
            right, tokens = self._and(tokens[1:], states)
            value = value or right
        return value, tokens

    def _and(self, tokens: list[str], states: Mapping[str, State]) -> tuple[bool, list[str]]:
        value, tokens = self._not(tokens, states)
        while tokens and tokens[0] == "AND":
            right, tokens = self._not(tokens[1:], states)
            value = value and right
        return value, tokens

    def _not(self, tokens: list[str], states: Mapping[str, State]) -> tuple[bool, list[str]]:
        head = tokens[0]
        if head == "NOT":
            value, rest = self._not(tokens[1:], states)
            return not value, rest
        if head == "(":
            value, rest = self._or(tokens[1:], states)
            if not rest or rest[0] != ")":
                raise ValueError("unbalanced parentheses in the alarm rule")
            return value, rest[1:]
        if head in ("TRUE", "FALSE"):
            return head == "TRUE", tokens[1:]
        if head in _FUNCTIONS and len(tokens) >= 4 and tokens[1] == "(" and tokens[3] == ")":
            return states[tokens[2].strip('"')] == _FUNCTIONS[head], tokens[4:]
        raise ValueError(f"unexpected {head!r} in the alarm rule")


_FUNCTIONS = {"ALARM": State.ALARM, "OK": State.OK, "INSUFFICIENT_DATA": State.INSUFFICIENT_DATA}
