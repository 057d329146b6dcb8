"""`runtime.canary.user_resource.handler`: the CloudFormation custom resource that keeps the canary user.

Handled directly by this function (no CDK provider framework). ResourceProperties: `UserPoolId`, `SecretArn`.
- Create/Update: read the secret, make the user exist with the secret's password (user_account.py); an Update
  comes only when a property (pool, secret) changes. PhysicalResourceId: the user's email, so a changed email
  makes CloudFormation delete the old user after the update.
- Delete: delete the user named by the PhysicalResourceId; one already gone is fine.
Every request gets its response PUT to the ResponseURL, FAILED with a reason for any exception, and FAILED by a
watchdog shortly before the function would time out, so CloudFormation never waits an hour. Neither the
response nor the log ever contains the password.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import boto3
from botocore.config import Config

from .cfn_response import FAILED, SUCCESS, CfnResponder
from .config import user_pool_region
from .journey import describe_error
from .json_log import log_line
from .secret import read_credentials
from .user_account import delete_canary_user, ensure_canary_user

# The PhysicalResourceId of a Create that failed before it knew the user: its rollback Delete has nothing to do.
NOT_CREATED = "canary-user-not-created"
_WATCHDOG_MARGIN_S = 5.0
_AWS_CONFIG = Config(connect_timeout=3, read_timeout=10, retries={"mode": "standard", "max_attempts": 3})


@dataclass
class _Outcome:
    physical_id: str
    username: str | None = None
    secret_value: str | None = None  # kept only to scrub it from any message


def handler(event: Mapping[str, Any], context: Any) -> None:
    responder = CfnResponder(event)
    request_type = event.get("RequestType")
    outcome = _Outcome(physical_id=event.get("PhysicalResourceId") or NOT_CREATED)
    watchdog = _watchdog(context, responder, outcome)
    try:
        reason = _apply(str(request_type), event.get("ResourceProperties") or {}, outcome)
        status = SUCCESS
    except Exception as error:  # noqa: BLE001 - CloudFormation must get an answer, whatever failed
        status, reason = FAILED, f"{request_type} of the canary user failed: {describe_error(error)}"
    finally:
        if watchdog:
            watchdog.cancel()
    if outcome.secret_value:
        reason = reason.replace(outcome.secret_value, "***")
    log_line(
        {
            "level": "INFO" if status == SUCCESS else "ERROR",
            "message": reason,
            "requestType": request_type,
            "status": status,
            "physicalResourceId": outcome.physical_id,
            "logicalResourceId": event.get("LogicalResourceId"),
        }
    )
    responder.send(status, reason, outcome.physical_id, {"Username": outcome.username} if outcome.username else None)


def _apply(request_type: str, properties: Mapping[str, Any], outcome: _Outcome) -> str:
    if request_type == "Delete":
        return _delete(properties, outcome.physical_id)
    if request_type not in ("Create", "Update"):
        raise ValueError(f"unknown RequestType {request_type!r}")
    pool_id, secret_arn = _required(properties, "UserPoolId"), _required(properties, "SecretArn")
    credentials = read_credentials(_client("secretsmanager", _arn_region(secret_arn)), secret_arn)
    outcome.secret_value = credentials.password
    if request_type == "Create":  # from here a failed Create's rollback deletes what it may have made
        outcome.physical_id = credentials.username
    ensure_canary_user(
        _client("cognito-idp", user_pool_region(pool_id)), pool_id, credentials.username, credentials.password
    )
    outcome.physical_id = outcome.username = credentials.username
    return f"canary user {credentials.username} is ready in {pool_id}"


def _delete(properties: Mapping[str, Any], username: str) -> str:
    pool_id = properties.get("UserPoolId")
    if username == NOT_CREATED or not isinstance(pool_id, str) or not pool_id:
        return "no canary user was created; nothing to delete"
    if delete_canary_user(_client("cognito-idp", user_pool_region(pool_id)), pool_id, username):
        return f"canary user {username} deleted from {pool_id}"
    return f"canary user {username} was already gone from {pool_id}"


def _required(properties: Mapping[str, Any], name: str) -> str:
    value = properties.get(name)
    if not isinstance(value, str) or not value:
        raise ValueError(f"ResourceProperties lacks {name}")
    return value


def _arn_region(arn: str) -> str | None:
    parts = arn.split(":")
    return parts[3] if len(parts) > 3 and parts[3] else None


def _client(service: str, region: str | None) -> Any:
    return boto3.session.Session().client(service, region_name=region, config=_AWS_CONFIG)


def _watchdog(context: Any, responder: CfnResponder, outcome: _Outcome) -> threading.Timer | None:
    """FAILED shortly before the function times out, if the handler has not answered by then."""
    remaining = getattr(context, "get_remaining_time_in_millis", None)
    if remaining is None:
        return None
    seconds = max(0.5, remaining() / 1000 - _WATCHDOG_MARGIN_S)
    timer = threading.Timer(
        seconds, lambda: responder.send(FAILED, "the canary user function timed out", outcome.physical_id)
    )
    timer.daemon = True
    timer.start()
    return timer
