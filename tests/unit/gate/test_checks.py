"""The entry and bake decisions on scripted readings, with a fake clock (no test waits for real minutes)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

import pytest

from pipeline.gate.checks import BLIND, GO, IN_ALARM, BakeTiming, GateRun, bake, entry
from pipeline.gate.override import Override
from pipeline.gate.reading import Reading

TODAY = datetime.date(2026, 12, 7)
OK = Reading("healthy", "gate is OK")
ALARM = Reading("alarm", "gate is in ALARM (5xx)")
BLIND_READ = Reading("blind", "no alarm named gate in 333333333333/us-west-2")
FIRST_DEPLOY = Override("first-deploy", "new region", TODAY)
SHIP_FIX = Override("ship-into-alarm", "fix for the 5xx incident", TODAY)


@dataclass
class Script:
    """Readings in order (the last repeats), a clock that moves only when the bake sleeps, and what was said."""

    readings: Sequence[Reading]
    now: float = 0.0
    reads_at: list[float] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    published: list[tuple[str, str]] = field(default_factory=list)

    def read(self) -> Reading:
        self.reads_at.append(self.now)
        return self.readings[min(len(self.reads_at) - 1, len(self.readings) - 1)]

    def sleep(self, seconds: float) -> None:
        self.now += seconds

    def run(self, override: Override | None = None, today: datetime.date = TODAY) -> GateRun:
        return GateRun(
            "prod",
            self.read,
            override,
            today,
            say=self.lines.append,
            publish=lambda subject, message: self.published.append((subject, message)),
            where="Pipeline p.",
        )

    def timing(self, minutes: int) -> BakeTiming:
        return BakeTiming(minutes=minutes, sleep=self.sleep, monotonic=lambda: self.now)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@pytest.mark.parametrize(
    ("reading", "status", "says"),
    [
        (OK, GO, "gate prod: PASS: gate is OK"),
        (ALARM, IN_ALARM, "gate prod: FAIL: gate is in ALARM (5xx); no release enters prod while it is in ALARM"),
        (BLIND_READ, BLIND, "gate prod: FAIL: no alarm named gate in 333333333333/us-west-2; the pipeline cannot"),
    ],
)
def test_entry_lets_only_a_healthy_environment_in(reading: Reading, status: int, says: str) -> None:
    script = Script([reading])
    assert entry(script.run()) == status
    assert len(script.lines) == 1 and script.lines[0].startswith(says)


def test_entry_overrides_relax_only_what_they_name() -> None:
    fix = Script([ALARM])
    assert entry(fix.run(SHIP_FIX)) == GO
    assert "OVERRIDE accepted entry into an environment in ALARM" in fix.text
    assert fix.published == [
        (
            "Rollout gate override used for prod",
            "The rollout gate of prod accepted entry into an environment in ALARM (gate is in ALARM (5xx)) because "
            f"of gate_override ship-into-alarm until {TODAY} (fix for the 5xx incident). Pipeline p.",
        )
    ]
    assert entry(Script([BLIND_READ]).run(SHIP_FIX)) == BLIND  # a fix still needs a gate that can see
    assert entry(Script([BLIND_READ]).run(FIRST_DEPLOY)) == GO
    assert entry(Script([ALARM]).run(FIRST_DEPLOY)) == IN_ALARM  # an existing environment in ALARM


def test_an_expired_override_is_ignored_and_says_so() -> None:
    script = Script([BLIND_READ])
    assert entry(script.run(FIRST_DEPLOY, today=TODAY + datetime.timedelta(days=1))) == BLIND
    assert f"gate_override first-deploy until {TODAY} (new region) has expired: ignored" in script.text
    assert script.published == []


def test_a_quiet_bake_watches_until_the_end_then_passes() -> None:
    script = Script([OK])
    assert bake(script.run(), script.timing(30)) == GO
    assert script.reads_at[0] == 0 and script.reads_at[-1] == 30 * 60
    assert max(b - a for a, b in zip(script.reads_at, script.reads_at[1:], strict=False)) <= 30
    assert script.lines[-1] == "bake prod: PASS: stayed out of ALARM for 30 min (gate is OK)"


def test_an_alarm_during_the_bake_fails_it_within_a_minute() -> None:
    script = Script([OK] * 20 + [ALARM])
    assert bake(script.run(), script.timing(30)) == IN_ALARM
    assert script.now <= 20 * 30 + 60  # the first ALARM reading ends it
    assert "FAIL: gate is in ALARM (5xx) during the bake: failing the stage so that it rolls back" in script.text


def test_an_alarm_already_there_when_the_bake_starts_fails_at_once() -> None:
    script = Script([ALARM, OK])
    assert bake(script.run(), script.timing(30)) == IN_ALARM
    assert script.now == 0 and len(script.reads_at) == 1
    assert "as the bake starts (the deploy or the tests may have tripped it)" in script.text


def test_a_gate_that_goes_blind_during_the_bake_fails_closed() -> None:
    script = Script([OK, OK, BLIND_READ])
    assert bake(script.run(), script.timing(30)) == BLIND
    assert script.now == 60


def test_blind_from_the_start_fails_closed_at_once() -> None:
    script = Script([BLIND_READ])
    assert bake(script.run(), script.timing(30)) == BLIND
    assert script.now == 0


def test_shipping_a_fix_gives_the_alarm_the_bake_to_recover_but_not_more() -> None:
    recovers = Script([ALARM, ALARM, OK])
    assert bake(recovers.run(SHIP_FIX), recovers.timing(10)) == GO
    assert [s for s, _ in recovers.published] == ["Rollout gate override used for prod"] * 2  # two kinds of use

    never = Script([ALARM])
    assert bake(never.run(SHIP_FIX), never.timing(10)) == IN_ALARM
    assert never.now == 10 * 60 and "at the end of the 10-minute bake" in never.text

    relapses = Script([ALARM, OK, ALARM])
    assert bake(relapses.run(SHIP_FIX), relapses.timing(10)) == IN_ALARM  # healthy once: ALARM is this release's
    assert relapses.now == 60


def test_a_first_deploy_bake_accepts_warming_up_then_watches_as_usual() -> None:
    # The new composite is INSUFFICIENT_DATA, then the canary's alarm counts its missing first results.
    warm = Script([BLIND_READ, ALARM, OK])
    assert bake(warm.run(FIRST_DEPLOY), warm.timing(5)) == GO

    breaks = Script([BLIND_READ, OK, ALARM])
    assert bake(breaks.run(FIRST_DEPLOY), breaks.timing(5)) == IN_ALARM

    never_visible = Script([BLIND_READ])
    assert bake(never_visible.run(FIRST_DEPLOY), never_visible.timing(5)) == GO
    assert "OVERRIDE accepted the end of a bake that still cannot see the gate" in never_visible.text


def test_a_zero_minute_bake_is_one_look_after_the_tests() -> None:
    assert bake(Script([OK]).run(), Script([OK]).timing(0)) == GO
    script = Script([ALARM])
    assert bake(script.run(), script.timing(0)) == IN_ALARM and len(script.reads_at) == 1


def test_a_rollback_execution_reports_the_gate_and_never_fails() -> None:
    script = Script([ALARM])
    assert bake(script.run(), script.timing(30), rollback=True) == GO
    assert script.now == 0
    assert script.lines == [
        "bake prod: this is a rollback execution: it restores the version that passed the gate, so the gate is "
        "reported, not enforced: gate is in ALARM (5xx)"
    ]


def test_progress_is_reported_on_change_and_every_five_minutes() -> None:
    script = Script([OK])
    bake(script.run(), script.timing(30))
    progress = [line for line in script.lines if "min to go" in line]
    assert len(progress) == 6  # at 5, 10, ... 30 minutes; not every 30-second poll
