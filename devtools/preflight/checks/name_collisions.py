"""Physical names that two stacks of the assembly would both claim in one namespace.

A name given in a template (a role's `RoleName`, an alarm's `AlarmName`...) must be unique where AWS keeps it:
IAM names per account, most others per account and Region, S3 bucket names across all of AWS. Two stacks of
this assembly that deploy into the same account (an environment in the pipeline's own account and Region, two
environments sharing an account) and give a resource the same name: the second deploy fails, or worse, one
stack's resource is taken for the other's. Literal names only: a name CloudFormation generates, or one built
from a deploy-time value, cannot be compared offline. Metric and composite alarms share one namespace
(https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutCompositeAlarm.html: "The alarm name
must be unique within your account and Region"). Dashboards are treated as one namespace per account (the
stricter reading: CloudWatch shows them across Regions).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.cloudformation.assembly import Stack

from ..report import Finding, Results

SOURCE = "AWS resource names are unique per account (IAM), per account and Region, or across AWS (S3)"

# resource type → (name property, scope, namespace shared with other types)
NAMED: dict[str, tuple[str, str, str]] = {
    "AWS::IAM::Role": ("RoleName", "account", "iam-role"),
    "AWS::IAM::ManagedPolicy": ("ManagedPolicyName", "account", "iam-policy"),
    "AWS::IAM::User": ("UserName", "account", "iam-user"),
    "AWS::CloudWatch::Alarm": ("AlarmName", "region", "alarm"),
    "AWS::CloudWatch::CompositeAlarm": ("AlarmName", "region", "alarm"),
    "AWS::CloudWatch::Dashboard": ("DashboardName", "account", "dashboard"),
    "AWS::CodePipeline::Pipeline": ("Name", "region", "pipeline"),
    "AWS::CodeBuild::Project": ("Name", "region", "codebuild-project"),
    "AWS::DynamoDB::Table": ("TableName", "region", "table"),
    "AWS::Events::EventBus": ("Name", "region", "event-bus"),
    "AWS::Lambda::Function": ("FunctionName", "region", "function"),
    "AWS::Logs::LogGroup": ("LogGroupName", "region", "log-group"),
    "AWS::SNS::Topic": ("TopicName", "region", "topic"),
    "AWS::SQS::Queue": ("QueueName", "region", "queue"),
    "AWS::SecretsManager::Secret": ("Name", "region", "secret"),
    "AWS::S3::Bucket": ("BucketName", "global", "bucket"),
    "AWS::Chatbot::SlackChannelConfiguration": ("ConfigurationName", "account", "chatbot"),
}


@dataclass(frozen=True)
class _Claim:
    template: str
    logical_id: str
    path: str


def check_all(stacks: Sequence[Stack], results: Results) -> None:
    claims: dict[tuple[str, ...], list[_Claim]] = {}
    for stack in stacks:
        for logical_id, resource in stack.resources.items():
            if not isinstance(resource, dict) or resource.get("Type") not in NAMED:
                continue
            prop, scope, namespace = NAMED[resource["Type"]]
            name = (resource.get("Properties") or {}).get(prop)
            if not isinstance(name, str):
                continue  # generated, or known only at deploy time
            results.values_checked += 1
            where = {
                "global": (),
                "account": (stack.account or "?",),
                "region": (stack.account or "?", stack.region or "?"),
            }
            key = (namespace, *where[scope], name)
            claims.setdefault(key, []).append(_Claim(stack.template_path, logical_id, f"Properties.{prop}"))
    for key, claimed in claims.items():
        if len(claimed) < 2:
            continue
        first, *others = claimed
        place = "/".join(key[1:-1]) or "all of AWS"
        for other in others:
            results.findings.append(
                Finding(
                    other.template,
                    other.logical_id,
                    other.path,
                    repr(key[-1]),
                    f"is also the name of {first.template}: {first.logical_id} in {place}",
                    SOURCE,
                )
            )
