"""People told: a KMS-encrypted SNS topic in the pipeline account, mailed to `pipeline.notify_emails` (and an
optional Slack channel through AWS Chatbot), fed by CodeStar Notifications rules and one EventBridge rule.

- approval needed, execution failed, execution succeeded (the last stage is production, so a successful
  execution is production succeeded): CodeStar Notifications event types for pipelines
  (https://docs.aws.amazon.com/dtconsole/latest/userguide/concepts.html#events-ref-pipeline);
- a stage rolled back: CodeStar Notifications has no rollback event, but a rollback starts a pipeline execution
  whose trigger type is AutomatedRollback or ManualRollback (API ExecutionTrigger:
  https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_ExecutionTrigger.html), and EventBridge's
  "CodePipeline Pipeline Execution State Change" event carries it as `execution-trigger.trigger-type`
  (https://docs.aws.amazon.com/codepipeline/latest/userguide/detect-state-changes-cloudwatch-events.html).
A KMS-encrypted topic needs the publishing services in the key policy
(https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services).
"""

from __future__ import annotations

from aws_cdk import aws_chatbot as chatbot
from aws_cdk import aws_codepipeline as codepipeline
from aws_cdk import aws_codestarnotifications as notifications
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from constructs import Construct

from config import PipelineConfig

NOTIFICATION_EVENTS = {
    "ApprovalNeeded": ["codepipeline-pipeline-manual-approval-needed"],
    "ExecutionFailed": ["codepipeline-pipeline-pipeline-execution-failed"],
    "ProductionSucceeded": ["codepipeline-pipeline-pipeline-execution-succeeded"],
}
ROLLBACK_TRIGGERS = ["AutomatedRollback", "ManualRollback"]
PUBLISHERS = ("codestar-notifications.amazonaws.com", "events.amazonaws.com")


class PipelineNotifications(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, settings: PipelineConfig, pipeline_name: str) -> None:
        """The key, the topic and its subscribers; `watch` adds the rules once the pipeline is built (the gate
        steps need the topic before that, to announce overrides on it)."""
        super().__init__(scope, construct_id)
        self.key = kms.Key(self, "Key", enable_key_rotation=True, description="Pipeline notifications topic")
        for service in PUBLISHERS:
            self.key.grant(iam.ServicePrincipal(service), "kms:Decrypt", "kms:GenerateDataKey*")
        self.topic = sns.Topic(
            self, "Topic", display_name="Mobile backend pipeline", master_key=self.key, enforce_ssl=True
        )
        for email in settings.notify_emails:
            self.topic.add_subscription(subscriptions.EmailSubscription(email))
        rule_targets: list[notifications.INotificationRuleTarget] = [self.topic]
        self.slack: chatbot.SlackChannelConfiguration | None = None
        if settings.chat:
            self.slack = chatbot.SlackChannelConfiguration(
                self,
                "Slack",
                slack_channel_configuration_name=pipeline_name[:128],
                slack_workspace_id=settings.chat.slack_workspace_id,
                slack_channel_id=settings.chat.slack_channel_id,
                notification_topics=[self.topic],  # the rollback events reach the channel through the topic too
            )
            rule_targets.append(self.slack)
        self._rule_targets = rule_targets
        self.rules: dict[str, notifications.NotificationRule] = {}
        self.rollback_rule: events.Rule | None = None

    def watch(self, pipeline: codepipeline.IPipeline) -> None:
        rule_targets = self._rule_targets
        self.rules = {
            name: notifications.NotificationRule(
                self,
                name,
                source=pipeline,
                events=event_types,
                targets=rule_targets,
                detail_type=notifications.DetailType.FULL,
            )
            for name, event_types in NOTIFICATION_EVENTS.items()
        }
        self.rollback_rule = events.Rule(
            self,
            "StageRolledBack",
            description="A stage of the pipeline is being rolled back (automatically or by hand).",
            event_pattern=events.EventPattern(
                source=["aws.codepipeline"],
                detail_type=["CodePipeline Pipeline Execution State Change"],
                detail={
                    "pipeline": [pipeline.pipeline_name],
                    "state": ["STARTED"],
                    "execution-trigger": {"trigger-type": ROLLBACK_TRIGGERS},
                },
            ),
        )
        self.rollback_rule.add_target(
            targets.SnsTopic(
                self.topic,
                message=events.RuleTargetInput.from_text(
                    f"Pipeline {events.EventField.from_path('$.detail.pipeline')}: a stage is being rolled back "
                    f"(execution {events.EventField.from_path('$.detail.execution-id')}, "
                    f"{events.EventField.from_path('$.detail.execution-trigger.trigger-type')})."
                ),
            )
        )
