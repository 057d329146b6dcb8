"""The shape of config/environments.yaml (docs/deploying.md) as pydantic v2 models.

Validators raise ValueError with a message that reads as an expectation ("expected ..., got ...");
config/loader.py turns it into one line naming the file and the key path.
"""

from __future__ import annotations

import datetime
import re
from functools import lru_cache
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

_ACCOUNT = re.compile(r"^\d{12}$")
_NAME = re.compile(r"^[a-z][a-z0-9-]{0,19}$")
_REPOSITORY = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
_CONNECTION_ARN = re.compile(
    r"^arn:aws[a-z-]*:(codeconnections|codestar-connections):[a-z0-9-]+:\d{12}:connection/[A-Za-z0-9-]+$"
)
_SECRET_ARN = re.compile(r"^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:\d{1,5})?$")
_SLACK_ID = re.compile(r"^[A-Z0-9]{9,11}$")
_SES_IDENTITY_ARN = re.compile(r"^arn:aws[a-z-]*:ses:[a-z0-9-]+:\d{12}:identity/[^\s/]+$")
# An app version the backend compares against (semver MAJOR.MINOR.PATCH, https://semver.org/ section 2: no
# leading zeros). Nine digits per part at most, so the clients block stays far below Lambda's 4 KB of environment
# variables (CLIENT_SETTINGS_MAX_BYTES).
_APP_VERSION = re.compile(r"^(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})$")
_SWITCH_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")

# The stage's alarms that mean users are hurting; `gating_alarms` picks from these (backend/infra/monitoring.py).
GatingAlarmKind = Literal[
    "api_5xx",
    "api_latency",
    "lambda_errors",
    "lambda_throttles",
    "stream_dlq",
    "table_throttles",
    "analytics_delivery",
    "canary",
]
GATING_ALARM_KINDS: tuple[str, ...] = get_args(GatingAlarmKind)
# The default gate: user-facing errors and latency, new stream failures, and the canary where it runs (a gate
# that watches only user traffic sees nothing in a quiet production).
DEFAULT_GATING_ALARMS: tuple[GatingAlarmKind, ...] = (
    "api_5xx",
    "api_latency",
    "lambda_errors",
    "lambda_throttles",
    "stream_dlq",
    "canary",
)
# A bake runs in a CodeBuild step (timeout up to 36 h); four hours is plenty and keeps a bad value from
# holding the pipeline for days.
MAX_BAKE_MINUTES = 240
# Gated environments per wave: each gets a gate check and a bake action; five keeps a wave's stage well inside
# CodePipeline's actions-per-stage quota with the deploy and test actions (preflight checks the quota itself).
MAX_GATED_PER_STAGE = 5
CANARY_EVERY_MINUTES = 5
# The canary's newest result may be this many runs old before a gate check calls the signal stale (one late or
# lost run is not an outage), and never less than 15 minutes.
CANARY_STALE_RUNS = 3
MIN_CANARY_FRESHNESS_MINUTES = 15
# Remote switches an app may read (the `appConfig` query); each costs the GraphQL function's environment (one JSON
# variable, CLIENT_CONFIG) at most 49 bytes.
MAX_SWITCHES = 20
ClientPlatform = Literal["ios", "android", "web"]
CLIENT_PLATFORMS: tuple[ClientPlatform, ...] = get_args(ClientPlatform)
# The compact JSON of the largest clients block the model admits: 3 platforms with 29-character versions, 20
# switches with 40-character names, all false. Lambda allows 4 KB for all of a function's variables together
# (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html); the rest are a few names and ARNs.
CLIENT_SETTINGS_MAX_BYTES = 1200


@lru_cache(maxsize=1)
def known_regions() -> frozenset[str]:
    """Regions of the commercial, China and GovCloud partitions, from botocore's bundled endpoint data."""
    import botocore.session  # local import: only needed when validating

    session = botocore.session.get_session()
    regions: set[str] = set()
    for partition in session.get_available_partitions():
        regions.update(session.get_available_regions("cloudformation", partition_name=partition))
    return frozenset(regions)


def _account(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        raise ValueError(f"expected a 12-digit AWS account id as a quoted string, got {value!r}")
    if not isinstance(value, str) or not _ACCOUNT.match(value):
        raise ValueError(f"expected a 12-digit AWS account id, got {value!r}")
    return value


def _region(value: str) -> str:
    if value not in known_regions():
        raise ValueError(f"expected a known AWS region such as 'us-east-1', got {value!r}")
    return value


def check_name(value: str) -> str:
    """An app, environment or wave name (also a personal stage's): it becomes part of stack and role names."""
    if not _NAME.match(value):
        raise ValueError(
            f"expected a lowercase name of 1-20 letters, digits or '-' starting with a letter, got {value!r}"
        )
    return value


def _pattern(regex: re.Pattern[str], expectation: str):
    def check(value: str) -> str:
        if not regex.match(value):
            raise ValueError(f"expected {expectation}, got {value!r}")
        return value

    return check


def _app_version(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f'expected a version like "1.2.3" (MAJOR.MINOR.PATCH) as a quoted string, got {value!r}')
    if not _APP_VERSION.match(value):
        raise ValueError(
            f"expected a semver version MAJOR.MINOR.PATCH like '1.2.3' (digits, no leading zeros, at most 9 digits "
            f"each), got {value!r}"
        )
    return value


AccountId = Annotated[str, BeforeValidator(_account)]  # before: YAML may hand us an int
Region = Annotated[str, AfterValidator(_region)]
Name = Annotated[str, AfterValidator(check_name)]
SecretArn = Annotated[str, AfterValidator(_pattern(_SECRET_ARN, "a Secrets Manager secret ARN"))]
AppVersion = Annotated[str, BeforeValidator(_app_version)]  # before: YAML reads an unquoted 1.0 as a number
SwitchName = Annotated[
    str,
    AfterValidator(
        _pattern(_SWITCH_NAME, "a switch name of 1-40 lowercase letters, digits or '_' starting with a letter")
    ),
]
SwitchValue = Annotated[bool, Field(strict=True)]  # true or false, not "yes" or 1


def _fail_at(loc: tuple[str | int, ...], value: object, message: str) -> None:
    """A validation error at a key path below the model being validated (a model validator's own ValueError
    would name the model, not the key): config/loader.py prints `loc` as the key path."""
    error = PydanticCustomError("value_error", "{error}", {"error": message})
    raise ValidationError.from_exception_data("AppConfig", [InitErrorDetails(type=error, loc=loc, input=value)])


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Email = Annotated[str, AfterValidator(_pattern(_EMAIL, "an email address"))]


class SlackChat(_Strict):
    """Pipeline notifications in a Slack channel through AWS Chatbot (the workspace is authorized once in the
    Chatbot console; its id is shown there)."""

    slack_workspace_id: Annotated[str, AfterValidator(_pattern(_SLACK_ID, "a Slack workspace id like 'T0123ABCD'"))]
    slack_channel_id: Annotated[str, AfterValidator(_pattern(_SLACK_ID, "a Slack channel id like 'C0123ABCD'"))]


class PipelineConfig(_Strict):
    account: AccountId
    region: Region
    repository: Annotated[str, AfterValidator(_pattern(_REPOSITORY, "'owner/name' of the repository"))]
    branch: Annotated[str, Field(min_length=1)]
    connection_arn: Annotated[str, AfterValidator(_pattern(_CONNECTION_ARN, "a CodeConnections connection ARN"))]
    notify_emails: list[Email] = []  # approvals needed, failures, rollbacks, production succeeded
    chat: SlackChat | None = None


# Which SES Regions a user pool may send from (Cognito developer guide, "Email settings for Amazon Cognito user
# pools", section "Amazon SES email configuration Regions", https://docs.aws.amazon.com/cognito/latest/developerguide/
# user-pool-email.html#user-pool-email-developer-region-mapping): its own Region always; pools in the Regions
# Cognito served before in-Region SES also one of the three Regions it first sent from. Any other Region: its own.
SES_LEGACY_REGIONS = frozenset({"us-east-1", "us-west-2", "eu-west-1"})
USER_POOL_REGIONS_WITH_LEGACY_SES = frozenset(
    {
        "us-east-1",
        "us-east-2",
        "us-west-2",
        "ca-central-1",
        "ap-northeast-1",
        "ap-northeast-2",
        "ap-south-1",
        "ap-southeast-1",
        "ap-southeast-2",
        "eu-west-1",
        "eu-west-2",
        "eu-central-1",
    }
)


def ses_regions_for_user_pool(region: str) -> frozenset[str]:
    """The Regions whose SES identities a Cognito user pool in `region` can send email with."""
    return frozenset({region}) | (SES_LEGACY_REGIONS if region in USER_POOL_REGIONS_WITH_LEGACY_SES else frozenset())


class EmailSending(_Strict):
    """Where the user pool's verification and password-reset emails come from: an SES identity instead of
    Cognito's built-in sender, whose daily cap is far below a production app's needs (docs/deploying.md).

    The identity is a verified domain (`identity/example.com`: `from_address` must be at that domain) or a verified
    address (`identity/no-reply@example.com`: `from_address` must be that address), in the environment's account
    and in an SES Region its user pool may use (checked by EnvironmentConfig, which knows both)."""

    ses_identity_arn: Annotated[
        str,
        AfterValidator(
            _pattern(_SES_IDENTITY_ARN, "an SES identity ARN like 'arn:aws:ses:us-east-1:…:identity/example.com'")
        ),
    ]
    from_address: Email
    reply_to: Email | None = None

    @property
    def region(self) -> str:
        return self.ses_identity_arn.split(":")[3]

    @property
    def account(self) -> str:
        return self.ses_identity_arn.split(":")[4]

    @property
    def identity(self) -> str:
        """The verified domain or address the ARN names."""
        return self.ses_identity_arn.split(":identity/", 1)[1]

    @property
    def domain_identity(self) -> str | None:
        """The verified domain, or None when the identity is a single address."""
        return None if "@" in self.identity else self.identity

    @model_validator(mode="after")
    def _from_address_is_the_identity(self) -> EmailSending:
        domain = self.domain_identity
        if domain is not None and self.from_address.rpartition("@")[2] != domain:
            raise ValueError(
                f"from_address: expected an address at the verified domain {domain!r} of ses_identity_arn, "
                f"got {self.from_address!r}"
            )
        if domain is None and self.from_address != self.identity:
            raise ValueError(
                f"from_address: expected the verified address {self.identity!r} of ses_identity_arn, "
                f"got {self.from_address!r}"
            )
        return self


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


class AllowedReplacement(_Strict):
    """An intended change that replaces or deletes a stateful resource of a protected environment (the
    replacement guard, preflight/replacement, refuses any other): the resource's construct path inside the
    environment's stack as the guard's line shows it (the template's `aws:cdk:path` after `<...>/MobileBackend/`,
    without a trailing `/Resource`), e.g. `Data/Posts`, or its logical id; and why. The approval shows it."""

    resource: Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_construct_path)]
    reason: Annotated[str, Field(min_length=1, max_length=200)]


class PushCredentials(_Strict):
    """References to secrets holding the channel credentials; the credentials never live in the repo."""

    apns_secret_arn: SecretArn | None = None
    fcm_secret_arn: SecretArn | None = None
    apns_sandbox: bool = False


class CanaryConfig(_Strict):
    """The synthetic user journey (backend/infra/canary.py). `enabled` None: on exactly when the environment is
    gated, so every bake has a signal even without user traffic."""

    enabled: bool | None = None
    every_minutes: Annotated[int, Field(ge=1, le=60, strict=True)] = CANARY_EVERY_MINUTES


GateOverrideMode = Literal["first-deploy", "ship-into-alarm"]


class GateOverride(_Strict):
    """An explicit, dated exception to the rollout gate (docs/deploying.md, "Overriding the gate").

    first-deploy: the gate may not exist or have data yet (new environment): a missing alarm or role, an alarm
    with INSUFFICIENT_DATA or a canary with no results are accepted. ship-into-alarm: the environment is already
    in ALARM and this release is the fix: the entry check lets it in and the bake gives the alarm the whole bake
    to recover. Neither lets a release through that makes a healthy environment go into ALARM. The gate check
    ignores the override after `expires` (UTC), so a forgotten one cannot weaken the gate for long.
    """

    mode: GateOverrideMode
    reason: Annotated[str, Field(min_length=1, max_length=200)]
    expires: datetime.date


class ClientsConfig(_Strict):
    """What every app may ask before sign-in (the `appConfig` query, README "Forced update and remote switches"):
    per platform the lowest app version still supported (below it the app shows its forced-update screen), and
    the remote switches with their values. At the top level of the file: the defaults, which declare every
    switch; an environment's own `clients:` replaces them key by key (ClientsOverride)."""

    minimum_versions: dict[ClientPlatform, AppVersion] = {}
    switches: Annotated[dict[SwitchName, SwitchValue], Field(max_length=MAX_SWITCHES)] = {}

    def merged(self, override: ClientsOverride | None) -> ClientsConfig:
        """These defaults with an environment's values in their place, key by key."""
        if override is None:
            return self
        return ClientsConfig(
            minimum_versions={**self.minimum_versions, **override.minimum_versions},
            switches={**self.switches, **override.switches},
        )


class ClientsOverride(_Strict):
    """An environment's `clients:`: only the keys it changes. Its switches must be declared at the top level
    (AppConfig checks it: a typo would otherwise ship a switch no app reads)."""

    minimum_versions: dict[ClientPlatform, AppVersion] = {}
    switches: dict[SwitchName, SwitchValue] = {}


class EnvironmentConfig(_Strict):
    name: Name
    account: AccountId
    region: Region
    wave: Name | None = None
    requires_approval: bool = False
    protect_data: bool = False
    integration_tests: Literal["full", "smoke", "none"] = "none"
    alarm_email: Email | None = None
    cors_origins: list[
        Annotated[str, AfterValidator(_pattern(_ORIGIN, "an origin like 'https://app.example.com'"))]
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


class Features(_Strict):
    push_notifications: bool = True
    analytics: bool = True
    threat_protection: Literal["off", "audit", "enforced"] = "audit"


class AppConfig(_Strict):
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
