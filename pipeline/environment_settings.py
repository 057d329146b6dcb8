"""Maps one configured environment onto what the backend constructs need."""

from __future__ import annotations

from backend.infra.settings import BackendSettings, ClientSettings, SesEmail
from backend.naming import (
    dashboard_name,
    deployed_reader_role_name,
    gate_alarm_name,
    gate_check_role_name,
    gate_reader_role_name,
    integration_test_runner_role_name,
    pre_deploy_role_name,
)
from config import AppConfig, EnvironmentConfig


def needs_test_role(env: EnvironmentConfig) -> bool:
    """Every tested environment gets a role for its post-deploy tests: AppSync authorizes IAM callers of its own
    account only, so even production's smoke test (IAM-signed `health`) needs a role in the target account."""
    return env.integration_tests != "none"


def allows_test_users(env: EnvironmentConfig) -> bool:
    """Only non-protected environments let the pipeline create test users (never next to production data)."""
    return not env.protect_data


def has_pre_deploy_checks(env: EnvironmentConfig) -> bool:
    """Protected environments get the `PreDeploy-<env>` step (the replacement guard) before each deployment."""
    return env.protect_data


def backend_settings(config: AppConfig, env: EnvironmentConfig, *, in_pipeline: bool = True) -> BackendSettings:
    test_role = in_pipeline and needs_test_role(env)
    gated = in_pipeline and env.gated
    pre_deploy = in_pipeline and has_pre_deploy_checks(env)
    return BackendSettings(
        env_name=env.name,
        protect_data=env.protect_data,
        alarm_email=env.alarm_email,
        cors_origins=tuple(env.cors_origins),
        push_enabled=config.features.push_notifications,
        apns_secret_arn=env.push.apns_secret_arn,
        apns_sandbox=env.push.apns_sandbox,
        fcm_secret_arn=env.push.fcm_secret_arn,
        analytics_enabled=config.features.analytics,
        threat_protection=config.features.threat_protection,
        create_test_role=test_role,
        test_users_allowed=test_role and allows_test_users(env),
        test_runner_principal_arn=(
            f"arn:aws:iam::{config.pipeline.account}:role/"
            f"{integration_test_runner_role_name(config.app_name, env.name)}"
            if test_role
            else None
        ),
        tags={"app": config.app_name, "environment": env.name},
        dashboard_name=dashboard_name(config.app_name, env.name),
        gating_alarm_kinds=env.gate_alarm_kinds if gated else (),
        gate_alarm_name=gate_alarm_name(config.app_name, env.name) if gated else None,
        gate_reader_role_name=gate_reader_role_name(config.app_name, env.name) if gated else None,
        gate_checker_principal_arn=gate_checker_arn(config, env) if gated else None,
        deployed_reader_role_name=deployed_reader_role_name(config.app_name, env.name) if pre_deploy else None,
        pre_deploy_principal_arn=pre_deploy_arn(config, env) if pre_deploy else None,
        canary_every_minutes=env.canary.every_minutes if in_pipeline and env.canary_enabled else None,
        ses_email=SesEmail(**env.email.model_dump()) if env.email else None,
        appsync_verbose_logs=env.appsync_verbose_logs,
        clients=client_settings(config, env.name),
    )


def client_settings(config: AppConfig, env_name: str) -> ClientSettings:
    """What `appConfig` answers in the stage `env_name`: the file's `clients:` defaults with that environment's
    values in their place (a personal stage, which is no environment of the file, gets the defaults)."""
    resolved = config.clients_for(env_name)
    return ClientSettings(
        minimum_versions={str(platform): version for platform, version in resolved.minimum_versions.items()},
        switches=dict(resolved.switches),
    )


def gate_checker_arn(config: AppConfig, env: EnvironmentConfig) -> str:
    """The pipeline's gate check role for `env` (pipeline/gate_steps.py), by its physical name."""
    return f"arn:aws:iam::{config.pipeline.account}:role/{gate_check_role_name(config.app_name, env.name)}"


def pre_deploy_arn(config: AppConfig, env: EnvironmentConfig) -> str:
    """The pipeline's `PreDeploy-<env>` step role (pipeline/predeploy_steps.py), by its physical name."""
    return f"arn:aws:iam::{config.pipeline.account}:role/{pre_deploy_role_name(config.app_name, env.name)}"
