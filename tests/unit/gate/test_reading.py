"""What the gate checks see of an environment, read through its reader role from moto (mock_aws): every way
the signal can be missing is blind, never healthy."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from pipeline.gate.reading import GateReader, Reading

from .target_account import ACCOUNT, ALARM, READER, REGION, TargetAccount, target


@pytest.fixture
def account() -> Iterator[TargetAccount]:
    with mock_aws():
        yield TargetAccount()


def read(**kwargs: Any) -> Reading:
    return GateReader(target(**kwargs), session=boto3.Session(region_name="us-east-1")).read()


def test_an_ok_gate_with_a_recent_canary_result_is_healthy(account: TargetAccount) -> None:
    account.create_gate()
    account.set_gate("OK")
    account.canary_reported(minutes_ago=2)

    reading = read()

    assert reading.health == "healthy"
    assert reading.detail == f"{ALARM} is OK, the canary reported 2 min ago"


def test_alarm_is_alarm_and_names_the_reason(account: TargetAccount) -> None:
    account.create_gate()
    account.set_gate("ALARM")
    account.canary_reported()

    assert read() == Reading("alarm", f"{ALARM} is in ALARM (test: ALARM)")


def test_a_new_gate_that_was_never_evaluated_is_blind(account: TargetAccount) -> None:
    account.create_gate()  # CloudWatch starts a composite alarm as INSUFFICIENT_DATA

    reading = read()

    assert reading.health == "blind"
    assert reading.detail == f"{ALARM} is INSUFFICIENT_DATA (CloudWatch has not evaluated it yet)"


def test_a_missing_alarm_is_blind_and_says_where_it_looked(account: TargetAccount) -> None:
    account.create_gate(name="someone-elses-gate")

    assert read() == Reading("blind", f"no alarm named {ALARM} in {ACCOUNT}/{REGION}")


def test_an_alarm_of_the_same_name_in_another_account_or_region_does_not_count(account: TargetAccount) -> None:
    TargetAccount(region="us-east-1").create_gate()  # the right account, the pipeline's region
    TargetAccount(region="us-east-1").set_gate("OK")
    boto3.Session().client("cloudwatch", region_name=REGION).put_metric_alarm(  # pipeline account, target region
        AlarmName=ALARM, MetricName="m", Namespace="n", Statistic="Sum", Period=60, EvaluationPeriods=1,
        Threshold=1, ComparisonOperator="GreaterThanOrEqualToThreshold",
    )  # fmt: skip

    assert read().detail == f"no alarm named {ALARM} in {ACCOUNT}/{REGION}"


def test_a_canary_that_stopped_reporting_makes_an_ok_gate_blind(account: TargetAccount) -> None:
    account.create_gate()
    account.set_gate("OK")
    account.canary_reported(minutes_ago=20)  # older than the 15-minute freshness limit
    account.canary_reported(minutes_ago=1, env="dev")  # another environment's canary does not count

    reading = read()

    assert reading.health == "blind"
    assert reading.detail.startswith("the canary has reported no result for 15 min (MobileBackend/Canary ")
    assert "Environment=prod" in reading.detail


def test_without_a_canary_an_ok_gate_is_healthy(account: TargetAccount) -> None:
    account.create_gate()
    account.set_gate("OK")

    assert read(canary_freshness_minutes=None) == Reading("healthy", f"{ALARM} is OK")


class _RefusingSession:
    """A session whose STS refuses the role, as IAM does when the trust policy does not name the caller."""

    region_name = "us-east-1"

    def client(self, service: str, **_: Any) -> Any:
        assert service == "sts", service
        return self

    def assume_role(self, **_: Any) -> Any:
        raise ClientError(
            {"Error": {"Code": "AccessDenied", "Message": "not authorized to perform sts:AssumeRole"}}, "AssumeRole"
        )


def test_a_role_that_cannot_be_assumed_is_blind_and_names_the_role() -> None:
    reading = GateReader(target(), session=_RefusingSession()).read()

    assert reading == Reading(
        "blind", f"cannot assume {READER} (AccessDenied: not authorized to perform sts:AssumeRole)"
    )


def test_credentials_are_assumed_again_before_they_expire(account: TargetAccount) -> None:
    account.create_gate()
    account.set_gate("OK")
    account.canary_reported()
    now = [datetime.datetime.now(datetime.UTC)]
    calls: list[str] = []
    session = boto3.Session(region_name="us-east-1")
    session.events.register("before-call.sts.AssumeRole", lambda **_: calls.append("assume"))
    reader = GateReader(target(), session=session, clock=lambda: now[0])

    reader.read()
    reader.read()
    assert calls == ["assume"]  # one role session for a whole bake hour
    now[0] += datetime.timedelta(minutes=56)  # moto's credentials last an hour, like AWS's default
    assert reader.read().health == "blind"  # the canary result is now an hour old
    assert calls == ["assume", "assume"]
