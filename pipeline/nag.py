"""cdk-nag (AwsSolutions) acknowledgements for the pipeline stack: findings on resources CDK Pipelines generates.

cdk-nag 3 needs one acknowledgement per finding id; ids embedding logical ids or physical names are computed
from the constructs, so they follow renames and cannot silently cover anything else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import aws_cdk as cdk
from aws_cdk import aws_codebuild as codebuild
from aws_cdk import aws_s3 as s3

from backend.infra.nag import BASIC_EXECUTION, S3_WILDCARD_ACTIONS, acknowledge, logical_id

if TYPE_CHECKING:
    from .pipeline_stack import PipelineStack

ARTIFACT_KMS_ACTIONS = ["AwsSolutions-IAM5[Action::kms:GenerateDataKey*]", "AwsSolutions-IAM5[Action::kms:ReEncrypt*]"]


def acknowledge_pipeline_findings(stack: PipelineStack) -> None:
    pipeline = stack.pipeline
    artifacts = pipeline.pipeline.artifact_bucket
    acknowledge(
        pipeline,
        "CDK Pipelines grants its roles read/write on the pipeline's own artifact bucket and its KMS key (bucket/* and "
        "s3:GetObject*-style action groups); nothing outside the pipeline's artifacts.",
        *S3_WILDCARD_ACTIONS,
        *ARTIFACT_KMS_ACTIONS,
        f"AwsSolutions-IAM5[Resource::<{logical_id(artifacts)}.Arn>/*]",
    )
    acknowledge(
        pipeline,
        "CDK Pipelines roles: the pipeline role assumes per-action roles, self-mutation and asset publishing "
        "assume the cdk bootstrap roles of the target accounts (names unknown at synth), the security check reads "
        "any stage's stack; CDK generates these statements.",
        "AwsSolutions-IAM5[Resource::*]",
        f"AwsSolutions-IAM5[Resource::arn:*:iam::{stack.account}:role/*]",
    )
    acknowledge(
        pipeline,
        "The artifact key belongs to CodePipeline's cross-account setup; rotation would break in-flight "
        "artifacts of running executions.",
        "AwsSolutions-KMS5",
    )
    acknowledge(
        pipeline,
        "Pipeline artifact bucket: short-lived build artifacts, access is audited through CloudTrail.",
        "AwsSolutions-S1",
    )
    acknowledge(pipeline, "The CDK Pipelines auto-approve function only logs to its own log group.", BASIC_EXECUTION)
    acknowledge(
        pipeline,
        "A stack's ARN ends in an id CloudFormation assigns at creation; the self-mutation's hold reads only the "
        "pipeline stack's own template (cloudformation:GetTemplate).",
        f"AwsSolutions-IAM5[Resource::arn:aws:cloudformation:{stack.region}:{stack.account}:stack/{stack.stack_name}/*]",
    )
    _acknowledge_codebuild_logs(stack)
    _acknowledge_cross_region_support(stack)


def _acknowledge_codebuild_logs(stack: PipelineStack) -> None:
    prefix = f"arn:aws:logs:{stack.region}:{stack.account}:log-group:/aws/codebuild"
    reports = f"arn:aws:codebuild:{stack.region}:{stack.account}:report-group"
    reason = "CodeBuild writes this project's own log streams and test reports (CDK-generated, project-scoped)."
    for node in stack.node.find_all():
        if isinstance(node, codebuild.CfnProject):
            project = logical_id(node)
            acknowledge(
                stack,
                reason,
                f"AwsSolutions-IAM5[Resource::{prefix}/<{project}>:*]",
                f"AwsSolutions-IAM5[Resource::{reports}/<{project}>-*]",
            )
        if isinstance(node, cdk.aws_lambda.CfnFunction) and "AutoApprove" in node.node.path:
            acknowledge(
                stack,
                "The security check approves only its own auto-approve function's versions.",
                f"AwsSolutions-IAM5[Resource::<{logical_id(node)}.Arn>:*]",
            )
    acknowledge(
        stack,
        "The shared asset-publishing role serves one CodeBuild project per asset type whose names CDK creates later.",
        f"AwsSolutions-IAM5[Resource::{prefix}/*]",
        f"AwsSolutions-IAM5[Resource::{reports}/*]",
    )


def _acknowledge_cross_region_support(stack: PipelineStack) -> None:
    """CodePipeline's replication stacks for stages in other regions (created by build_pipeline)."""
    for child in stack.node.root.node.children:
        if not (isinstance(child, cdk.Stack) and child.node.id.startswith("cross-region-stack-")):
            continue
        acknowledge(
            child,
            "Replication bucket key of CodePipeline's cross-region support; rotation would break in-flight artifacts.",
            "AwsSolutions-KMS5",
        )
        acknowledge(
            child,
            "Cross-region artifact replica bucket: short-lived build artifacts, audited through CloudTrail.",
            "AwsSolutions-S1",
        )
        for node in child.node.find_all():
            if isinstance(node, s3.Bucket):  # generated physical name: resolve it as the pipeline stack sees it
                acknowledge(
                    stack.pipeline,
                    "The pipeline role copies artifacts into the cross-region replica bucket only.",
                    f"AwsSolutions-IAM5[Resource::arn:aws:s3:::{stack.resolve(node.bucket_name)}/*]",
                )
