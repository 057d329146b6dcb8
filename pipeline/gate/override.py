"""The explicit, dated exception to the gate (config `gate_override`, handed to the steps as project variables)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from .variables import OVERRIDE_EXPIRES as EXPIRES
from .variables import OVERRIDE_MODE as MODE
from .variables import OVERRIDE_REASON as REASON

FIRST_DEPLOY, SHIP_INTO_ALARM = "first-deploy", "ship-into-alarm"


class OverrideError(ValueError):
    pass


@dataclass(frozen=True)
class Override:
    mode: str  # first-deploy | ship-into-alarm
    reason: str
    expires: datetime.date  # last UTC day on which it applies

    def active(self, today: datetime.date) -> bool:
        return today <= self.expires

    @property
    def accepts_blindness(self) -> bool:
        """A new environment's gate does not exist or has no data yet."""
        return self.mode == FIRST_DEPLOY

    @property
    def accepts_alarm_at_entry(self) -> bool:
        """The environment is already hurting and this release is the fix."""
        return self.mode == SHIP_INTO_ALARM

    @property
    def accepts_alarm_at_bake_start(self) -> bool:
        """The fix needs the bake to take effect, or a new environment's canary alarm has not cleared yet (it
        counts missing results as failures until the first run). It must still recover within the bake."""
        return self.mode in (FIRST_DEPLOY, SHIP_INTO_ALARM)

    def describe(self) -> str:
        return f"gate_override {self.mode} until {self.expires.isoformat()} ({self.reason})"

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> Override | None:
        mode = environ.get(MODE, "")
        if not mode:
            return None
        if mode not in (FIRST_DEPLOY, SHIP_INTO_ALARM):
            raise OverrideError(f"{MODE}={mode!r}: expected {FIRST_DEPLOY} or {SHIP_INTO_ALARM}")
        try:
            expires = datetime.date.fromisoformat(environ.get(EXPIRES, ""))
        except ValueError:
            raise OverrideError(f"{EXPIRES}={environ.get(EXPIRES, '')!r}: expected a date YYYY-MM-DD") from None
        return cls(mode, environ.get(REASON, "") or "no reason given", expires)
