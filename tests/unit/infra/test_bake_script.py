"""pipeline/scripts/bake.sh under sh (dash, as CodeBuild runs it) with a fake `aws` that replays alarm states
and a fake `date` whose clock moves 30 s per call (no test waits for real minutes)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "pipeline" / "scripts" / "bake.sh"


def run_bake(tmp_path: Path, states: list[str], minutes: int) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """Each `aws` call answers the next state (the last one repeats) and logs its arguments."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "states").write_text("\n".join(states) + "\n")
    calls = tmp_path / "calls"
    fake = tmp_path / "bin" / "aws"
    fake.parent.mkdir()
    fake.write_text(
        "#!/bin/sh\n"
        f'echo "$*" >> {calls}\n'
        f"state=$(head -n 1 {tmp_path}/states)\n"
        f'if [ "$(wc -l < {tmp_path}/states)" -gt 1 ]; then sed -i 1d {tmp_path}/states; fi\n'
        'echo "$state"\n'
    )
    fake.chmod(0o755)
    clock = tmp_path / "clock"
    clock.write_text("1000\n")
    fake_date = fake.parent / "date"
    fake_date.write_text(f"#!/bin/sh\nnow=$(cat {clock})\necho $((now + 30)) > {clock}\necho $now\n")
    fake_date.chmod(0o755)
    env = {**os.environ, "PATH": f"{fake.parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(
        ["/bin/sh", str(SCRIPT), "app-prod-gate", str(minutes), "0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result, calls.read_text().splitlines() if calls.exists() else []


def test_an_alarm_during_the_bake_fails_the_step(tmp_path: Path) -> None:
    result, calls = run_bake(tmp_path, ["OK", "INSUFFICIENT_DATA", "ALARM", "OK"], minutes=5)

    assert result.returncode == 1
    assert "app-prod-gate went into ALARM" in result.stdout
    assert len(calls) == 3  # stopped at the first ALARM
    assert calls[0] == (
        "cloudwatch describe-alarms --alarm-names app-prod-gate --query MetricAlarms[0].StateValue --output text"
    )


def test_a_quiet_bake_succeeds_when_the_time_is_up(tmp_path: Path) -> None:
    result, calls = run_bake(tmp_path, ["OK"], minutes=0)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "stayed out of ALARM for 0 min" in result.stdout and len(calls) == 1


def test_an_environment_already_in_alarm_gets_the_bake_to_recover(tmp_path: Path) -> None:
    """A fix shipped into a hurting environment: ALARM at the start is not the fix's fault, yet."""
    result, calls = run_bake(tmp_path, ["ALARM", "ALARM", "OK"], minutes=0)
    assert result.returncode == 1 and "still in ALARM after 0 min" in result.stdout  # time up, still hurting

    result, calls = run_bake(tmp_path / "recovers", ["ALARM", "OK"], minutes=1)
    assert result.returncode == 0, result.stdout
    assert len(calls) == 2  # ALARM at 30 s, OK at 60 s: the deadline


def test_a_missing_alarm_fails_the_bake_instead_of_watching_nothing(tmp_path: Path) -> None:
    result, _ = run_bake(tmp_path, ["None"], minutes=5)

    assert result.returncode == 2 and "no alarm named app-prod-gate" in result.stderr


def test_a_failing_aws_call_fails_the_bake(tmp_path: Path) -> None:
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    (fake_bin / "aws").write_text("#!/bin/sh\necho 'AccessDenied' >&2\nexit 255\n")
    (fake_bin / "aws").chmod(0o755)
    env = {**os.environ, "PATH": f"{fake_bin}{os.pathsep}{os.environ['PATH']}"}

    result = subprocess.run(
        ["/bin/sh", str(SCRIPT), "app-prod-gate", "5", "0"], env=env, capture_output=True, text=True, timeout=60
    )

    assert result.returncode != 0 and "AccessDenied" in result.stderr
