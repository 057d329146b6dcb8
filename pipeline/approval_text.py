"""What a manual approval shows: the commit, where the earlier tests are, any gate override or allowed
replacement, and a link to this execution."""

from __future__ import annotations

from aws_cdk import pipelines

from backend.naming import pipeline_name
from config import AppConfig, EnvironmentConfig

from .environment_settings import has_pre_deploy_checks


def approval_comment(config: AppConfig, source: pipelines.CodePipelineSource, group: list[EnvironmentConfig]) -> str:
    """What is being approved: the commit (source variables) and where the earlier environment's tests are."""
    names = ", ".join(env.name for env in group)
    commit = source.source_attribute("CommitId")
    message = source.source_attribute("CommitMessage")
    earlier = [e for e in config.environments[: config.environments.index(group[0])] if e.integration_tests != "none"]
    tests = (
        f" Tests of {earlier[-1].name}: IntegrationTests-{earlier[-1].name} in this execution (link)."
        if earlier
        else ""
    )
    overrides = "".join(
        f" GATE OVERRIDE for {env.name}: {env.gate_override.mode} until {env.gate_override.expires.isoformat()} "
        f"({env.gate_override.reason})."
        for env in group
        if env.gate_override is not None
    )
    # The replacement guard lets these through (pipeline/predeploy): whoever approves sees each of them.
    replacements = "".join(
        f" REPLACEMENT ALLOWED in {env.name}: {allowed.resource} ({allowed.reason})."
        for env in group
        if has_pre_deploy_checks(env)
        for allowed in env.allow_replacements
    )
    return f"Deploy {commit} to {names}? {message}.{tests}{overrides}{replacements}"


def execution_url(config: AppConfig) -> str:
    """This execution in the console (CodePipeline's own variable): its earlier actions, reports and logs."""
    region = config.pipeline.region
    return (
        f"https://{region}.console.aws.amazon.com/codesuite/codepipeline/pipelines/{pipeline_name(config.app_name)}"
        f"/executions/#{{codepipeline.PipelineExecutionId}}/timeline?region={region}"
    )
