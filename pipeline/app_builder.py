"""Builds the CDK app: the pipeline stack, and a personal stage when `-c personal=<name>` is given.

`-c personal=<name> -c personal_only=true` builds that personal stage alone, without the pipeline: the sandbox
needs one stage's template, and the pipeline with its two stages is most of the synth time.
"""

from __future__ import annotations

import os

import aws_cdk as cdk
from cdk_nag import AwsSolutionsChecks

from backend.naming import personal_stage_id, pipeline_stack_id
from config import AppConfig, ConfigError, EnvironmentConfig, check_name
from stages import MobileBackendStage

from .environment_settings import backend_settings
from .pipeline_stack import PipelineStack


def enable_nag(app: cdk.App) -> None:
    """cdk-nag as a Validations plugin (Aspects crash in cdk-nag 3): checks the pipeline and every nested stage."""
    cdk.Validations.of(app).add_plugins(AwsSolutionsChecks(app))


PERSONAL_ONLY = "personal_only"


def _is_set(value: object) -> bool:
    """Context from CDK_CONTEXT_JSON keeps JSON booleans; `-c key=true` on the CLI passes the string."""
    return value is True or (isinstance(value, str) and value.lower() == "true")


def build_app(app: cdk.App, config: AppConfig) -> PipelineStack | None:
    """The pipeline stack (None when only a personal stage is asked for), plus the personal stage if named."""
    enable_nag(app)
    personal = app.node.try_get_context("personal")
    if _is_set(app.node.try_get_context(PERSONAL_ONLY)):
        if not personal:
            raise ConfigError(f"-c {PERSONAL_ONLY}=true needs -c personal=<name>")
        build_personal_stage(app, config, str(personal))
        return None
    pipeline = PipelineStack(
        app,
        pipeline_stack_id(config.app_name),
        config=config,
        env=cdk.Environment(account=config.pipeline.account, region=config.pipeline.region),
    )
    if personal:
        build_personal_stage(app, config, str(personal))
    return pipeline


def build_personal_stage(app: cdk.App, config: AppConfig, name: str) -> MobileBackendStage:
    """A removable developer copy in the CLI's account/region, outside the pipeline (no approvals, no test role)."""
    try:
        check_name(name)
    except ValueError as error:
        raise ConfigError(f"-c personal={name!r}: {error}") from None
    env = EnvironmentConfig(name=name, account="000000000000", region="us-east-1", alarm_email=None)
    settings = backend_settings(config, env, in_pipeline=False)
    return MobileBackendStage(
        app,
        personal_stage_id(name),
        settings=settings,
        # Environment-agnostic unless the CLI supplies an account/region (no STS call here).
        env=cdk.Environment(account=os.environ.get("CDK_DEFAULT_ACCOUNT"), region=os.environ.get("CDK_DEFAULT_REGION")),
    )
