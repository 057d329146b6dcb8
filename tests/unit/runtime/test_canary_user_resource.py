"""The canary user's custom resource (backend/runtime/canary/user_resource.py) against moto's Cognito and
Secrets Manager, with CloudFormation's ResponseURL served by a local HTTP server that keeps every PUT."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import boto3
import pytest
from moto import mock_aws

from backend.runtime.canary import user_resource
from backend.runtime.canary.user_resource import NOT_CREATED, handler
from backend.runtime.local_context import LocalContext

REGION = "us-east-1"
EMAIL = "canary@test-env.invalid"  # the infrastructure names it canary@<env>.invalid
PASSWORD = "Canary-Password-1!"


@dataclass
class ResponseBucket:
    """Stands in for the presigned S3 URL: keeps each PUT; answers `failures_first` 503s before a 200."""

    url: str = ""
    puts: list[dict[str, Any]] = field(default_factory=list)
    failures_first: int = 0

    @property
    def response(self) -> dict[str, Any]:
        assert len(self.puts) == 1, f"expected exactly one response, got {len(self.puts)}"
        return self.puts[0]["body"]


@pytest.fixture
def bucket() -> Iterator[ResponseBucket]:
    state = ResponseBucket()

    class Handler(BaseHTTPRequestHandler):
        def do_PUT(self) -> None:  # http.server's naming
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if state.failures_first > 0:
                state.failures_first -= 1
                self.send_response(503)
                self.end_headers()
                return
            state.puts.append({"path": self.path, "headers": dict(self.headers), "body": json.loads(body)})
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/cfn-response?X-Amz-Signature=abc"
    yield state
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def cloud():
    with mock_aws():
        session = boto3.session.Session(region_name=REGION)
        cognito = session.client("cognito-idp")
        pool_id = cognito.create_user_pool(
            PoolName="users",
            UsernameAttributes=["email"],
            Policies={"PasswordPolicy": {"MinimumLength": 12, "RequireNumbers": True, "RequireSymbols": True}},
        )["UserPool"]["Id"]
        cognito.create_group(UserPoolId=pool_id, GroupName="admins")
        client_id = cognito.create_user_pool_client(
            UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"]
        )["UserPoolClient"]["ClientId"]
        secrets = session.client("secretsmanager")
        arn = secrets.create_secret(Name="canary", SecretString=json.dumps({"username": EMAIL, "password": PASSWORD}))[
            "ARN"
        ]
        yield {"cognito": cognito, "secrets": secrets, "pool_id": pool_id, "client_id": client_id, "secret_arn": arn}


def event(request_type: str, cloud, bucket: ResponseBucket, **extra: Any) -> dict[str, Any]:
    return {
        "RequestType": request_type,
        "ResponseURL": bucket.url,
        "StackId": "arn:aws:cloudformation:us-east-1:123456789012:stack/Dev-MobileBackend/guid",
        "RequestId": f"request-{request_type}",
        "LogicalResourceId": "CanaryUser",
        "ResourceType": "Custom::CanaryUser",
        "ResourceProperties": {
            "ServiceToken": "arn:aws:lambda:...",
            "UserPoolId": cloud["pool_id"],
            "SecretArn": cloud["secret_arn"],
        },
        **extra,
    }


def sign_in(cloud, password: str) -> dict[str, Any]:
    return cloud["cognito"].initiate_auth(
        ClientId=cloud["client_id"],
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": EMAIL, "PASSWORD": password},
    )


def set_secret(cloud, password: str) -> None:
    cloud["secrets"].put_secret_value(
        SecretId=cloud["secret_arn"], SecretString=json.dumps({"username": EMAIL, "password": password})
    )


def test_create_makes_an_ordinary_user_who_signs_in_with_the_secrets_password(cloud, bucket):
    handler(event("Create", cloud, bucket), LocalContext())

    response = bucket.response
    assert response["Status"] == "SUCCESS"
    assert response["PhysicalResourceId"] == EMAIL
    assert (response["StackId"], response["RequestId"], response["LogicalResourceId"]) == (
        "arn:aws:cloudformation:us-east-1:123456789012:stack/Dev-MobileBackend/guid",
        "request-Create",
        "CanaryUser",
    )
    assert response["Data"] == {"Username": EMAIL}
    assert bucket.puts[0]["headers"].get("Content-Type") == ""  # what the presigned URL was signed for
    assert bucket.puts[0]["path"] == "/cfn-response?X-Amz-Signature=abc"

    assert "IdToken" in sign_in(cloud, PASSWORD)["AuthenticationResult"]
    user = cloud["cognito"].admin_get_user(UserPoolId=cloud["pool_id"], Username=EMAIL)
    attributes = {a["Name"]: a["Value"] for a in user["UserAttributes"]}
    assert attributes["email"] == EMAIL and attributes["email_verified"] == "true"
    assert user["UserStatus"] == "CONFIRMED"
    assert cloud["cognito"].admin_list_groups_for_user(UserPoolId=cloud["pool_id"], Username=EMAIL)["Groups"] == []
    assert PASSWORD not in json.dumps(response)


def test_update_after_a_rotated_secret_sets_the_new_password(cloud, bucket):
    handler(event("Create", cloud, bucket), LocalContext())
    rotated = "Rotated-Password-2?"
    set_secret(cloud, rotated)
    bucket.puts.clear()

    handler(event("Update", cloud, bucket, PhysicalResourceId=EMAIL, OldResourceProperties={}), LocalContext())

    assert bucket.response["Status"] == "SUCCESS"
    assert bucket.response["PhysicalResourceId"] == EMAIL
    assert "IdToken" in sign_in(cloud, rotated)["AuthenticationResult"]
    with pytest.raises(cloud["cognito"].exceptions.NotAuthorizedException):
        sign_in(cloud, PASSWORD)


def test_create_takes_over_a_user_that_already_exists(cloud, bucket):
    cloud["cognito"].admin_create_user(UserPoolId=cloud["pool_id"], Username=EMAIL, MessageAction="SUPPRESS")
    handler(event("Create", cloud, bucket), LocalContext())
    assert bucket.response["Status"] == "SUCCESS"
    assert "IdToken" in sign_in(cloud, PASSWORD)["AuthenticationResult"]


def test_delete_removes_the_user_and_a_second_delete_still_succeeds(cloud, bucket):
    handler(event("Create", cloud, bucket), LocalContext())
    for attempt in range(2):
        bucket.puts.clear()
        handler(event("Delete", cloud, bucket, PhysicalResourceId=EMAIL), LocalContext())
        assert bucket.response["Status"] == "SUCCESS", bucket.response
        assert bucket.response["PhysicalResourceId"] == EMAIL
        assert ("already gone" in bucket.response["Reason"]) == (attempt == 1)
    with pytest.raises(cloud["cognito"].exceptions.UserNotFoundException):
        cloud["cognito"].admin_get_user(UserPoolId=cloud["pool_id"], Username=EMAIL)


def test_a_missing_secret_is_failed_with_a_reason_and_its_rollback_deletes_nothing(cloud, bucket):
    cloud["secrets"].delete_secret(SecretId=cloud["secret_arn"], ForceDeleteWithoutRecovery=True)
    handler(event("Create", cloud, bucket), LocalContext())

    response = bucket.response
    assert response["Status"] == "FAILED"
    assert "ResourceNotFoundException" in response["Reason"]
    assert response["Reason"].startswith("Create of the canary user failed")
    assert response["PhysicalResourceId"] == NOT_CREATED
    assert PASSWORD not in json.dumps(response)

    bucket.puts.clear()  # CloudFormation's rollback deletes what the failed Create named
    handler(event("Delete", cloud, bucket, PhysicalResourceId=NOT_CREATED), LocalContext())
    assert bucket.response["Status"] == "SUCCESS"


def test_a_refused_password_is_failed_without_the_password_in_the_response_or_the_log(cloud, bucket, capsys):
    weak = "weakpass-no-symbols"  # under the pool's policy (no number, no symbol)
    set_secret(cloud, weak)
    handler(event("Create", cloud, bucket), LocalContext())

    response = bucket.response
    assert response["Status"] == "FAILED"
    assert "InvalidPasswordException" in response["Reason"]
    # The user may exist half-made: naming it lets the rollback's Delete remove it.
    assert response["PhysicalResourceId"] == EMAIL
    assert weak not in json.dumps(response)
    assert weak not in capsys.readouterr().out


def test_an_update_that_fails_keeps_the_physical_id(cloud, bucket):
    handler(event("Create", cloud, bucket), LocalContext())
    bucket.puts.clear()
    properties = {"ServiceToken": "x", "UserPoolId": cloud["pool_id"]}  # SecretArn missing
    handler(event("Update", cloud, bucket, PhysicalResourceId=EMAIL, ResourceProperties=properties), LocalContext())
    assert bucket.response["Status"] == "FAILED"
    assert "SecretArn" in bucket.response["Reason"]
    assert bucket.response["PhysicalResourceId"] == EMAIL


def test_an_unknown_request_type_is_failed(cloud, bucket):
    handler(event("Replace", cloud, bucket), LocalContext())
    assert bucket.response["Status"] == "FAILED"
    assert "Replace" in bucket.response["Reason"]


def test_a_refused_response_put_is_retried(cloud, bucket):
    bucket.failures_first = 1
    handler(event("Create", cloud, bucket), LocalContext())
    assert bucket.response["Status"] == "SUCCESS"


@dataclass(frozen=True)
class NearlyOutOfTime:
    """A Lambda context with 8 s left: the watchdog answers before the function would be killed."""

    aws_request_id: str = "r"

    def get_remaining_time_in_millis(self) -> int:
        # The watchdog fires 5 s before the end: after 3 s, time enough to read the secret on a loaded machine, so it
        # fires while the Cognito call hangs.
        return 8_000


def test_the_watchdog_answers_failed_before_a_timeout_and_only_once(cloud, bucket, monkeypatch):
    def hanging_ensure(*args: Any) -> str:
        # A Cognito call that hangs past the watchdog: it returns only once the watchdog has answered (a fixed sleep
        # raced the watchdog on a loaded machine).
        deadline = time.monotonic() + 30
        while not bucket.puts and time.monotonic() < deadline:
            time.sleep(0.05)
        return EMAIL

    monkeypatch.setattr(user_resource, "ensure_canary_user", hanging_ensure)
    handler(event("Create", cloud, bucket), NearlyOutOfTime())

    response = bucket.response  # exactly one PUT: the handler's own answer came too late and was not sent
    assert response["Status"] == "FAILED"
    assert "timed out" in response["Reason"]
    assert response["PhysicalResourceId"] == EMAIL
