"""Dashboard and alarms to an SNS topic that mails the environment's alarm address."""

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

from .settings import BackendSettings

_FIVE_MINUTES = cdk.Duration.minutes(5)


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
    ) -> None:
        super().__init__(scope, construct_id)
        self.topic = sns.Topic(
            self, "Alarms", display_name=f"Mobile backend alarms ({settings.env_name})", enforce_ssl=True
        )
        if settings.alarm_email:
            self.topic.add_subscription(subscriptions.EmailSubscription(settings.alarm_email))
        self.alarms: list[cw.Alarm] = []
        # Alarm kind (config `gating_alarms`) → its alarms: which of them gate a rollout is the pipeline's choice.
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
            throttled = cw.MathExpression(
                expression="reads + writes",
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
        dead = dead_letters.metric_approximate_number_of_messages_visible(period=_FIVE_MINUTES, statistic="Maximum")
        self._alarm(
            "stream_dlq",
            "StreamFailures",
            dead,
            threshold=1,
            description="Stream records gave up after retries (see the DLQ).",
        )
        widgets.append(cw.GraphWidget(title="Stream failures waiting in the DLQ", left=[dead]))
        self.dashboard = cw.Dashboard(
            self,
            "Dashboard",
            # A fixed name: the pipeline's approval links to it (console URL) without a cross-account reference.
            dashboard_name=settings.dashboard_name,
            widgets=[widgets[i : i + 3] for i in range(0, len(widgets), 3)],
        )

    def _alarm(
        self,
        kind: str,
        construct_id: str,
        metric: cw.IMetric,
        *,
        threshold: float,
        description: str,
        periods: int = 1,
        comparison: cw.ComparisonOperator = cw.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    ) -> None:
        alarm = cw.Alarm(
            self,
            construct_id,
            metric=metric,
            threshold=threshold,
            evaluation_periods=periods,
            comparison_operator=comparison,
            treat_missing_data=cw.TreatMissingData.NOT_BREACHING,
            alarm_description=description,
        )
        alarm.add_alarm_action(self._action)
        self.alarms.append(alarm)
        self.alarms_by_kind.setdefault(kind, []).append(alarm)
