"""The rollout gate's settings per environment (docs/deploying.md, "Rollout"): which alarms gate a release,
the canary that keeps the gate fed, and the dated override for a first deploy or a fix shipped into an alarm."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal, get_args

from pydantic import Field

from .field_types import StrictModel

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
CANARY_EVERY_MINUTES = 5
# The canary's newest result may be this many runs old before a gate check calls the signal stale (one late or
# lost run is not an outage), and never less than 15 minutes.
CANARY_STALE_RUNS = 3
MIN_CANARY_FRESHNESS_MINUTES = 15


class CanaryConfig(StrictModel):
    """The synthetic user journey (backend/infra/canary.py). `enabled` None: on exactly when the environment is
    gated, so every bake has a signal even without user traffic."""

    enabled: bool | None = None
    every_minutes: Annotated[int, Field(ge=1, le=60, strict=True)] = CANARY_EVERY_MINUTES


GateOverrideMode = Literal["first-deploy", "ship-into-alarm"]


class GateOverride(StrictModel):
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
