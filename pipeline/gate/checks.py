"""The two decisions of the rollout gate: may a release enter the gated stage, and did it bake cleanly.

Exit statuses (any non-zero fails the CodeBuild action, and with it the stage):
0 go; 1 the environment is in ALARM; 2 the gate cannot see the environment's health (fail closed).

Entry (`GateCheck-<env>`, in the stage before the gated one): one reading. ALARM stops the release; so does a
blind gate (no alarm, no reader role, INSUFFICIENT_DATA, a canary that stopped reporting).

Bake (`Bake-<env>`, after the gated stage's tests): a reading every `poll` seconds for `minutes`. It fails at
the first reading in ALARM after a healthy one (so within one poll, 30 s), at once when the environment is
already in ALARM as the bake starts (the deploy or the tests tripped it), when the gate goes blind, and when the
alarm is still in ALARM at the end. In a rollback execution it reports and never fails (execution.py).

An active override (override.py) relaxes exactly what its mode names, says so in the log on every use, and
announces each kind of use once on the pipeline's notification topic.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from .override import Override
from .reading import Reading

GO, IN_ALARM, BLIND = 0, 1, 2
FAIL_CLOSED = "the pipeline cannot see this environment's health, so it stops the release (fail closed)"


@dataclass
class GateRun:
    environment: str
    read: Callable[[], Reading]
    override: Override | None
    today: datetime.date
    say: Callable[[str], None] = print
    publish: Callable[[str, str], None] = lambda subject, message: None
    where: str = ""  # the pipeline execution or build, for the notification
    _announced: set[str] = field(default_factory=set)

    def active_override(self) -> Override | None:
        override = self.override
        if override is None:
            return None
        if not override.active(self.today):
            self.say(f"gate {self.environment}: {override.describe()} has expired: ignored, the gate is enforced")
            return None
        self.say(f"gate {self.environment}: OVERRIDE in effect: {override.describe()}")
        return override

    def used(self, override: Override, what: str, seen: str) -> None:
        """`what` the override let through (announced once per run), `seen` what the reading said."""
        self.say(f"gate {self.environment}: OVERRIDE accepted {what}: {seen}")
        if what not in self._announced:
            self._announced.add(what)
            self.publish(
                f"Rollout gate override used for {self.environment}",
                f"The rollout gate of {self.environment} accepted {what} ({seen}) because of {override.describe()}. "
                f"{self.where}".strip(),
            )


def entry(run: GateRun) -> int:
    reading = run.read()
    env = run.environment
    if reading.healthy:
        run.say(f"gate {env}: PASS: {reading.detail}")
        return GO
    override = run.active_override()
    if reading.health == "alarm":
        if override is not None and override.accepts_alarm_at_entry:
            run.used(override, "entry into an environment in ALARM", reading.detail)
            return GO
        run.say(f"gate {env}: FAIL: {reading.detail}; no release enters {env} while it is in ALARM")
        return IN_ALARM
    if override is not None and override.accepts_blindness:
        run.used(override, "entry without seeing the gate", reading.detail)
        return GO
    run.say(f"gate {env}: FAIL: {reading.detail}; {FAIL_CLOSED}")
    return BLIND


@dataclass(frozen=True)
class BakeTiming:
    minutes: int
    seconds_per_minute: float = 60.0  # tests shorten the bake with GATE_SECONDS_PER_MINUTE
    poll_seconds: float = 30.0
    report_every_seconds: float = 300.0
    sleep: Callable[[float], None] = time.sleep
    monotonic: Callable[[], float] = time.monotonic


def bake(run: GateRun, timing: BakeTiming, *, rollback: bool = False) -> int:
    env = run.environment
    if rollback:
        reading = run.read()
        run.say(
            f"bake {env}: this is a rollback execution: it restores the version that passed the gate, so the gate is "
            f"reported, not enforced: {reading.detail}"
        )
        return GO
    deadline = timing.monotonic() + timing.minutes * timing.seconds_per_minute
    override = run.active_override()
    first = run.read()
    if first.health == "alarm":
        if override is None or not override.accepts_alarm_at_bake_start:
            run.say(
                f"bake {env}: FAIL: {first.detail} as the bake starts (the deploy or the tests may have tripped it); "
                "failing now rather than after the bake"
            )
            return IN_ALARM
        run.used(override, "a bake that starts in ALARM (it must recover within the bake)", first.detail)
    elif first.health == "blind" and _stops_blind(run, override, first, "a bake that cannot see the gate yet"):
        return BLIND
    run.say(f"bake {env}: watching for {timing.minutes} min: {first.detail}")
    healthy_seen = first.healthy
    last, last_report = first, timing.monotonic()
    while (left := deadline - timing.monotonic()) > 0:
        timing.sleep(min(timing.poll_seconds * timing.seconds_per_minute / 60.0, left))
        reading = run.read()
        if reading.health == "alarm":
            if healthy_seen or override is None or not override.accepts_alarm_at_bake_start:
                run.say(f"bake {env}: FAIL: {reading.detail} during the bake: failing the stage so that it rolls back")
                return IN_ALARM
            run.used(override, "ALARM before the gate was first healthy in this bake", reading.detail)
        if reading.health == "blind" and _stops_blind(run, override, reading, "a bake that cannot see the gate yet"):
            return BLIND
        healthy_seen = healthy_seen or reading.healthy
        now = timing.monotonic()
        if reading.health != last.health or now - last_report >= timing.report_every_seconds:
            minutes_left = max(0, deadline - now) / timing.seconds_per_minute
            run.say(f"bake {env}: {reading.detail}; {minutes_left:.0f} min to go")
            last_report = now
        last = reading
    if last.health == "alarm":
        run.say(f"bake {env}: FAIL: {last.detail} at the end of the {timing.minutes}-minute bake")
        return IN_ALARM
    if last.health == "blind":  # blind readings stop the bake unless accepted, so here only when accepted
        return BLIND if _stops_blind(run, override, last, "the end of a bake that still cannot see the gate") else GO
    run.say(f"bake {env}: PASS: stayed out of ALARM for {timing.minutes} min ({last.detail})")
    return GO


def _stops_blind(run: GateRun, override: Override | None, reading: Reading, what: str) -> bool:
    """A bake reading that cannot see the gate: stop (fail closed), unless a first-deploy override accepts it."""
    if override is None or not override.accepts_blindness:
        run.say(f"bake {run.environment}: FAIL: {reading.detail}; {FAIL_CLOSED}")
        return True
    run.used(override, what, reading.detail)
    return False
