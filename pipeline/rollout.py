"""Safe rollout of gated environments: where the gate checks run, and the stage's automatic rollback.

For each group of gated environments (one environment, or a wave):
- a stage `Gate-<target>` of its own runs `GateCheck-<env>` for each gated member just before the deployment
  stage (after its approval, if any): a release does not enter an environment that is in ALARM or whose health
  the pipeline cannot see (pipeline/gate);
- the deployment stage runs `Bake-<env>` after each member's tests;
- its OnFailure condition (ROLLBACK) returns the stage to its last successful execution when the deploy, a
  test or a bake fails (CloudFormation's StageDeclaration `OnFailure`:
  https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-codepipeline-pipeline-stagedeclaration.html).

Why steps and not CodePipeline's CloudWatchAlarm rules: those read an alarm in the pipeline's own account
(https://docs.aws.amazon.com/codepipeline/latest/userguide/rule-reference-CloudWatchAlarm.html), so another
account's alarm had to be copied over by events, log metric filters and a mirror alarm, none of which can be
exercised offline, and a broken copy looked healthy. The steps read the environment's alarm where it lives and
are ordinary CodeBuild actions that the tests and the pipeline dry run execute. The entry check sits in the
stage before rather than in a BeforeEntry rule so that a rollback execution, which re-runs only the gated stage,
is never held by the alarm of the release it is rolling back.

CDK Pipelines has no API for stage conditions (aws-cdk #30083), so OnFailure is set here on the L1 pipeline
after `build_pipeline()`.
"""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
from aws_cdk import pipelines

from backend.naming import stage_id
from config import EnvironmentConfig


def stage_name(group: list[EnvironmentConfig]) -> str:
    """The CodePipeline stage CDK Pipelines makes for a group: the wave's id, or the environment's stage id."""
    return group[0].wave or stage_id(group[0].name)


def target_name(group: list[EnvironmentConfig]) -> str:
    """What the group's approval and gate stages are named after: the wave, or the one environment."""
    return group[0].wave or group[0].name


def gate_stage_name(group: list[EnvironmentConfig]) -> str:
    return f"Gate-{target_name(group)}"


def stage_conditions(group: list[EnvironmentConfig]) -> dict[str, Any]:
    """The condition properties of one deployment stage: OnFailure ROLLBACK where the group rolls back."""
    gated = [env for env in group if env.gated]
    if gated and gated[0].rolls_back_on_alarm:  # the config makes a wave agree on it
        return {"OnFailure": {"Result": "ROLLBACK"}}
    return {}


def apply_stage_conditions(
    pipeline: pipelines.CodePipeline, groups: list[list[EnvironmentConfig]]
) -> dict[str, dict[str, Any]]:
    """Set the conditions on the built pipeline; returns them by stage name (for the tests and the docs)."""
    built = pipeline.pipeline
    names = [stage.stage_name for stage in built.stages]
    cfn = built.node.default_child
    assert isinstance(cfn, cdk.aws_codepipeline.CfnPipeline)
    applied: dict[str, dict[str, Any]] = {}
    for group in groups:
        conditions = stage_conditions(group)
        if not conditions:
            continue
        index = names.index(stage_name(group))
        for key, value in conditions.items():
            cfn.add_property_override(f"Stages.{index}.{key}", value)
        applied[stage_name(group)] = conditions
    return applied
