"""The shape of config/environments.yaml (docs/deploying.md) as pydantic v2 models: the file, its pipeline and
its environments. Their parts live beside it: field_types.py (ids, names, ARNs), rollout_gate.py, email_sending.py
and clients_block.py.

Validators raise ValueError with a message that reads as an expectation ("expected ..., got ...");
config/loader.py turns it into one line naming the file and the key path.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from .clients_block import ClientsConfig, ClientsOverride
from .email_sending import EmailSending, ses_regions_for_user_pool
from .field_types import AccountId, Email, Name, Region, SecretArn, StrictModel, matching
from .rollout_gate import (
    CANARY_STALE_RUNS,
    DEFAULT_GATING_ALARMS,
    MAX_BAKE_MINUTES,
    MIN_CANARY_FRESHNESS_MINUTES,
    CanaryConfig,
    GateOverride,
    GatingAlarmKind,
)

_REPOSITORY = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
_CONNECTION_ARN = re.compile(
    r"^arn:aws[a-z-]*:(codeconnections|codestar-connections):[a-z0-9-]+:\d{12}:connection/[A-Za-z0-9-]+$"
)
_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:\d{1,5})?$")
_SLACK_ID = re.compile(r"^[A-Z0-9]{9,11}$")

# Gated environments per wave: each gets a gate check and a bake action; five keeps a wave's stage well inside
# CodePipeline's actions-per-stage quota with the deploy and test actions (preflight checks the quota itself).
MAX_GATED_PER_STAGE = 5


def _fail_at(loc: tuple[str | int, ...], value: object, message: str) -> None:
    """A validation error at a key path below the model being validated (a model validator's own ValueError
    would name the model, not the key): config/loader.py prints `loc` as the key path."""
    error = PydanticCustomError("value_error", "{error}", {"error": message})
    raise ValidationError.from_exception_data("AppConfig", [InitErrorDetails(type=error, loc=loc, input=value)])


class SlackChat(StrictModel):
    """Pipeline notifications in a Slack channel through AWS Chatbot (the workspace is authorized once in the
    Chatbot console; its id is shown there)."""

    slack_workspace_id: Annotated[str, AfterValidator(matching(_SLACK_ID, "a Slack workspace id like 'T0123ABCD'"))]
    slack_channel_id: Annotated[str, AfterValidator(matching(_SLACK_ID, "a Slack channel id like 'C0123ABCD'"))]


class PipelineConfig(StrictModel):
    account: AccountId
    region: Region
    repository: Annotated[str, AfterValidator(matching(_REPOSITORY, "'owner/name' of the repository"))]
    branch: Annotated[str, Field(min_length=1)]
    connection_arn: Annotated[str, AfterValidator(matching(_CONNECTION_ARN, "a CodeConnections connection ARN"))]
    notify_emails: list[Email] = []  # approvals needed, failures, rollbacks, production succeeded
    chat: SlackChat | None = None


def _construct_path(value: str) -> str:
    """A construct path inside the environment's stack as the replacement guard prints it (`Data/Posts`), or a
    logical id (`DataPosts33238424`, for a resource whose template carries no `aws:cdk:path`)."""
    parts = value.split("/")
    if any(not part or any(c.isspace() for c in part) for part in parts):
        raise ValueError(f"expected a construct path like 'Data/Posts' (no empty parts or spaces), got {value!r}")
    if len(parts) > 1 and parts[-1] == "Resource":
        raise ValueError(
            f"expected the construct path without its trailing '/Resource', e.g. 'Data/Posts', got {value!r}"
        )
    return value


class AllowedReplacement(StrictModel):
    """An intended change that replaces or deletes a stateful resource of a protected environment (the
    replacement guard, pipeline/predeploy/replacement, refuses any other): the resource's construct path inside the
    environment's stack as the guard's line shows it (the template's `aws:cdk:path` after `<...>/MobileBackend/`,
    without a trailing `/Resource`), e.g. `Data/Posts`, or its logical id; and why. The approval shows it."""

    resource: Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_construct_path)]
    reason: Annotated[str, Field(min_length=1, max_length=200)]


class PushCredentials(StrictModel):
    """References to secrets holding the channel credentials; the credentials never live in the repo."""

    apns_secret_arn: SecretArn | None = None
    fcm_secret_arn: SecretArn | None = None
    apns_sandbox: bool = False


class EnvironmentConfig(StrictModel):
    name: Name
    account: AccountId
    region: Region
    wave: Name | None = None
    requires_approval: bool = False
    protect_data: bool = False
    integration_tests: Literal["full", "smoke", "none"] = "none"
    alarm_email: Email | None = None
    cors_origins: list[
        Annotated[str, AfterValidator(matching(_ORIGIN, "an origin like 'https://app.example.com'"))]
    ] = []
    push: PushCredentials = PushCredentials()
    # Safe rollout (docs/deploying.md, "Rollout"): None means the default for the environment's protection.
    bake_minutes: Annotated[int, Field(ge=0, le=MAX_BAKE_MINUTES, strict=True)] | None = None
    rollback_on_alarm: bool | None = None
    gating_alarms: Annotated[list[GatingAlarmKind], Field(min_length=1)] | None = None  # None: the default
    canary: CanaryConfig = CanaryConfig()
    gate_override: GateOverride | None = None
    email: EmailSending | None = None  # None: Cognito's built-in sender (a protected environment needs one)
    allow_replacements: list[AllowedReplacement] = []
    appsync_verbose_logs: bool = False  # request headers and resolver payloads in AppSync's logs (never protected)
    clients: ClientsOverride | None = None  # None: the top-level `clients:` as it is

    @model_validator(mode="after")
    def _protected_needs_approval(self) -> EnvironmentConfig:
        if self.protect_data and not self.requires_approval:
            raise ValueError("a protected environment (protect_data: true) must set requires_approval: true")
        return self

    @model_validator(mode="after")
    def _no_verbose_logs_next_to_production_data(self) -> EnvironmentConfig:
        if self.protect_data and self.appsync_verbose_logs:
            raise ValueError(
                "appsync_verbose_logs: true is refused for a protected environment (the logs would hold tokens "
                "and personal data)"
            )
        return self

    @model_validator(mode="after")
    def _email_identity_fits_the_user_pool(self) -> EnvironmentConfig:
        """Cognito sends only with an SES identity of the pool's own account, in a Region the pool may use
        (ses_regions_for_user_pool); Cognito refuses anything else when the stack deploys."""
        if self.email is None:
            return self
        if self.email.account != self.account:
            raise ValueError(
                f"email.ses_identity_arn: expected an SES identity in the environment's account {self.account} "
                f"(Cognito cannot send with another account's identity), got account {self.email.account}"
            )
        allowed = ses_regions_for_user_pool(self.region)
        if self.email.region not in allowed:
            raise ValueError(
                f"email.ses_identity_arn: expected an SES identity in {' or '.join(sorted(allowed))} (where a user "
                f"pool in {self.region} can send from), got {self.email.region!r}"
            )
        return self

    @model_validator(mode="after")
    def _gate_settings_agree(self) -> EnvironmentConfig:
        if self.gating_alarms is not None and "canary" in self.gating_alarms and not self.canary_enabled:
            raise ValueError("gating_alarms lists 'canary' but the environment's canary is off (canary.enabled)")
        if self.gate_override is not None and not (self.gated or self.protect_data):
            raise ValueError(
                "gate_override applies only to a gated or protected environment (bake_minutes > 0, "
                "rollback_on_alarm: true or protect_data: true)"
            )
        if self.gate_override is not None and not self.gated and self.gate_override.mode != "first-deploy":
            raise ValueError("an environment that is not gated takes only gate_override mode first-deploy")
        return self

    @property
    def canary_enabled(self) -> bool:
        return self.gated if self.canary.enabled is None else self.canary.enabled

    @property
    def canary_freshness_minutes(self) -> int:
        """How old the canary's newest result may be before a gate check calls the signal stale."""
        return max(MIN_CANARY_FRESHNESS_MINUTES, CANARY_STALE_RUNS * self.canary.every_minutes)

    @property
    def gate_alarm_kinds(self) -> tuple[GatingAlarmKind, ...]:
        """The alarm kinds in the environment's gate: `gating_alarms`, or the default (the canary only where it
        runs)."""
        if self.gating_alarms is not None:
            return tuple(self.gating_alarms)
        return tuple(k for k in DEFAULT_GATING_ALARMS if k != "canary" or self.canary_enabled)

    @property
    def bake(self) -> int:
        """Minutes the stage watches its alarms after deploy and tests: 30 when protected, else 0."""
        if self.bake_minutes is not None:
            return self.bake_minutes
        return 30 if self.protect_data else 0

    @property
    def rolls_back_on_alarm(self) -> bool:
        return self.protect_data if self.rollback_on_alarm is None else self.rollback_on_alarm

    @property
    def gated(self) -> bool:
        """Does the pipeline watch this environment's alarms (entry check, bake, rollback)?"""
        return self.rolls_back_on_alarm or self.bake > 0


class Features(StrictModel):
    push_notifications: bool = True
    analytics: bool = True
    threat_protection: Literal["off", "audit", "enforced"] = "audit"


class AppConfig(StrictModel):
    app_name: Name
    pipeline: PipelineConfig
    environments: Annotated[list[EnvironmentConfig], Field(min_length=1)]
    features: Features = Features()
    clients: ClientsConfig = ClientsConfig()

    @model_validator(mode="after")
    def _environment_switches_are_declared(self) -> AppConfig:
        declared = self.clients.switches
        for index, env in enumerate(self.environments):
            for name in env.clients.switches if env.clients else ():
                if name not in declared:
                    known = ", ".join(sorted(declared)) or "none"
                    _fail_at(
                        ("environments", index, "clients", "switches", name),
                        name,
                        f"expected a switch declared in the top-level clients.switches ({known}), got {name!r}",
                    )
        return self

    def clients_for(self, env_name: str) -> ClientsConfig:
        """The clients block a stage named `env_name` is built with: the defaults with that environment's values
        in their place (a personal stage, which is no environment of the file, gets the defaults)."""
        override = next((env.clients for env in self.environments if env.name == env_name), None)
        return self.clients.merged(override)

    @model_validator(mode="after")
    def _unique_names_and_contiguous_waves(self) -> AppConfig:
        seen: set[str] = set()
        for env in self.environments:
            if env.name in seen:
                raise ValueError(f"expected unique environment names, {env.name!r} appears twice")
            seen.add(env.name)
        closed: set[str] = set()
        previous: str | None = None
        for env in self.environments:
            if env.wave != previous and previous is not None:
                closed.add(previous)
            if env.wave is not None and env.wave in closed:
                raise ValueError(f"expected the environments of wave {env.wave!r} to be consecutive in the list")
            previous = env.wave
        for group in self.deployment_groups():
            if len({env.rolls_back_on_alarm for env in group}) > 1:
                raise ValueError(
                    f"expected the environments of wave {group[0].wave!r} to agree on rollback_on_alarm "
                    "(CodePipeline rolls back a whole stage, and a wave is one stage)"
                )
            if sum(env.gated for env in group) > MAX_GATED_PER_STAGE:
                raise ValueError(
                    f"expected at most {MAX_GATED_PER_STAGE} gated environments in wave {group[0].wave!r} "
                    "(each adds a gate check and a bake action to the wave's stages)"
                )
        return self

    def deployment_groups(self) -> list[list[EnvironmentConfig]]:
        """Environments in file order, consecutive members of one wave grouped together."""
        groups: list[list[EnvironmentConfig]] = []
        for env in self.environments:
            if env.wave is not None and groups and groups[-1][0].wave == env.wave:
                groups[-1].append(env)
            else:
                groups.append([env])
        return groups

    def environment(self, name: str) -> EnvironmentConfig:
        for env in self.environments:
            if env.name == name:
                return env
        raise KeyError(name)
