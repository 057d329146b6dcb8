"""The CodeBuild steps of a gated environment's rollout: `GateCheck-<env>` before it, `Bake-<env>` after its tests.

Both run `python -m pipeline.gate` (pipeline/gate) on the repository, with boto3 from requirements-integration.lock
installed as the post-deploy tests install it, and one role per environment, `<app>-<env>-gate-check`, which may:
- assume the environment's reader role `<app>-<env>-gate-reader` (which in turn may only describe the gate alarm
  and read metrics in the environment's own account and region: backend/infra/rollout_gate.py);
- read the pipeline's state (`codepipeline:GetPipelineState`), to tell a rollback execution from a release;
- publish to the pipeline's notification topic, to announce an override's use.
Everything the steps need is a static project variable (pipeline/gate/variables.py), known at synth time.
"""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_codebuild as codebuild
from aws_cdk import aws_iam as iam
from aws_cdk import aws_sns as sns
from aws_cdk import pipelines
from constructs import Construct

from backend.naming import gate_alarm_name, gate_check_role_name, gate_reader_role_name, pipeline_name
from config import AppConfig, EnvironmentConfig

from .build_cache import POST_DEPLOY_CACHE, dependency_cache
from .build_environment import INSTALL_RUNTIMES
from .gate import variables

INSTALL = "python3 -m pipeline.install_deps --venv .venv -r requirements-integration.lock"
ENTRY_TIMEOUT = cdk.Duration.minutes(15)
BAKE_MARGIN_MINUTES = 15  # CodeBuild's provisioning and the install on top of the bake itself


def reader_role_arn(config: AppConfig, env: EnvironmentConfig) -> str:
    return f"arn:aws:iam::{env.account}:role/{gate_reader_role_name(config.app_name, env.name)}"


def gate_variables(config: AppConfig, env: EnvironmentConfig, *, gated_stage: str, topic_arn: str) -> dict[str, str]:
    values = {
        variables.ENVIRONMENT: env.name,
        variables.ALARM: gate_alarm_name(config.app_name, env.name),
        variables.REGION: env.region,
        variables.READER_ROLE: reader_role_arn(config, env),
        variables.PIPELINE: pipeline_name(config.app_name),
        variables.STAGE: gated_stage,
        variables.TOPIC: topic_arn,
    }
    if env.canary_enabled:
        values[variables.CANARY_FRESHNESS] = str(env.canary_freshness_minutes)
    if env.gate_override is not None:
        values[variables.OVERRIDE_MODE] = env.gate_override.mode
        values[variables.OVERRIDE_REASON] = env.gate_override.reason
        values[variables.OVERRIDE_EXPIRES] = env.gate_override.expires.isoformat()
    return values


def gate_role(scope: Construct, config: AppConfig, env: EnvironmentConfig, *, topic: sns.ITopic) -> iam.Role:
    role = iam.Role(
        scope,
        f"GateCheckRole-{env.name}",
        role_name=gate_check_role_name(config.app_name, env.name),
        assumed_by=iam.ServicePrincipal("codebuild.amazonaws.com"),
        description=f"Gate check and bake of {env.name}: reads its gate alarm through its reader role.",
    )
    role.add_to_policy(
        iam.PolicyStatement(
            sid="AssumeTheReaderRoleOnly", actions=["sts:AssumeRole"], resources=[reader_role_arn(config, env)]
        )
    )
    pipeline_arn = cdk.Stack.of(scope).format_arn(service="codepipeline", resource=pipeline_name(config.app_name))
    role.add_to_policy(
        iam.PolicyStatement(
            sid="TellRollbacksFromReleases", actions=["codepipeline:GetPipelineState"], resources=[pipeline_arn]
        )
    )
    topic.grant_publish(role)
    return role


def _step(
    name: str,
    command: str,
    *,
    source: pipelines.IFileSetProducer,
    env_variables: dict[str, str],
    role: iam.IRole,
    timeout: cdk.Duration,
) -> pipelines.CodeBuildStep:
    return pipelines.CodeBuildStep(
        name,
        input=source,  # the repository: pipeline/gate, pipeline/install_deps.py, backend/naming.py, the lock
        commands=[INSTALL, command],
        env=env_variables,
        role=role,
        timeout=timeout,
        build_environment=codebuild.BuildEnvironment(compute_type=codebuild.ComputeType.SMALL),
        partial_build_spec=codebuild.BuildSpec.from_object({**INSTALL_RUNTIMES, **POST_DEPLOY_CACHE}),
        cache=dependency_cache(role),
    )


def gate_check_step(
    env: EnvironmentConfig, *, source: pipelines.IFileSetProducer, env_variables: dict[str, str], role: iam.IRole
) -> pipelines.CodeBuildStep:
    return _step(
        f"GateCheck-{env.name}",
        ".venv/bin/python -m pipeline.gate entry",
        source=source,
        env_variables=env_variables,
        role=role,
        timeout=ENTRY_TIMEOUT,
    )


def bake_step(
    env: EnvironmentConfig, *, source: pipelines.IFileSetProducer, env_variables: dict[str, str], role: iam.IRole
) -> pipelines.CodeBuildStep:
    return _step(
        f"Bake-{env.name}",
        ".venv/bin/python -m pipeline.gate bake",
        source=source,
        env_variables={**env_variables, variables.BAKE_MINUTES: str(env.bake)},
        role=role,
        # CodeBuild's default timeout (60 min) would cut long bakes short.
        timeout=cdk.Duration.minutes(env.bake + BAKE_MARGIN_MINUTES),
    )
