"""Safe rollout of gated environments: CodePipeline V2 stage conditions and a bake step (docs/deploying.md).

For each CodePipeline stage holding gated environments (a stage per environment, or one per wave):
- BeforeEntry (FAIL): the stage does not start while a gate mirror alarm is in ALARM;
- OnSuccess (ROLLBACK): after deploy, tests and bake, the stage rolls back if a gate alarm is in ALARM,
  waiting up to the bake time for it to recover first (`WaitTime`, minutes);
- OnFailure (ROLLBACK): a failed deploy, test or bake returns the stage to its last successful execution.
The shapes are CloudFormation's StageDeclaration `BeforeEntry`/`OnSuccess`/`OnFailure`
(https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-codepipeline-pipeline-stagedeclaration.html)
and the CloudWatchAlarm rule
(https://docs.aws.amazon.com/codepipeline/latest/userguide/rule-reference-CloudWatchAlarm.html).
CDK Pipelines creates the stages and has no API for conditions (aws-cdk #30083), so they are set here, in one
place, on the L1 pipeline after `build_pipeline()`.

The bake itself is a CodeBuild step after the tests (`pipeline/scripts/bake.sh`): AWS's documentation leaves
open whether an OnSuccess alarm rule keeps watching when the alarm starts in OK, so the step watches for
`bake_minutes` and fails the stage, which OnFailure then rolls back.
"""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_codebuild as codebuild
from aws_cdk import aws_iam as iam
from aws_cdk import pipelines

from backend.naming import stage_id
from config import EnvironmentConfig

from .build_environment import INSTALL_RUNTIMES

ALARM_RULE = {"Category": "Rule", "Owner": "AWS", "Provider": "CloudWatchAlarm", "Version": "1"}
BAKE_SCRIPT = "pipeline/scripts/bake.sh"


def stage_name(group: list[EnvironmentConfig]) -> str:
    """The CodePipeline stage CDK Pipelines makes for a group: the wave's id, or the environment's stage id."""
    return group[0].wave or stage_id(group[0].name)


def alarm_rule(name: str, alarm_name: str, *, wait_minutes: int | None = None) -> dict[str, Any]:
    configuration = {"AlarmName": alarm_name, "AlarmStates": "ALARM"}
    if wait_minutes:
        configuration["WaitTime"] = str(wait_minutes)  # minutes, as a string (rule configuration values are strings)
    return {"Name": name, "RuleTypeId": ALARM_RULE, "Configuration": configuration}


def stage_conditions(group: list[EnvironmentConfig], alarm_names: dict[str, str]) -> dict[str, Any]:
    """The `BeforeEntry`/`OnSuccess`/`OnFailure` properties for one gated CodePipeline stage."""
    gated = [env for env in group if env.gated]
    if not gated:
        return {}
    bake = max(env.bake for env in gated)
    rolls_back = gated[0].rolls_back_on_alarm  # the config makes a wave agree on it
    conditions: dict[str, Any] = {
        "BeforeEntry": {
            "Conditions": [
                {
                    "Result": "FAIL",
                    "Rules": [alarm_rule(f"{env.name}-healthy-before", alarm_names[env.name]) for env in gated],
                }
            ]
        },
        "OnSuccess": {
            "Conditions": [
                {
                    "Result": "ROLLBACK" if rolls_back else "FAIL",
                    "Rules": [
                        alarm_rule(f"{env.name}-healthy-after", alarm_names[env.name], wait_minutes=bake)
                        for env in gated
                    ],
                }
            ]
        },
    }
    if rolls_back:
        conditions["OnFailure"] = {"Result": "ROLLBACK"}
    return conditions


def apply_stage_conditions(
    pipeline: pipelines.CodePipeline, groups: list[list[EnvironmentConfig]], alarm_names: dict[str, str]
) -> dict[str, dict[str, Any]]:
    """Set the conditions on the built pipeline; returns them by stage name (for the tests and the docs)."""
    built = pipeline.pipeline
    names = [stage.stage_name for stage in built.stages]
    cfn = built.node.default_child
    assert isinstance(cfn, cdk.aws_codepipeline.CfnPipeline)
    applied: dict[str, dict[str, Any]] = {}
    for group in groups:
        conditions = stage_conditions(group, alarm_names)
        if not conditions:
            continue
        index = names.index(stage_name(group))
        for key, value in conditions.items():
            cfn.add_property_override(f"Stages.{index}.{key}", value)
        applied[stage_name(group)] = conditions
    return applied


def bake_step(
    env: EnvironmentConfig, *, source: pipelines.IFileSetProducer, alarm_name: str, role: iam.IRole
) -> pipelines.CodeBuildStep:
    return pipelines.CodeBuildStep(
        f"Bake-{env.name}",
        input=source,
        commands=[f'sh {BAKE_SCRIPT} "{alarm_name}" {env.bake}'],
        role=role,
        # The bake plus CodeBuild's provisioning; CodeBuild's default timeout (60 min) would cut long bakes short.
        timeout=cdk.Duration.minutes(env.bake + 15),
        build_environment=codebuild.BuildEnvironment(compute_type=codebuild.ComputeType.SMALL),
        partial_build_spec=codebuild.BuildSpec.from_object(INSTALL_RUNTIMES),  # no end-of-life image defaults
    )
