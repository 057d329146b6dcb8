"""What a gate check sees of one environment: its gate alarm, read where it lives, and the canary's last result.

The pipeline's step role assumes the environment's reader role (backend/infra/rollout_gate.py) and calls
CloudWatch in the environment's own region: `DescribeAlarms` for the composite gate alarm (composite alarms are
only returned when `AlarmTypes` names them:
https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html) and
`GetMetricStatistics` for the canary's newest datum. Anything that keeps the check from seeing the environment's
health is *blind*, never healthy: the callers fail closed on it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from backend.naming import CANARY_DIMENSION, CANARY_METRIC_NAMESPACE, CANARY_SUCCESS_METRIC
from pipeline.aws_errors import describe

Health = Literal["healthy", "alarm", "blind"]
Clock = Callable[[], datetime.datetime]

# Assumed-role credentials last an hour; a bake can last four. Assume again this long before they expire.
_RENEW_BEFORE = datetime.timedelta(minutes=5)


def utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


@dataclass(frozen=True)
class Reading:
    health: Health
    detail: str  # one phrase that says what was seen, or what could not be seen and why

    @property
    def healthy(self) -> bool:
        return self.health == "healthy"


@dataclass(frozen=True)
class GateTarget:
    environment: str
    alarm_name: str
    region: str
    reader_role_arn: str
    canary_freshness_minutes: int | None  # None: the environment runs no canary

    @property
    def account(self) -> str:
        return self.reader_role_arn.split(":")[4]

    @property
    def where(self) -> str:
        return f"{self.account}/{self.region}"


class GateReader:
    def __init__(self, target: GateTarget, *, session: Any = None, clock: Clock = utc_now) -> None:
        self.target = target
        self._session = session or boto3.Session()
        self._clock = clock
        self._credentials: dict[str, Any] | None = None
        self._client: Any = None  # CloudWatch with the current credentials

    def read(self) -> Reading:
        target = self.target
        try:
            cloudwatch = self._cloudwatch()
        except (ClientError, BotoCoreError) as exc:
            return Reading("blind", f"cannot assume {target.reader_role_arn} ({describe(exc)})")
        try:
            found = cloudwatch.describe_alarms(AlarmNames=[target.alarm_name], AlarmTypes=["CompositeAlarm"])
        except (ClientError, BotoCoreError) as exc:
            return Reading("blind", f"cannot read alarm {target.alarm_name} in {target.where} ({describe(exc)})")
        alarms = found.get("CompositeAlarms") or []
        if not alarms:
            return Reading("blind", f"no alarm named {target.alarm_name} in {target.where}")
        state = alarms[0].get("StateValue")
        if state == "ALARM":
            return Reading("alarm", f"{target.alarm_name} is in ALARM ({alarms[0].get('StateReason', 'no reason')})")
        if state != "OK":
            return Reading("blind", f"{target.alarm_name} is {state} (CloudWatch has not evaluated it yet)")
        if target.canary_freshness_minutes is None:
            return Reading("healthy", f"{target.alarm_name} is OK")
        return self._canary(cloudwatch, target.canary_freshness_minutes)

    def _canary(self, cloudwatch: Any, freshness_minutes: int) -> Reading:
        target = self.target
        now = self._clock()
        metric = f"{CANARY_METRIC_NAMESPACE} {CANARY_SUCCESS_METRIC} {CANARY_DIMENSION}={target.environment}"
        try:
            stats = cloudwatch.get_metric_statistics(
                Namespace=CANARY_METRIC_NAMESPACE,
                MetricName=CANARY_SUCCESS_METRIC,
                Dimensions=[{"Name": CANARY_DIMENSION, "Value": target.environment}],
                StartTime=now - datetime.timedelta(minutes=freshness_minutes),
                EndTime=now,
                Period=60,
                Statistics=["SampleCount"],
            )
        except (ClientError, BotoCoreError) as exc:
            return Reading("blind", f"cannot read the canary's results ({metric}) in {target.where} ({describe(exc)})")
        times = [point["Timestamp"] for point in stats.get("Datapoints") or []]
        if not times:
            return Reading(
                "blind", f"the canary has reported no result for {freshness_minutes} min ({metric} in {target.where})"
            )
        age = max(0, int((now - max(times)).total_seconds() // 60))
        return Reading("healthy", f"{target.alarm_name} is OK, the canary reported {age} min ago")

    def _cloudwatch(self) -> Any:
        """CloudWatch in the environment's region as the reader role; assumed again shortly before expiry."""
        credentials = self._credentials
        if credentials is None or credentials["Expiration"] - self._clock() < _RENEW_BEFORE:
            sts = self._session.client("sts", region_name=self._session.region_name or self.target.region)
            response = sts.assume_role(
                RoleArn=self.target.reader_role_arn, RoleSessionName=f"gate-{self.target.environment}"[:64]
            )
            credentials = self._credentials = response["Credentials"]
            self._client = self._session.client(
                "cloudwatch",
                region_name=self.target.region,
                aws_access_key_id=credentials["AccessKeyId"],
                aws_secret_access_key=credentials["SecretAccessKey"],
                aws_session_token=credentials["SessionToken"],
            )
        return self._client
