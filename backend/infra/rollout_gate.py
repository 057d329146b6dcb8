"""The alarm that gates this environment's rollout, and how the pipeline account hears about it.

CodePipeline's stage-condition rules run in the pipeline's account and read alarms by name there
(https://docs.aws.amazon.com/codepipeline/latest/userguide/rule-reference-CloudWatchAlarm.html), while this
stage's alarms live in its own account and region. A composite alarm cannot reference another account's alarms
(https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Create_Composite_Alarm.html), so this construct
makes one composite alarm here over the gating alarms and forwards its state changes to the pipeline account's
event bus (cross-account and cross-Region event bus targets:
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-account.html,
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-region.html), where the pipeline keeps a
mirror alarm (pipeline/rollout_signals.py).
"""

from __future__ import annotations

from aws_cdk import aws_cloudwatch as cw
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from constructs import Construct

ALARM_STATE_CHANGE = "CloudWatch Alarm State Change"  # EventBridge detail-type of CloudWatch alarm events


class RolloutGate(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        alarm_name: str,
        alarms: list[cw.IAlarm],
        event_bus_arn: str | None,
    ) -> None:
        super().__init__(scope, construct_id)
        if not alarms:
            raise ValueError("a rollout gate needs at least one alarm")
        self.alarm = cw.CompositeAlarm(
            self,
            "Gate",
            composite_alarm_name=alarm_name,
            alarm_rule=cw.AlarmRule.any_of(*alarms),
            alarm_description="Users are hurting: any gating alarm of this stage. The pipeline holds or rolls back "
            "a rollout while it is in ALARM (its member alarms send the emails).",
        )
        if event_bus_arn:
            forward = events.Rule(
                self,
                "ToPipeline",
                description="Send the gate alarm's state changes to the pipeline account.",
                event_pattern=events.EventPattern(
                    source=["aws.cloudwatch"], detail_type=[ALARM_STATE_CHANGE], resources=[self.alarm.alarm_arn]
                ),
            )
            forward.add_target(targets.EventBus(events.EventBus.from_event_bus_arn(self, "PipelineBus", event_bus_arn)))
