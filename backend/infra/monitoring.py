"""Dashboard and alarms to an SNS topic that mails the environment's alarm address.

Alarms are registered by kind (`alarms_by_kind`); the gating kinds (config/rollout_gate.py, GatingAlarmKind) are
the ones a rollout gate may be built from, so each of them must return to OK by itself once the trouble ends: a gate
member that needs a person to act (drain a queue) would block every release until someone does. Such signals get an
alarm of a kind outside the gating ones (`stream_dlq_backlog`): it mails, but never holds a rollout.
tests/unit/infra/test_gating_alarms.py shows each gating alarm going to ALARM and back with nobody acting, against a
model of CloudWatch's alarm evaluation (tests/unit/infra/alarm_model.py).
"""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_cloudwatch as cw
from aws_cdk import aws_cloudwatch_actions as cw_actions
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from .canary import CanaryMetrics
from .settings import BackendSettings

_FIVE_MINUTES = cdk.Duration.minutes(5)
# Not a gating kind: messages wait in the stream-failure queue until a person looks (up to 14 days).
STREAM_DLQ_BACKLOG = "stream_dlq_backlog"
# A new stream failure counts for this many 5-minute periods. SQS publishes a queue's metrics up to 15 minutes
# late when the queue turns active after being idle (SQS developer guide, "Monitoring Amazon SQS queues using
# CloudWatch"), and the failure queue is usually idle: 4 periods keep a late datum inside the alarm's window.
STREAM_DLQ_PERIODS = 4
# The journey takes a few seconds; above this a user would call the app slow.
CANARY_SLOW_MS = 10_000


class Monitoring(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        settings: BackendSettings,
        api_id: str,
        functions: list[lambda_.Function],
        tables: list[dynamodb.Table],
        delivery_stream_name: str | None,
        dead_letters: sqs.IQueue,
        canary: CanaryMetrics | None = None,
    ) -> None:
        super().__init__(scope, construct_id)
        self.topic = sns.Topic(
            self, "Alarms", display_name=f"Mobile backend alarms ({settings.env_name})", enforce_ssl=True
        )
        if settings.alarm_email:
            self.topic.add_subscription(subscriptions.EmailSubscription(settings.alarm_email))
        self.alarms: list[cw.Alarm] = []
        # Alarm kind (config `gating_alarms`, plus STREAM_DLQ_BACKLOG) → its alarms: which of them gate a rollout
        # is the pipeline's choice.
        self.alarms_by_kind: dict[str, list[cw.Alarm]] = {}
        self._action = cw_actions.SnsAction(self.topic)

        def appsync(metric: str, statistic: str) -> cw.Metric:
            return cw.Metric(
                namespace="AWS/AppSync",
                metric_name=metric,
                dimensions_map={"GraphQLAPIId": api_id},
                statistic=statistic,
                period=_FIVE_MINUTES,
            )

        api_5xx = appsync("5XXError", "Sum")
        api_latency = appsync("Latency", "p99")
        self._alarm("api_5xx", "Api5xx", api_5xx, threshold=1, description="AppSync returned server errors.")
        self._alarm(
            "api_latency",
            "ApiLatencyP99",
            api_latency,
            threshold=3000,
            periods=3,
            description="AppSync p99 latency above 3 s.",
        )
        widgets: list[cw.IWidget] = [
            cw.GraphWidget(title="AppSync 5xx / 4xx", left=[api_5xx, appsync("4XXError", "Sum")]),
            cw.GraphWidget(title="AppSync latency p99 (ms)", left=[api_latency]),
        ]
        for function in functions:
            function_id = function.node.id  # one jsii round trip, not one per use
            name = cdk.Names.node_unique_id(function.node)[-40:]
            errors = function.metric_errors(period=_FIVE_MINUTES, statistic="Sum")
            throttles = function.metric_throttles(period=_FIVE_MINUTES, statistic="Sum")
            self._alarm(
                "lambda_errors",
                f"{function_id}Errors",
                errors,
                threshold=1,
                description=f"Lambda errors ({name}).",
            )
            self._alarm(
                "lambda_throttles",
                f"{function_id}Throttles",
                throttles,
                threshold=1,
                description=f"Lambda throttles ({name}).",
            )
            widgets.append(cw.GraphWidget(title=f"{function_id}: errors / throttles", left=[errors, throttles]))
        for table in tables:
            table_id = table.node.id
            # DynamoDB publishes throttle events only while throttling, and alarms on AWS/DynamoDB metrics ignore
            # missing data whatever TreatMissingData says (PutMetricAlarm API reference): without FILL the alarm
            # would keep its last state, ALARM, after the throttling ends. FILL makes a quiet period a 0.
            throttled = cw.MathExpression(
                expression="FILL(reads, 0) + FILL(writes, 0)",
                using_metrics={
                    "reads": table.metric("ReadThrottleEvents", statistic="Sum", period=_FIVE_MINUTES),
                    "writes": table.metric("WriteThrottleEvents", statistic="Sum", period=_FIVE_MINUTES),
                },
                label=f"{table_id} throttle events",
                period=_FIVE_MINUTES,
            )
            self._alarm(
                "table_throttles",
                f"{table_id}Throttles",
                throttled,
                threshold=1,
                description=f"DynamoDB throttling ({table_id}).",
            )
            widgets.append(cw.GraphWidget(title=f"{table_id}: throttle events", left=[throttled]))
        if delivery_stream_name:
            delivered = cw.Metric(
                namespace="AWS/Firehose",
                metric_name="DeliveryToS3.Success",
                dimensions_map={"DeliveryStreamName": delivery_stream_name},
                statistic="Minimum",
                period=_FIVE_MINUTES,
            )
            self._alarm(
                "analytics_delivery",
                "FirehoseDeliveryFailures",
                delivered,
                threshold=1,
                comparison=cw.ComparisonOperator.LESS_THAN_THRESHOLD,
                description="Firehose failed to deliver analytics records to S3.",
            )
            widgets.append(cw.GraphWidget(title="Firehose delivery to S3 (1 = success)", left=[delivered]))
        # New failures, not the backlog: Lambda sends each discarded batch's record with sqs:SendMessage, which
        # NumberOfMessagesSent counts (only messages moved by a redrive policy are not counted); while the queue is
        # active SQS publishes 0 for the minutes without one, so the alarm clears once failures stop.
        sent = dead_letters.metric_number_of_messages_sent(period=_FIVE_MINUTES, statistic="Sum")
        self._alarm(
            "stream_dlq",
            "StreamFailures",
            sent,
            threshold=1,
            periods=STREAM_DLQ_PERIODS,
            datapoints=1,
            description="New stream records gave up after retries and went to the failure queue (see the queue).",
        )
        waiting = dead_letters.metric_approximate_number_of_messages_visible(period=_FIVE_MINUTES, statistic="Maximum")
        self._alarm(
            STREAM_DLQ_BACKLOG,
            "StreamFailuresWaiting",
            waiting,
            threshold=1,
            description="Stream failures are waiting in the failure queue for someone to look (not a rollout gate).",
        )
        widgets.append(cw.GraphWidget(title="Stream failures sent to the failure queue", left=[sent]))
        widgets.append(cw.GraphWidget(title="Stream failures waiting in the failure queue", left=[waiting]))
        if canary is not None:
            widgets.extend(self._canary_alarms(canary))
        self.dashboard = cw.Dashboard(
            self,
            "Dashboard",
            # A fixed name: the pipeline's approval links to it (console URL) without a cross-account reference.
            dashboard_name=settings.dashboard_name,
            widgets=[widgets[i : i + 3] for i in range(0, len(widgets), 3)],
        )

    def _canary_alarms(self, canary: CanaryMetrics) -> list[cw.IWidget]:
        """One datum per run, so the period is the run interval; 2 of the last 3 runs, so one flaky run is not an
        outage."""
        succeeded = canary.succeeded.with_(statistic="Minimum")
        duration = canary.duration.with_(statistic="Maximum")
        self._alarm(
            "canary",
            "CanaryJourneyFailures",
            succeeded,
            threshold=1,
            comparison=cw.ComparisonOperator.LESS_THAN_THRESHOLD,
            periods=3,
            datapoints=2,
            # A canary that stops reporting is a failure: the missing signal fails closed.
            missing=cw.TreatMissingData.BREACHING,
            description="The canary's journey failed in 2 of its last 3 runs, or the canary stopped reporting.",
        )
        self._alarm(
            "canary",
            "CanaryJourneySlow",
            duration,
            threshold=CANARY_SLOW_MS,
            comparison=cw.ComparisonOperator.GREATER_THAN_THRESHOLD,
            periods=3,
            datapoints=2,
            description=f"The canary's journey took over {CANARY_SLOW_MS // 1000} s in 2 of its last 3 runs.",
        )
        return [
            cw.GraphWidget(title="Canary: journey succeeded (1 = yes)", left=[succeeded]),
            cw.GraphWidget(title="Canary: journey duration (ms)", left=[duration]),
        ]

    def _alarm(
        self,
        kind: str,
        construct_id: str,
        metric: cw.IMetric,
        *,
        threshold: float,
        description: str,
        periods: int = 1,
        datapoints: int | None = None,
        comparison: cw.ComparisonOperator = cw.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        missing: cw.TreatMissingData = cw.TreatMissingData.NOT_BREACHING,
    ) -> None:
        alarm = cw.Alarm(
            self,
            construct_id,
            metric=metric,
            threshold=threshold,
            evaluation_periods=periods,
            datapoints_to_alarm=datapoints,
            comparison_operator=comparison,
            treat_missing_data=missing,
            alarm_description=description,
        )
        alarm.add_alarm_action(self._action)
        self.alarms.append(alarm)
        self.alarms_by_kind.setdefault(kind, []).append(alarm)
