"""The scheduled canary (backend/runtime/canary/handler.py): the journey against the in-test AppSync, signed in
through Cognito, credentials and metrics in moto. One PutMetricData per run; a failing step is a result (0,
logged with its name and reason), never an exception; a publish failure raises."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from backend import naming
from backend.runtime.canary import handler as canary_handler
from backend.runtime.canary import journey
from backend.runtime.canary.config import CanaryConfig, CanaryConfigError
from backend.runtime.canary.handler import CanaryClients, run_canary
from backend.runtime.canary.user_account import ensure_canary_user

from .test_canary_fake_appsync import is_cognito_id_token, jwt_claims, running_fake_appsync

REGION = "us-east-1"
EMAIL = "canary@test-env.invalid"  # the infrastructure names it canary@<env>.invalid
PASSWORD = "Canary-Password-1!"
ENVIRONMENT = "test-env"


class RecordingCloudWatch:
    """Moto's CloudWatch, with every PutMetricData call kept as sent."""

    def __init__(self, client: Any) -> None:
        self._client = client
        self.calls: list[dict[str, Any]] = []

    def put_metric_data(self, **request: Any) -> Any:
        self.calls.append(request)
        return self._client.put_metric_data(**request)


class RefusingCloudWatch:
    """CloudWatch for a function whose role may not publish."""

    def put_metric_data(self, **request: Any) -> Any:
        raise ClientError({"Error": {"Code": "AccessDenied", "Message": "not allowed"}}, "PutMetricData")


@pytest.fixture
def cloud():
    """moto: a user pool that signs in by email, its app client (USER_PASSWORD_AUTH), the canary user and secret."""
    with mock_aws():
        session = boto3.session.Session(region_name=REGION)
        cognito = session.client("cognito-idp")
        pool_id = cognito.create_user_pool(PoolName="users", UsernameAttributes=["email"])["UserPool"]["Id"]
        client_id = cognito.create_user_pool_client(
            UserPoolId=pool_id,
            ClientName="app",
            ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        )["UserPoolClient"]["ClientId"]
        ensure_canary_user(cognito, pool_id, EMAIL, PASSWORD)
        secrets = session.client("secretsmanager")
        secret_arn = secrets.create_secret(
            Name="canary", SecretString=json.dumps({"username": EMAIL, "password": PASSWORD})
        )["ARN"]
        yield {
            "session": session,
            "pool_id": pool_id,
            "client_id": client_id,
            "secret_arn": secret_arn,
            "environ": {
                "USER_POOL_ID": pool_id,
                "USER_POOL_CLIENT_ID": client_id,
                "CANARY_SECRET_ARN": secret_arn,
                "CANARY_ENVIRONMENT": ENVIRONMENT,
                "CANARY_METRIC_NAMESPACE": naming.CANARY_METRIC_NAMESPACE,
                "CANARY_SUCCESS_METRIC": naming.CANARY_SUCCESS_METRIC,
                "CANARY_DURATION_METRIC": naming.CANARY_DURATION_METRIC,
                "CANARY_DIMENSION": naming.CANARY_DIMENSION,
            },
        }


@pytest.fixture
def appsync(tmp_path):
    with running_fake_appsync(tmp_path, accepts=is_cognito_id_token) as fake:
        yield fake


def config_for(cloud, appsync) -> CanaryConfig:
    config = CanaryConfig.from_environ({**cloud["environ"], "GRAPHQL_URL": appsync.url})
    return replace(config, target=replace(config.target, ca_file=appsync.ca_cert))


def clients(cloud, cloudwatch: Any) -> CanaryClients:
    session = cloud["session"]
    return CanaryClients(session.client("secretsmanager"), session.client("cognito-idp"), cloudwatch)


def run(cloud, appsync, cloudwatch: Any | None = None) -> tuple[dict[str, Any], RecordingCloudWatch, list[dict]]:
    recording = cloudwatch or RecordingCloudWatch(cloud["session"].client("cloudwatch"))
    lines: list[dict[str, Any]] = []
    summary = run_canary(config_for(cloud, appsync), clients(cloud, recording), emit=lines.append)
    return summary, recording, lines


def published(cloud) -> list[dict[str, Any]]:
    """What moto's CloudWatch holds for the canary's success metric in this environment."""
    now = dt.datetime.now(dt.UTC)
    return (
        cloud["session"]
        .client("cloudwatch")
        .get_metric_statistics(
            Namespace=naming.CANARY_METRIC_NAMESPACE,
            MetricName=naming.CANARY_SUCCESS_METRIC,
            Dimensions=[{"Name": naming.CANARY_DIMENSION, "Value": ENVIRONMENT}],
            StartTime=now - dt.timedelta(minutes=5),
            EndTime=now + dt.timedelta(minutes=1),
            Period=60,
            Statistics=["Minimum", "SampleCount"],
        )["Datapoints"]
    )


DIMENSIONS = [{"Name": naming.CANARY_DIMENSION, "Value": ENVIRONMENT}]


def test_a_passing_journey_publishes_success_and_its_duration_in_one_call(cloud, appsync):
    summary, cloudwatch, lines = run(cloud, appsync)

    assert summary["succeeded"] is True
    assert list(summary["steps"]) == list(journey.STEPS)
    assert len(cloudwatch.calls) == 1
    call = cloudwatch.calls[0]
    assert call["Namespace"] == "MobileBackend/Canary"
    assert call["MetricData"] == [
        {"MetricName": "JourneySucceeded", "Dimensions": DIMENSIONS, "Value": 1, "Unit": "Count"},
        {
            "MetricName": "JourneyDuration",
            "Dimensions": DIMENSIONS,
            "Value": summary["durationMs"],
            "Unit": "Milliseconds",
        },
    ]
    assert summary["durationMs"] >= sum(summary["steps"].values()) - len(journey.STEPS)
    assert [point["Minimum"] for point in published(cloud)] == [1.0]
    assert len(lines) == 1 and lines[0]["level"] == "INFO" and lines[0]["environment"] == ENVIRONMENT
    # It signed in as the canary and used the ID token (raw) for HTTP and realtime alike.
    tokens = {request["authorization"] for request in appsync.requests}
    tokens.add(appsync.handshakes[0]["header"]["Authorization"])
    assert len(tokens) == 1
    assert jwt_claims(tokens.pop())["email"] == EMAIL
    assert appsync.posts == {}  # created, seen, read and deleted


@pytest.mark.parametrize("broken", ["createPost", "getPost", "deletePost"])
def test_a_failing_step_publishes_zero_and_names_the_step(cloud, appsync, broken):
    appsync.broken.add(broken)
    summary, cloudwatch, lines = run(cloud, appsync)

    assert summary["succeeded"] is False
    assert summary["failedStep"] == broken
    assert summary["reason"] == f"Lambda:Unhandled: {broken} is broken on purpose"
    assert list(summary["steps"])[-1] == broken  # nothing ran after it
    assert [call["MetricData"] for call in cloudwatch.calls] == [
        [{"MetricName": "JourneySucceeded", "Dimensions": DIMENSIONS, "Value": 0, "Unit": "Count"}]
    ]
    assert [point["Minimum"] for point in published(cloud)] == [0.0]
    (line,) = lines
    assert line["level"] == "ERROR"
    assert line["failedStep"] == broken and line["reason"] == summary["reason"]
    assert json.loads(json.dumps(line)) == line  # one JSON line


def test_a_post_whose_event_never_arrives_fails_at_receive_and_is_still_deleted(cloud, appsync, monkeypatch):
    monkeypatch.setitem(journey.STEP_TIMEOUTS_S, journey.RECEIVE_POST, 0.5)
    appsync.publish_events = False
    summary, _, _ = run(cloud, appsync)

    assert summary["failedStep"] == "receivePost"
    assert "no matching data event" in summary["reason"]
    assert len(appsync.created_ids) == 1 and appsync.posts == {}  # the cleanup deleted it
    assert "postLeftBehind" not in summary


def test_a_wrong_password_fails_at_sign_in_without_the_password_anywhere(cloud, appsync):
    wrong = "Not-The-Password-2!"
    secrets = cloud["session"].client("secretsmanager")
    secrets.put_secret_value(
        SecretId=cloud["secret_arn"], SecretString=json.dumps({"username": EMAIL, "password": wrong})
    )
    summary, cloudwatch, lines = run(cloud, appsync)

    assert summary["failedStep"] == "signIn"
    assert summary["reason"].startswith("NotAuthorizedException")
    assert cloudwatch.calls[0]["MetricData"][0]["Value"] == 0
    assert wrong not in json.dumps(lines) and PASSWORD not in json.dumps(lines)
    assert appsync.requests == []


def test_an_unreadable_secret_is_a_failed_run_not_an_exception(cloud, appsync):
    cloud["session"].client("secretsmanager").delete_secret(
        SecretId=cloud["secret_arn"], ForceDeleteWithoutRecovery=True
    )
    summary, cloudwatch, _ = run(cloud, appsync)

    assert summary["failedStep"] == "readSecret"
    assert summary["reason"].startswith("ResourceNotFoundException")
    assert cloudwatch.calls[0]["MetricData"][0]["Value"] == 0


def test_a_secret_of_the_wrong_shape_names_the_shape_but_not_its_content(cloud, appsync):
    secrets = cloud["session"].client("secretsmanager")
    secrets.put_secret_value(SecretId=cloud["secret_arn"], SecretString='{"user": "x", "pass": "hunter2-secret"}')
    summary, _, lines = run(cloud, appsync)

    assert summary["failedStep"] == "readSecret"
    assert "username" in summary["reason"]
    assert "hunter2-secret" not in json.dumps(lines)


def test_a_metric_publish_failure_raises_after_logging_the_result(cloud, appsync):
    lines: list[dict[str, Any]] = []
    with pytest.raises(ClientError, match="AccessDenied"):
        run_canary(config_for(cloud, appsync), clients(cloud, RefusingCloudWatch()), emit=lines.append)
    assert lines[0]["succeeded"] is True


def test_the_journey_budget_bounds_the_run(cloud, appsync):
    config = config_for(cloud, appsync)
    result = journey.run_journey(config.target, EMAIL, PASSWORD, cloud["session"].client("cognito-idp"), budget_s=0.0)
    assert (result.succeeded, result.failed_step) == (False, "signIn")
    assert "budget ran out" in (result.reason or "")


def test_the_lambda_entry_point_reads_its_environment_and_publishes(cloud, appsync, monkeypatch, capsys):
    for name, value in {**cloud["environ"], "GRAPHQL_URL": appsync.url}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("SSL_CERT_FILE", appsync.ca_cert)  # in Lambda: the system trust store
    canary_handler._default_clients.cache_clear()
    try:
        summary = canary_handler.handler({"source": "aws.scheduler"}, None)
    finally:
        canary_handler._default_clients.cache_clear()

    assert summary["succeeded"] is True, summary
    assert [point["Minimum"] for point in published(cloud)] == [1.0]
    (line,) = capsys.readouterr().out.splitlines()
    assert json.loads(line)["message"] == "canary journey passed"


def test_a_missing_variable_is_a_loud_configuration_error(cloud, monkeypatch):
    for name, value in cloud["environ"].items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("GRAPHQL_URL", raising=False)
    with pytest.raises(CanaryConfigError, match="GRAPHQL_URL"):
        canary_handler.handler({}, None)
