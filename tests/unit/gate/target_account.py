"""An environment's account in moto, as the gate checks see it: its composite gate alarm and canary results.

moto keeps one backend per account; credentials from `AssumeRole` act in the role's account, so everything here
is created through a role in the target account, as the stack's own resources would be.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import boto3

from backend.naming import CANARY_DIMENSION, CANARY_METRIC_NAMESPACE, CANARY_SUCCESS_METRIC
from pipeline.gate.reading import GateTarget
from sandbox.moto_host import moto_composite_alarms

ACCOUNT, REGION, ENV = "333333333333", "us-west-2", "prod"
ALARM = "mobile-backend-prod-gate"
READER = f"arn:aws:iam::{ACCOUNT}:role/mobile-backend-prod-gate-reader"


def target(*, canary_freshness_minutes: int | None = 15) -> GateTarget:
    return GateTarget(ENV, ALARM, REGION, READER, canary_freshness_minutes)


@dataclass
class TargetAccount:
    """The target environment, reached through `endpoint_url` (None: in-process mock_aws)."""

    endpoint_url: str | None = None
    region: str = REGION

    def client(self, service: str) -> Any:
        # A session of its own: boto3's default session would keep these credentials for later tests.
        session = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing")
        sts = session.client("sts", region_name="us-east-1", endpoint_url=self.endpoint_url)
        credentials = sts.assume_role(RoleArn=f"arn:aws:iam::{ACCOUNT}:role/setup", RoleSessionName="setup")[
            "Credentials"
        ]
        return session.client(
            service,
            region_name=self.region,
            endpoint_url=self.endpoint_url,
            aws_access_key_id=credentials["AccessKeyId"],
            aws_secret_access_key=credentials["SecretAccessKey"],
            aws_session_token=credentials["SessionToken"],
        )

    def create_gate(self, name: str = ALARM) -> None:
        moto_composite_alarms.install()
        self.client("cloudwatch").put_composite_alarm(AlarmName=name, AlarmRule='ALARM("member")')

    def set_gate(self, state: str, name: str = ALARM) -> None:
        self.client("cloudwatch").set_alarm_state(AlarmName=name, StateValue=state, StateReason=f"test: {state}")

    def delete_gate(self, name: str = ALARM) -> None:
        self.client("cloudwatch").delete_alarms(AlarmNames=[name])

    def canary_reported(self, *, minutes_ago: float = 1, env: str = ENV, succeeded: bool = True) -> None:
        when = datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=minutes_ago)
        self.client("cloudwatch").put_metric_data(
            Namespace=CANARY_METRIC_NAMESPACE,
            MetricData=[
                {
                    "MetricName": CANARY_SUCCESS_METRIC,
                    "Dimensions": [{"Name": CANARY_DIMENSION, "Value": env}],
                    "Timestamp": when,
                    "Value": 1.0 if succeeded else 0.0,
                }
            ],
        )
