"""The canary's journey against a running sandbox (its TLS port, Cognito front, GraphQL route and realtime
protocol), with the resolvers the journey calls answered by a small in-test stand-in: healthy, the journey
passes; with one resolver broken, it fails loudly at that step, and `make canary` says so in its last line."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import boto3
import pytest

from backend.runtime.canary import local_run
from backend.runtime.canary.journey import STEPS, JourneyTarget, run_journey
from backend.runtime.canary.user_account import ensure_canary_user

from .sandbox_fake_runtime import post

EMAIL = "canary@sandbox.invalid"
PASSWORD = "Canary-Sandbox-1!"
JOURNEY_FIELDS = {("Mutation", "createPost"), ("Query", "getPost"), ("Mutation", "deletePost")}


class JourneyResolvers:
    """The three fields the journey calls, on an in-memory table; `broken` ones raise as a crashing Lambda does.
    Every other field goes to the sandbox's fake runtime as before."""

    def __init__(self, fallback: Callable[[Any, Any], Any]) -> None:
        self._fallback = fallback
        self.posts: dict[str, dict[str, Any]] = {}
        self.broken: set[str] = set()
        self._lock = threading.Lock()

    def __call__(self, event: Any, context: Any) -> Any:
        info = event["info"] if isinstance(event, dict) else {}
        field = (info.get("parentTypeName"), info.get("fieldName"))
        if field not in JOURNEY_FIELDS:
            return self._fallback(event, context)
        if field[1] in self.broken:
            raise RuntimeError(f"{field[1]} is broken")
        arguments = event["arguments"]
        with self._lock:
            if field[1] == "createPost":
                created = post(f"canary-{uuid.uuid4()}", event["identity"]["sub"], title=arguments["input"]["title"])
                self.posts[created["id"]] = created
                return created
            if field[1] == "getPost":
                found = self.posts.get(arguments["id"])
                return found or {"error": {"type": "NotFound", "message": f"Post {arguments['id']} not found"}}
            self.posts.pop(arguments["id"], None)
            return {"id": arguments["id"]}


@pytest.fixture
def resolvers(running_sandbox, monkeypatch) -> JourneyResolvers:
    handlers = running_sandbox.sandbox.handlers
    original_get = handlers.get
    stand_in = JourneyResolvers(original_get("graphql"))
    monkeypatch.setattr(handlers, "get", lambda name: stand_in if name == "graphql" else original_get(name))
    return stand_in


@pytest.fixture
def cognito_front(running_sandbox) -> Any:
    """boto3 against the sandbox's Cognito front, as `make canary` and the app use it."""
    return boto3.session.Session().client(
        "cognito-idp",
        region_name="us-east-1",
        endpoint_url=f"{running_sandbox.sandbox.base_url}/cognito",
        verify=running_sandbox.ca,
    )


def journey_target(running_sandbox) -> JourneyTarget:
    provisioned = running_sandbox.sandbox.provisioned
    return JourneyTarget(running_sandbox.url, provisioned.client_ids[0], running_sandbox.ca)


def canary_user(running_sandbox, cognito_front) -> None:
    ensure_canary_user(cognito_front, running_sandbox.sandbox.provisioned.user_pool_id, EMAIL, PASSWORD)


def test_the_journey_passes_against_a_healthy_sandbox(running_sandbox, resolvers, cognito_front):
    canary_user(running_sandbox, cognito_front)
    result = run_journey(journey_target(running_sandbox), EMAIL, PASSWORD, cognito_front)

    assert result.succeeded, result.summary()
    assert [timing.step for timing in result.steps] == list(STEPS)
    assert resolvers.posts == {}  # created, then deleted by the journey


@pytest.mark.parametrize("broken", ["createPost", "getPost", "deletePost"])
def test_a_broken_resolver_fails_the_journey_at_that_step(running_sandbox, resolvers, cognito_front, broken):
    canary_user(running_sandbox, cognito_front)
    resolvers.broken.add(broken)
    result = run_journey(journey_target(running_sandbox), EMAIL, PASSWORD, cognito_front)

    assert not result.succeeded
    assert result.failed_step == broken
    assert result.reason is not None and result.reason.startswith("Lambda:Unhandled"), result.reason
    assert result.steps[-1].step == broken and not result.steps[-1].passed
    assert all(timing.passed for timing in result.steps[:-1])


def test_ensuring_the_canary_user_twice_keeps_one_user_with_the_latest_password(running_sandbox, cognito_front):
    pool = running_sandbox.sandbox.provisioned.user_pool_id
    ensure_canary_user(cognito_front, pool, "twice@example.com", "First-Password-1!")
    ensure_canary_user(cognito_front, pool, "twice@example.com", "Second-Password-2!")
    answer = cognito_front.initiate_auth(
        ClientId=running_sandbox.sandbox.provisioned.client_ids[0],
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "twice@example.com", "PASSWORD": "Second-Password-2!"},
    )
    assert "IdToken" in answer["AuthenticationResult"]


def sandbox_outputs(running_sandbox, tmp_path: Path) -> str:
    """The running sandbox as amplify_outputs.json describes it (the Gen 2 keys `make canary` reads)."""
    provisioned = running_sandbox.sandbox.provisioned
    document = {
        "version": "1.3",
        "auth": {
            "aws_region": "us-east-1",
            "user_pool_id": provisioned.user_pool_id,
            "user_pool_client_id": provisioned.client_ids[0],
        },
        "data": {"url": running_sandbox.url, "aws_region": "us-east-1"},
        "custom": {"sandbox": running_sandbox.sandbox.sandbox_custom_keys()},
    }
    path = tmp_path / "amplify_outputs.json"
    path.write_text(json.dumps(document))
    return str(path)


def test_make_canary_prints_each_step_and_publishes_to_the_sandboxs_moto(running_sandbox, resolvers, tmp_path):
    lines: list[str] = []
    status = local_run.run({"AMPLIFY_OUTPUTS": sandbox_outputs(running_sandbox, tmp_path)}, lines.append)

    assert status == 0, lines
    assert [line.split()[0] for line in lines[1:-1]] == list(STEPS)
    assert all(line.rstrip().endswith(" ms") for line in lines[1:-1])
    assert lines[-1].startswith("canary passed in ")
    metrics = running_sandbox.client("cloudwatch").list_metrics(Namespace="MobileBackend/Canary")["Metrics"]
    assert {(m["MetricName"], m["Dimensions"][0]["Value"]) for m in metrics} >= {
        ("JourneySucceeded", "sandbox"),
        ("JourneyDuration", "sandbox"),
    }
    kept = Path(running_sandbox.ca).parent / "canary-user.json"
    assert json.loads(kept.read_text())["username"] == "canary@sandbox.invalid"


def test_make_canary_with_a_broken_resolver_exits_non_zero_naming_the_step(running_sandbox, resolvers, tmp_path):
    resolvers.broken.add("getPost")
    lines: list[str] = []
    status = local_run.run({"AMPLIFY_OUTPUTS": sandbox_outputs(running_sandbox, tmp_path)}, lines.append)

    assert status == 1
    assert lines[-1].startswith("canary failed at getPost: Lambda:Unhandled"), lines[-1]
    assert lines[-2].split()[0] == "getPost" and lines[-2].endswith("FAILED")
    assert resolvers.posts == {}  # the post the failed run created was still deleted
