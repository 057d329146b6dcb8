"""The pipeline account's view of each gated environment's health: a mirror of its gate alarm.

Each environment's stack forwards its composite gate alarm's state changes to this account's event bus
(backend/infra/rollout_gate.py). Here a rule per environment writes those events to a log group, two metric
filters turn them into a metric (1 in ALARM, 0 otherwise), and an alarm of the same name as the environment's
gate watches that metric. CodePipeline's CloudWatchAlarm rules and the bake step then read an alarm in the
pipeline's own account and region, which is what the rule reference documents
(https://docs.aws.amazon.com/codepipeline/latest/userguide/rule-reference-CloudWatchAlarm.html).

Why logs and metric filters, not a function: no code to run or patch. EventBridge delivers to CloudWatch Logs
when the log group's resource policy allows events.amazonaws.com
(https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-cloudwatchlogs-permissions);
metric filters on JSON events: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html.
The mirror alarm keeps its last state between events (TreatMissingData: ignore), starts as INSUFFICIENT_DATA
(which no rule treats as ALARM), and lags the real alarm by the event delivery plus one evaluation minute.
"""

from __future__ import annotations

import aws_cdk as cdk
import jsii
from aws_cdk import aws_cloudwatch as cw
from aws_cdk import aws_events as events
from aws_cdk import aws_iam as iam
from aws_cdk import aws_logs as logs
from aws_cdk.interfaces.aws_events import IRuleRef
from constructs import Construct

from backend.infra.rollout_gate import ALARM_STATE_CHANGE
from backend.naming import gate_alarm_name, pascal_case, rollout_bus_name
from config import AppConfig, EnvironmentConfig

METRIC_NAMESPACE = "MobileBackend/Rollout"


@jsii.implements(events.IRuleTarget)
class _LogGroupTarget:
    """A log group as a rule target; the resource policy is one `logs.ResourcePolicy` for all of them (CDK's own
    target would add a custom-resource Lambda per stack to write that policy)."""

    def __init__(self, log_group: logs.ILogGroup) -> None:
        self._arn = log_group.log_group_arn

    def bind(self, rule: IRuleRef, id: str | None = None) -> events.RuleTargetConfig:  # noqa: A002 (jsii name)
        return events.RuleTargetConfig(arn=self._arn)


class RolloutSignals(Construct):
    def __init__(
        self, scope: Construct, construct_id: str, *, config: AppConfig, retention: logs.RetentionDays
    ) -> None:
        super().__init__(scope, construct_id)
        gated = [env for env in config.environments if env.gated]
        self.mirrors: dict[str, cw.Alarm] = {}
        self.bus = events.EventBus(self, "Bus", event_bus_name=rollout_bus_name(config.app_name))
        accounts = sorted({env.account for env in gated})
        if accounts:
            # L1 with a `statement`: the L2's add_to_resource_policy goes through CfnEventBusPolicy's deprecated
            # `principal` property.
            events.CfnEventBusPolicy(
                self,
                "EnvironmentsMayPut",
                event_bus_name=self.bus.event_bus_name,
                statement_id="GateAlarmsOfTheEnvironments",
                statement={
                    "Effect": "Allow",
                    "Principal": {"AWS": [f"arn:aws:iam::{account}:root" for account in accounts]},
                    "Action": "events:PutEvents",
                    "Resource": self.bus.event_bus_arn,
                },
            )
        log_groups = [self._mirror(config, env, retention) for env in gated]
        if log_groups:
            logs.ResourcePolicy(
                self,
                "EventsMayWrite",
                policy_statements=[
                    iam.PolicyStatement(
                        actions=["logs:CreateLogStream", "logs:PutLogEvents"],
                        principals=[iam.ServicePrincipal("events.amazonaws.com")],
                        resources=[f"{group.log_group_arn}" for group in log_groups],
                    )
                ],
            )

    def _mirror(self, config: AppConfig, env: EnvironmentConfig, retention: logs.RetentionDays) -> logs.LogGroup:
        name = gate_alarm_name(config.app_name, env.name)
        suffix = pascal_case(env.name)
        log_group = logs.LogGroup(
            self,
            f"Events{suffix}",
            log_group_name=f"/aws/events/{name}",
            retention=retention,
        )
        rule = events.Rule(
            self,
            f"Gate{suffix}",
            event_bus=self.bus,
            description=f"State changes of {env.name}'s gate alarm.",
            event_pattern=events.EventPattern(
                source=["aws.cloudwatch"],
                detail_type=[ALARM_STATE_CHANGE],
                account=[env.account],
                region=[env.region],
                detail={"alarmName": [name]},
            ),
        )
        rule.add_target(_LogGroupTarget(log_group))
        metric_name = f"{suffix}GateInAlarm"
        for state_id, pattern, value in (
            ("InAlarm", '{ $.detail.state.value = "ALARM" }', "1"),
            ("NotInAlarm", '{ $.detail.state.value != "ALARM" }', "0"),
        ):
            logs.MetricFilter(
                self,
                f"{suffix}{state_id}",
                log_group=log_group,
                filter_pattern=logs.FilterPattern.literal(pattern),
                metric_namespace=METRIC_NAMESPACE,
                metric_name=metric_name,
                metric_value=value,
            )
        self.mirrors[env.name] = cw.Alarm(
            self,
            f"Mirror{suffix}",
            alarm_name=name,
            alarm_description=f"Mirror of {env.name}'s gate alarm ({env.account}, {env.region}) for the pipeline's "
            "stage conditions and bake.",
            metric=cw.Metric(
                namespace=METRIC_NAMESPACE, metric_name=metric_name, statistic="Maximum", period=cdk.Duration.minutes(1)
            ),
            threshold=1,
            evaluation_periods=1,
            comparison_operator=cw.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            treat_missing_data=cw.TreatMissingData.IGNORE,
        )
        return log_group
