"""The gate steps' four alarm states, made real in the sandbox's moto, and what the step must do in each.

A gate step (`GateCheck-<env>`, `Bake-<env>`: pipeline/gate_steps.py) reads the composite alarm GATE_ALARM_NAME in
the account of GATE_READER_ROLE_ARN and the region GATE_REGION. The dry run creates that alarm there (through a role
assumed in that account: moto's AssumeRole gives credentials acting in the role's account, and moto keeps one
backend per account and region), puts a fresh canary result when CANARY_FRESHNESS_MINUTES is set, and runs the
step's gate command once per state (pipeline/gate/checks.py for the statuses; any non-zero fails the action):

| state             | the alarm                | expected                                                      |
|-------------------|--------------------------|---------------------------------------------------------------|
| OK                | created, set to OK       | the step succeeds                                             |
| ALARM             | set to ALARM             | status 1 (in ALARM); an entry check under an active           |
|                   |                          | `ship-into-alarm` override succeeds                           |
| INSUFFICIENT_DATA | set to INSUFFICIENT_DATA | status 2 (blind: fail closed); under an active `first-deploy` |
|                   |                          | override the step succeeds                                    |
| missing           | deleted                  | as INSUFFICIENT_DATA                                          |

An override (GATE_OVERRIDE_*, pipeline/gate/override.py says what each mode accepts) changes only what it names;
a bake still fails on an alarm that stays in ALARM to its end. The step passes the dry run only when every state
gave its expected outcome: a gate that lets a release through in ALARM, or while blind, is a failed step. moto
has no PutCompositeAlarm of its own: the sandbox's moto server adds it (sandbox/moto_host/moto_composite_alarms.py),
and moto evaluates no alarm, so a state holds until set.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from backend.naming import CANARY_DIMENSION, CANARY_METRIC_NAMESPACE, CANARY_SUCCESS_METRIC
from pipeline.gate import variables as gate
from pipeline.gate.override import Override, OverrideError

from .aws_steps import SandboxAws
from .shell import BuildOutcome
from .variables import SandboxTarget, role_account

MISSING = "missing"
STATES = ("OK", "ALARM", "INSUFFICIENT_DATA", MISSING)
ENTRY, BAKE = "entry", "bake"  # `python -m pipeline.gate entry|bake`
# pipeline/gate/checks.py: GO 0 (the step passes), IN_ALARM 1, BLIND 2 (a unit test holds the two together).
PASSED, IN_ALARM, BLIND = "pass", "1", "2"


class GateSetupError(RuntimeError):
    """The sandbox's moto did not take the alarm or the canary result."""


@dataclass(frozen=True)
class GateTarget:
    """Where the step looks, from its own variables."""

    environment: str
    alarm_name: str
    account: str
    region: str
    canary: bool  # CANARY_FRESHNESS_MINUTES is set: the step also wants a fresh canary result

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> GateTarget:
        missing = [name for name in gate.REQUIRED if not env.get(name)]
        if missing:
            raise GateSetupError(f"the step has no {', '.join(missing)} (pipeline/gate_steps.py sets them)")
        account = role_account(env[gate.READER_ROLE])
        if account is None:
            raise GateSetupError(f"{gate.READER_ROLE} {env[gate.READER_ROLE]!r} is not an IAM role ARN")
        return cls(
            environment=env[gate.ENVIRONMENT],
            alarm_name=env[gate.ALARM],
            account=account,
            region=env[gate.REGION],
            canary=bool(env.get(gate.CANARY_FRESHNESS)),
        )

    @property
    def where(self) -> str:
        return f"{self.account}/{self.region}"


class SandboxGate:
    """The target's alarm and canary in the sandbox's moto, set up as the stack's own resources would be: by a
    role in the target account (the step's reader role only reads)."""

    def __init__(self, target: GateTarget, sandbox: SandboxTarget, *, sts_region: str) -> None:
        self.target = target
        self.sandbox = sandbox
        self._aws = SandboxAws(sandbox, sts_region=sts_region)  # the target account's setup role, as for AWS steps
        self._cloudwatch: Any = None

    def _client(self) -> Any:
        if self._cloudwatch is None:
            self._cloudwatch = self._aws.client("cloudwatch", self.target.account, self.target.region)
        return self._cloudwatch

    def set(self, state: str) -> None:
        """Put the alarm into `state` (one of STATES; `missing` deletes it)."""
        name = self.target.alarm_name
        try:
            cloudwatch = self._client()
            if state == MISSING:
                cloudwatch.delete_alarms(AlarmNames=[name])
                return
            cloudwatch.put_composite_alarm(
                AlarmName=name,
                AlarmRule='ALARM("pipeline-dryrun-member")',
                AlarmDescription=f"pipeline dry run: stands in for the gate alarm of {self.target.environment}",
            )
            cloudwatch.set_alarm_state(AlarmName=name, StateValue=state, StateReason=f"pipeline dry run: {state}")
        except Exception as exc:  # noqa: BLE001 - botocore's errors and connection failures alike (botocore imported lazily)
            raise GateSetupError(
                f"cannot set alarm {name} to {state} in {self.target.where} of the sandbox's moto "
                f"({self.sandbox.aws_endpoint}): {exc}"
            ) from None

    def canary_reported(self) -> None:
        """A successful canary run a minute ago, where the step's freshness check looks. (Not `now`: moto's
        GetMetricStatistics drops the request's EndTime to the whole second and excludes data at or after it, so a
        datum put less than a second before the step reads would not be seen.)"""
        try:
            self._client().put_metric_data(
                Namespace=CANARY_METRIC_NAMESPACE,
                MetricData=[
                    {
                        "MetricName": CANARY_SUCCESS_METRIC,
                        "Dimensions": [{"Name": CANARY_DIMENSION, "Value": self.target.environment}],
                        "Timestamp": datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=1),
                        "Value": 1.0,
                    }
                ],
            )
        except Exception as exc:  # noqa: BLE001 - botocore's errors and connection failures alike (botocore imported lazily)
            raise GateSetupError(
                f"cannot put a canary result in {self.target.where} of the sandbox's moto: {exc}"
            ) from None


def active_override(env: Mapping[str, str], today: datetime.date) -> Override | None:
    """The step's override if it applies today. A malformed one counts as none: the step itself then fails
    closed in every state (OK included), which the dry run reports."""
    try:
        override = Override.from_environ(env)
    except OverrideError:
        return None
    return override if override is not None and override.active(today) else None


def expected(state: str, check: str, override: Override | None) -> str:
    """What the step must do with the alarm in `state` for the whole check (pipeline/gate/checks.py)."""
    if state == "OK":
        return PASSED
    if state == "ALARM":
        # A bake under an override that accepts ALARM at its start still fails when the alarm never recovers.
        return PASSED if check == ENTRY and override is not None and override.accepts_alarm_at_entry else IN_ALARM
    return PASSED if override is not None and override.accepts_blindness else BLIND


def observed(outcome: BuildOutcome, gate_command: str | None) -> str:
    """What the step did in one state: `pass`, the gate command's exit status, or another failure described."""
    if outcome.succeeded:
        return PASSED
    failure = outcome.failures[0] if outcome.failures else None
    if failure is not None and not failure.in_finally and (gate_command is None or failure.command == gate_command):
        return str(failure.exit_code)
    return f"failed otherwise: {outcome.describe()}"


@dataclass(frozen=True)
class StateResult:
    state: str
    expected: str
    got: str

    @property
    def as_expected(self) -> bool:
        return self.got == self.expected

    def text(self) -> str:
        return f"{self.state}→{self.got}" + ("" if self.as_expected else f" (expected {self.expected})")


def verdict(results: list[StateResult]) -> tuple[bool, str]:
    """(passed, detail) with a detail like `OK→pass ALARM→1 INSUFFICIENT_DATA→2 missing→2`."""
    return all(r.as_expected for r in results), " ".join(r.text() for r in results)
