"""What the backend constructs need to know about one environment (decoupled from the config file format)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

import aws_cdk as cdk
from aws_cdk import aws_logs as logs

# CloudWatch Logs accepts only these retention periods; CDK names them (in TypeScript the member's value is the
# day count, which jsii does not carry over to Python, hence the table).
_RETENTION_BY_DAYS = {
    1: "ONE_DAY",
    3: "THREE_DAYS",
    5: "FIVE_DAYS",
    7: "ONE_WEEK",
    14: "TWO_WEEKS",
    30: "ONE_MONTH",
    60: "TWO_MONTHS",
    90: "THREE_MONTHS",
    120: "FOUR_MONTHS",
    150: "FIVE_MONTHS",
    180: "SIX_MONTHS",
    365: "ONE_YEAR",
    400: "THIRTEEN_MONTHS",
    545: "EIGHTEEN_MONTHS",
    731: "TWO_YEARS",
    1096: "THREE_YEARS",
    1827: "FIVE_YEARS",
    2192: "SIX_YEARS",
    2557: "SEVEN_YEARS",
    2922: "EIGHT_YEARS",
    3288: "NINE_YEARS",
    3653: "TEN_YEARS",
}


@dataclass(frozen=True)
class SesEmail:
    """The user pool sends through this SES identity (a verified domain or address of the stack's account) instead
    of Cognito's built-in sender; config/email_sending.py (EmailSending) has checked it against the environment."""

    ses_identity_arn: str
    from_address: str
    reply_to: str | None = None

    @property
    def region(self) -> str:
        return self.ses_identity_arn.split(":")[3]

    @property
    def verified_domain(self) -> str | None:
        identity = self.ses_identity_arn.split(":identity/", 1)[1]
        return None if "@" in identity else identity


@dataclass(frozen=True)
class ClientSettings:
    """What the `appConfig` query answers in this environment: per platform (`ios`, `android`, `web`) the lowest
    supported app version, and every remote switch with its value (config/clients_block.py ClientsConfig, the defaults
    with the environment's values in their place; the config's limits keep it small)."""

    minimum_versions: Mapping[str, str] = field(default_factory=dict)
    switches: Mapping[str, bool] = field(default_factory=dict)

    def to_json(self) -> str:
        """The GraphQL function's CLIENT_CONFIG variable (backend/runtime/settings.py reads it): compact JSON."""
        document = {"minimum_versions": dict(self.minimum_versions), "switches": dict(self.switches)}
        return json.dumps(document, separators=(",", ":"), sort_keys=True)


@dataclass(frozen=True)
class BackendSettings:
    env_name: str
    protect_data: bool
    alarm_email: str | None = None
    cors_origins: tuple[str, ...] = ()
    push_enabled: bool = True
    apns_secret_arn: str | None = None
    apns_sandbox: bool = False
    fcm_secret_arn: str | None = None
    analytics_enabled: bool = True
    threat_protection: str = "audit"  # off | audit | enforced
    create_test_role: bool = False  # a role the pipeline's post-deploy tests assume in this account
    test_users_allowed: bool = False  # may that role create/delete test users? (never with production data)
    test_runner_principal_arn: str | None = None  # the pipeline's test step role allowed to assume it
    app_version: str = "0.0.0"
    tags: dict[str, str] = field(default_factory=dict)
    dashboard_name: str | None = None  # None: CloudFormation generates one
    # Rollout gate: a composite alarm over these alarm kinds, readable by the pipeline's gate checks through a
    # reader role that trusts exactly this principal (backend/infra/rollout_gate.py).
    gating_alarm_kinds: tuple[str, ...] = ()
    gate_alarm_name: str | None = None
    gate_reader_role_name: str | None = None
    gate_checker_principal_arn: str | None = None
    # The pipeline's pre-deploy step of a protected environment reads this stack's deployed template through a
    # role here (CloudFormation GetTemplate on this stack only) that trusts exactly this principal
    # (backend/infra/rollout_gate.py, DeployedReader).
    deployed_reader_role_name: str | None = None
    pre_deploy_principal_arn: str | None = None
    # The synthetic journey (backend/infra/canary.py): None = no canary.
    canary_every_minutes: int | None = None
    # The user pool's sender: None = Cognito's built-in one (daily cap; preflight refuses it for protected data).
    ses_email: SesEmail | None = None
    # AppSync's verbose log content (request headers with the caller's token, resolver payloads): never protected.
    appsync_verbose_logs: bool = False
    # Forced update and remote switches: what the `appConfig` query answers (pipeline/environment_settings.py).
    clients: ClientSettings = field(default_factory=lambda: ClientSettings())

    @property
    def removal_policy(self) -> cdk.RemovalPolicy:
        return cdk.RemovalPolicy.RETAIN if self.protect_data else cdk.RemovalPolicy.DESTROY

    @property
    def log_retention_days(self) -> int:
        return 365 if self.protect_data else 14

    @property
    def log_retention(self) -> logs.RetentionDays:
        """`log_retention_days` as CloudWatch Logs takes it (log groups of the functions and the API)."""
        return logs.RetentionDays[_RETENTION_BY_DAYS[self.log_retention_days]]
