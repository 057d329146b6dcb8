"""`python -m pipeline.gate` as the pipeline's steps run it: a separate process, configured only by the step's
project variables, against a moto server standing in for AWS. The test moves the target's gate alarm and
watches the step's decision follow, with bakes shortened by GATE_SECONDS_PER_MINUTE."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import pytest

from pipeline.gate import variables
from pipeline.project_root import PROJECT_ROOT
from sandbox.moto_host.moto_server import MotoServer

from .target_account import ALARM, ENV, READER, REGION, TargetAccount


@pytest.fixture(scope="module")
def moto() -> Iterator[MotoServer]:
    server = MotoServer().start()
    yield server
    server.stop()


@pytest.fixture
def account(moto: MotoServer) -> Iterator[TargetAccount]:
    account = TargetAccount(endpoint_url=moto.url)
    yield account
    account.client("cloudwatch").delete_alarms(AlarmNames=[ALARM])


def step_environment(moto: MotoServer, **extra: str) -> dict[str, str]:
    """What CodeBuild gives the step: its project variables, the pipeline's region, a role's credentials."""
    return {
        "PATH": os.environ["PATH"],
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_REGION": "us-east-1",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ENDPOINT_URL": moto.url,
        "AWS_MAX_ATTEMPTS": "1",  # moto knows no such pipeline: fail fast (the check then enforces the gate)
        variables.ENVIRONMENT: ENV,
        variables.ALARM: ALARM,
        variables.REGION: REGION,
        variables.READER_ROLE: READER,
        variables.PIPELINE: "mobile-backend-pipeline",
        variables.STAGE: "Prod",
        variables.SECONDS_PER_MINUTE: "1",
        **extra,
    }


def gate(moto: MotoServer, check: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline.gate", check],
        cwd=PROJECT_ROOT,
        env=step_environment(moto, **extra),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("state", "status", "says"),
    [
        ("OK", 0, "PASS: mobile-backend-prod-gate is OK"),
        ("ALARM", 1, "FAIL: mobile-backend-prod-gate is in ALARM"),
        ("INSUFFICIENT_DATA", 2, "FAIL: mobile-backend-prod-gate is INSUFFICIENT_DATA"),
        (None, 2, "FAIL: no alarm named mobile-backend-prod-gate in 333333333333/us-west-2"),
    ],
)
def test_the_entry_check_follows_the_targets_alarm(
    moto: MotoServer, account: TargetAccount, state: str | None, status: int, says: str
) -> None:
    if state is not None:
        account.create_gate()
        account.set_gate(state)

    result = gate(moto, "entry")

    assert result.returncode == status, result.stdout + result.stderr
    assert says in result.stdout


@pytest.mark.parametrize(
    ("state", "status", "says"),
    [
        ("OK", 0, "bake prod: PASS: stayed out of ALARM for 2 min"),
        ("ALARM", 1, "as the bake starts"),
        ("INSUFFICIENT_DATA", 2, "the pipeline cannot see this environment's health"),
        (None, 2, "no alarm named mobile-backend-prod-gate"),
    ],
)
def test_the_bake_in_each_alarm_state(
    moto: MotoServer, account: TargetAccount, state: str | None, status: int, says: str
) -> None:
    if state is not None:
        account.create_gate()
        account.set_gate(state)

    started = time.monotonic()
    result = gate(moto, "bake", **{variables.BAKE_MINUTES: "2"})

    assert result.returncode == status, result.stdout + result.stderr
    assert says in result.stdout
    if status:
        assert time.monotonic() - started < 30  # fails at once, not after the (shortened) bake


def test_an_alarm_raised_mid_bake_fails_it_and_its_clearing_lets_the_next_release_in(
    moto: MotoServer, account: TargetAccount
) -> None:
    account.create_gate()
    account.set_gate("OK")
    raise_alarm = threading.Timer(3.0, account.set_gate, ["ALARM"])
    raise_alarm.start()
    try:
        result = gate(moto, "bake", **{variables.BAKE_MINUTES: "60"})  # a 60-"minute" bake is 60 s here
    finally:
        raise_alarm.cancel()

    assert result.returncode == 1, result.stdout + result.stderr
    assert "FAIL: mobile-backend-prod-gate is in ALARM (test: ALARM) during the bake" in result.stdout
    assert "min to go" not in result.stdout.split("FAIL")[-1]

    assert gate(moto, "entry").returncode == 1  # still hurting: the next release waits
    account.set_gate("OK")
    assert gate(moto, "entry").returncode == 0


def test_a_stale_canary_fails_the_entry_check_closed(moto: MotoServer, account: TargetAccount) -> None:
    account.create_gate()
    account.set_gate("OK")
    account.canary_reported(minutes_ago=30)

    result = gate(moto, "entry", **{variables.CANARY_FRESHNESS: "15"})
    assert result.returncode == 2
    assert "the canary has reported no result for 15 min" in result.stdout

    account.canary_reported(minutes_ago=1)
    assert gate(moto, "entry", **{variables.CANARY_FRESHNESS: "15"}).returncode == 0


def test_a_first_deploy_override_is_visible_and_lets_a_missing_gate_through(
    moto: MotoServer, account: TargetAccount
) -> None:
    override = {
        variables.OVERRIDE_MODE: "first-deploy",
        variables.OVERRIDE_REASON: "new environment",
        variables.OVERRIDE_EXPIRES: "2999-01-01",
    }
    result = gate(moto, "entry", **override)

    assert result.returncode == 0, result.stdout
    assert "OVERRIDE in effect: gate_override first-deploy until 2999-01-01 (new environment)" in result.stdout
    assert "OVERRIDE accepted entry without seeing the gate: no alarm named" in result.stdout
    assert "no notification topic configured" in result.stdout

    expired = gate(moto, "entry", **{**override, variables.OVERRIDE_EXPIRES: "2020-01-01"})
    assert expired.returncode == 2 and "has expired: ignored" in expired.stdout


def test_a_missing_variable_or_a_bad_override_fails_closed_with_one_line(moto: MotoServer) -> None:
    env = step_environment(moto)
    del env[variables.READER_ROLE]
    result = subprocess.run(
        [sys.executable, "-m", "pipeline.gate", "entry"], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert result.stdout.strip().splitlines() == [
        "gate: GATE_READER_ROLE_ARN is not set (the step's project variables come from pipeline/gate_steps.py)"
    ]

    bad = gate(moto, "entry", **{variables.OVERRIDE_MODE: "skip-the-gate"})
    assert bad.returncode == 2
    assert "GATE_OVERRIDE_MODE='skip-the-gate': expected first-deploy or ship-into-alarm" in bad.stdout
