"""Every malformed realtime frame named in issue 13 gets a protocol `error` (or `connection_error` and a 4xxx
close), the connection stays usable, and other clients' subscriptions keep receiving meanwhile."""

from __future__ import annotations

import json
import ssl
import threading
import uuid

import pytest
import requests
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from .sandbox_testkit import realtime_subprotocols
from .test_sandbox_realtime import CREATE_COMMENT, ON_COMMENT, b64, open_socket, receive, start

DEEP_FRAGMENTS = (
    "subscription { onCreatePost { ...F0 } } "
    + " ".join(f"fragment F{i} on Post {{ ...F{i + 1} }}" for i in range(2000))
    + " fragment F2000 on Post { id }"
)
REPEATED_FIELD = "subscription { onCreatePost {" + " id" * 300_000 + " } }"


@pytest.fixture
def token(running_sandbox):
    return running_sandbox.sign_in("rt-malformed@example.com")["AccessToken"]


def start_frame(sub_id, token, request=None, **payload_overrides):
    payload = {
        "data": json.dumps(request if request is not None else {"query": ON_COMMENT, "variables": {}}),
        "extensions": {"authorization": {"Authorization": token, "host": "x"}},
    }
    payload.update(payload_overrides)
    return {"id": sub_id, "type": "start", "payload": payload}


# (name, frame builder(token) -> str, errorType of the answer, whether the answer carries the start's id)
CASES = [
    ("frame []", lambda t: "[]", "MalformedHttpRequestException", False),
    ("frame 1", lambda t: "1", "MalformedHttpRequestException", False),
    ("frame null", lambda t: "null", "MalformedHttpRequestException", False),
    (
        "payload 5",
        lambda t: json.dumps({"id": "s1", "type": "start", "payload": 5}),
        "MalformedHttpRequestException",
        True,
    ),
    (
        "data 5",
        lambda t: json.dumps(start_frame("s1", t, data=5)),
        "MalformedHttpRequestException",
        True,
    ),
    (
        "data '[]'",
        lambda t: json.dumps(start_frame("s1", t, data="[]")),
        "MalformedHttpRequestException",
        True,
    ),
    ("id {}", lambda t: json.dumps(start_frame({}, t)), "ValidationError", False),
    ("id 5", lambda t: json.dumps(start_frame(5, t)), "ValidationError", False),
    ("extensions 5", lambda t: json.dumps(start_frame("s1", t, extensions=5)), "UnauthorizedException", True),
    (
        "authorization 'x'",
        lambda t: json.dumps(start_frame("s1", t, extensions={"authorization": "x"})),
        "UnauthorizedException",
        True,
    ),
    ("stop with id []", lambda t: json.dumps({"type": "stop", "id": []}), "ValidationError", False),
    (
        "variables not an object",
        lambda t: json.dumps(start_frame("s1", t, {"query": ON_COMMENT, "variables": [1]})),
        "ValidationError",
        True,
    ),
    (
        "missing required variable",
        lambda t: json.dumps(
            start_frame("s1", t, {"query": "subscription S($id: ID!) { onUpdatePost(id: $id) { id } }"})
        ),
        "ValidationError",
        True,
    ),
    (
        "2000-deep fragments",
        lambda t: json.dumps(start_frame("s1", t, {"query": DEEP_FRAGMENTS})),
        "LimitExceeded",
        True,
    ),
    ("unknown type", lambda t: json.dumps({"type": "nope"}), "UnsupportedOperation", False),
]


@pytest.mark.parametrize(("name", "frame", "error_type", "has_id"), CASES, ids=[c[0] for c in CASES])
def test_malformed_frame_gets_an_error_and_the_connection_lives_on(
    running_sandbox, token, name, frame, error_type, has_id
):
    with open_socket(running_sandbox, token) as ws:
        ws.send(json.dumps({"type": "connection_init"}))
        receive(ws, "connection_ack")
        ws.send(frame(token))
        error = receive(ws, "error")
        assert error["payload"]["errors"][0]["errorType"] == error_type
        assert error["payload"]["errors"][0]["message"]
        assert ("id" in error) == has_id
        sub_id = start(ws, token, ON_COMMENT, {})  # still served: no 1006 close
        assert receive(ws, "start_ack")["id"] == sub_id


def test_binary_frame_gets_an_error(running_sandbox, token):
    with open_socket(running_sandbox, token) as ws:
        ws.send(b"\x00\x01")
        assert receive(ws, "error")["payload"]["errors"][0]["errorType"] == "MalformedHttpRequestException"


def test_validation_error_has_no_null_error_type(running_sandbox, token):
    with open_socket(running_sandbox, token) as ws:
        start(ws, token, "subscription { onCreateComment { nope } }", {})
        error = receive(ws, "error")["payload"]["errors"][0]
        assert error["message"].startswith("Validation error of type FieldUndefined")
        assert error.get("errorType", "absent") is not None  # AppSync omits the key (sandbox/appsync/errors.py)


def _socket_with_header(running_sandbox, header):
    context = ssl.create_default_context(cafile=running_sandbox.ca)
    url = running_sandbox.url.replace("https://", "wss://") + "/realtime"
    return connect(
        url, ssl=context, subprotocols=realtime_subprotocols("graphql-ws", f"header-{header}"), open_timeout=30
    )


@pytest.mark.parametrize(
    "header",
    [b64({"Authorization": 5}), b64({"Authorization": "garbage"}), "not-base64!", b64([1])],
    ids=["authorization 5", "bad token", "not base64", "not an object"],
)
def test_failed_handshake_gets_connection_error_only_even_with_a_valid_start(running_sandbox, token, header):
    with _socket_with_header(running_sandbox, header) as ws:  # the upgrade itself succeeds (no HTTP 500)
        ws.send(json.dumps(start_frame("s1", token)))  # a valid token in the start does not help
        message = json.loads(ws.recv(timeout=10))
        assert message["type"] == "connection_error"
        assert message["payload"]["errors"][0]["errorType"] == "UnauthorizedException"
        with pytest.raises(ConnectionClosed) as closed:
            ws.recv(timeout=10)
        assert closed.value.rcvd is not None and 4000 <= closed.value.rcvd.code < 5000


def test_huge_start_is_refused_while_other_subscriptions_keep_receiving(running_sandbox, token):
    with open_socket(running_sandbox, token) as watcher, open_socket(running_sandbox, token) as attacker:
        sub_id = start(watcher, token, ON_COMMENT, {})
        receive(watcher, "start_ack")
        done = threading.Event()
        answers: list[dict] = []

        def attack():
            for _ in range(2):
                attacker.send(json.dumps(start_frame(str(uuid.uuid4()), token, {"query": REPEATED_FIELD})))
                answers.append(receive(attacker, "error", timeout=60))
            done.set()

        thread = threading.Thread(target=attack)
        thread.start()
        delivered = 0
        while not done.is_set() or delivered == 0:
            response = requests.post(
                running_sandbox.url,
                json={"query": CREATE_COMMENT, "variables": {"postId": "p1"}},
                headers={"Authorization": token},
                verify=running_sandbox.ca,
                timeout=30,
            )
            assert "errors" not in response.json()
            assert receive(watcher, "data")["id"] == sub_id
            delivered += 1
        thread.join()
        assert [a["payload"]["errors"][0]["errorType"] for a in answers] == ["LimitExceeded"] * 2
