"""The canary's result as CloudWatch metrics: one PutMetricData per run.

`<success metric>` = 1 when every step passed, else 0 (unit Count); on success also `<duration metric>` in
Milliseconds. One dimension: `<dimension> = <environment>`. A failure to publish is raised, never swallowed:
the alarm and the gate checks then see the canary go silent, which they treat as a failure (fail closed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .journey import JourneyResult


@dataclass(frozen=True)
class MetricSpec:
    namespace: str
    success_metric: str
    duration_metric: str
    dimension: str
    environment: str


def metric_data(spec: MetricSpec, result: JourneyResult) -> list[dict[str, Any]]:
    dimensions = [{"Name": spec.dimension, "Value": spec.environment}]
    data: list[dict[str, Any]] = [
        {
            "MetricName": spec.success_metric,
            "Dimensions": dimensions,
            "Value": 1 if result.succeeded else 0,
            "Unit": "Count",
        }
    ]
    if result.succeeded:
        data.append(
            {
                "MetricName": spec.duration_metric,
                "Dimensions": dimensions,
                "Value": result.duration_ms,
                "Unit": "Milliseconds",
            }
        )
    return data


def publish(cloudwatch: Any, spec: MetricSpec, result: JourneyResult) -> None:
    cloudwatch.put_metric_data(Namespace=spec.namespace, MetricData=metric_data(spec, result))
