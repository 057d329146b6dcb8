"""`runtime.canary.handler.handler`: the scheduled journey (an EventBridge schedule; its event is ignored).

Each run reads the canary user's credentials, runs the journey (journey.py) and publishes ONE metric datum set
(metrics.py). A failing journey is a result, not an exception: it is logged as one JSON line naming the step
and the reason, published as 0 and returned; raising would make Lambda retry the asynchronous invocation and
count a function error. Only a failure to publish (or a missing variable) raises.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from typing import Any

import boto3
from botocore.config import Config

from .config import CanaryConfig, user_pool_region
from .journey import JourneyResult, describe_error, journey_cognito_config, run_journey
from .json_log import LogLine, log_line
from .metrics import publish
from .secret import read_credentials

READ_SECRET = "readSecret"  # noqa: S105 - a step's name; the step named when the credentials cannot be read
_AWS_CONFIG = Config(connect_timeout=3, read_timeout=5, retries={"mode": "standard", "max_attempts": 3})


@dataclass(frozen=True)
class CanaryClients:
    secretsmanager: Any
    cognito: Any
    cloudwatch: Any


@cache
def _default_clients(cognito_region: str) -> CanaryClients:
    """Created once per warm function instance (Lambda's AWS_REGION for everything but Cognito, whose region
    the user pool id names)."""
    session = boto3.session.Session()
    return CanaryClients(
        secretsmanager=session.client("secretsmanager", config=_AWS_CONFIG),
        cognito=session.client("cognito-idp", region_name=cognito_region, config=journey_cognito_config()),
        cloudwatch=session.client("cloudwatch", config=_AWS_CONFIG),
    )


def handler(event: Any, context: Any) -> dict[str, Any]:
    config = CanaryConfig.from_environ(os.environ)
    return run_canary(config, _default_clients(user_pool_region(config.user_pool_id)))


def run_canary(config: CanaryConfig, clients: CanaryClients, *, emit: LogLine = log_line) -> dict[str, Any]:
    """One journey, logged and published; returns the summary (what the log line says)."""
    try:
        credentials = read_credentials(clients.secretsmanager, config.secret_arn)
    except Exception as error:  # noqa: BLE001 - counted as a failed run: the canary cannot vouch for the environment
        result = JourneyResult.failed_before_start(READ_SECRET, describe_error(error))
    else:
        result = run_journey(config.target, credentials.username, credentials.password, clients.cognito)
    summary = {"environment": config.metrics.environment, **result.summary()}
    if result.succeeded:
        emit({"level": "INFO", "message": "canary journey passed", **summary})
    else:
        emit({"level": "ERROR", "message": f"canary journey failed at {result.failed_step}", **summary})
    publish(clients.cloudwatch, config.metrics, result)
    return summary
