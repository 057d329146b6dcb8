"""Self-mutation waits while a gated stage runs: the CodeBuild options that put
pipeline/scripts/hold_self_mutation.py before CDK's `cdk deploy` of the pipeline stack."""

from __future__ import annotations

from pathlib import Path

import aws_cdk as cdk
from aws_cdk import aws_codebuild as codebuild
from aws_cdk import aws_iam as iam
from aws_cdk import pipelines

from backend.naming import pipeline_name
from config import AppConfig

from .rollout import stage_name

HOLD_SCRIPT = "pipeline/scripts/hold_self_mutation.py"
# A gated stage's longest run (deploy, tests, bake) beyond its bake: the self-mutation's hold waits this long.
HOLD_MARGIN_MINUTES = 60


def hold_self_mutation(stack: cdk.Stack, config: AppConfig) -> pipelines.CodeBuildOptions | None:
    """Self-mutation waits while a gated stage runs if it would change the definition (and so cancel that
    run): pipeline/scripts/hold_self_mutation.py, before CDK's `cdk deploy` of this stack."""
    groups = [g for g in config.deployment_groups() if any(env.gated for env in g)]
    if not groups:
        return None
    timeout = max(env.bake for g in groups for env in g) + HOLD_MARGIN_MINUTES + 15
    command = " ".join(
        [
            f"python3 {Path(HOLD_SCRIPT).name}",
            f"--stack {stack.stack_name}",
            f"--template {stack.template_file}",
            f"--pipeline {pipeline_name(config.app_name)}",
            *(f"--gated-stage {stage_name(g)}" for g in groups),
            f"--max-minutes {timeout - 10}",
        ]
    )
    return pipelines.CodeBuildOptions(
        partial_build_spec=codebuild.BuildSpec.from_object({"phases": {"pre_build": {"commands": [command]}}}),
        timeout=cdk.Duration.minutes(timeout),
        role_policy=[
            iam.PolicyStatement(
                sid="CompareTheDeployedPipelineTemplate",
                actions=["cloudformation:GetTemplate"],
                resources=[
                    stack.format_arn(service="cloudformation", resource="stack", resource_name=f"{stack.stack_name}/*")
                ],
            ),
            iam.PolicyStatement(
                sid="SeeWhetherGatedStagesRun",
                actions=["codepipeline:GetPipelineState"],
                resources=[stack.format_arn(service="codepipeline", resource=pipeline_name(config.app_name))],
            ),
        ],
    )
