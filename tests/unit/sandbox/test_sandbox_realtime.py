"""The AppSync realtime protocol end to end with a `websockets` client against the in-process sandbox."""

from __future__ import annotations

import base64
import json
import ssl
import uuid
from typing import Any

import pytest
import requests
from websockets.sync.client import connect

from .sandbox_testkit import realtime_subprotocols
from .sigv4_signing import realtime_header

ON_COMMENT = "subscription OnC($postId: ID) { onCreateComment(postId: $postId) { id postId content author { id } } }"
CREATE_COMMENT = (
    'mutation C($postId: ID!) { createComment(input: {postId: $postId, content: "hello"}) { id postId content } }'
)


def b64(value: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


@pytest.fixture
def token(running_sandbox):
    """A fresh token per test: Cognito access tokens expire after an hour, and a paused or slow machine must not
    turn a test's handshake into a connection_error."""
    return running_sandbox.sign_in("rt@example.com")["AccessToken"]


def open_socket(running_sandbox, token, via_query=False):
    host = running_sandbox.url.split("/")[2]
    header = b64({"Authorization": token, "host": host})
    context = ssl.create_default_context(cafile=running_sandbox.ca)
    url = running_sandbox.url.replace("https://", "wss://") + "/realtime"
    if via_query:
        return connect(
            f"{url}?header={header}&payload=e30=",
            ssl=context,
            subprotocols=realtime_subprotocols("graphql-ws"),
            open_timeout=30,
        )
    return connect(
        url, ssl=context, subprotocols=realtime_subprotocols("graphql-ws", f"header-{header}"), open_timeout=30
    )


def receive(ws, wanted_type, timeout=10):
    """The next message, which must be of `wanted_type`; keep-alives are skipped unless one is what the test wants."""
    while True:
        message = json.loads(ws.recv(timeout=timeout))
        if message["type"] == "ka" and wanted_type != "ka":
            continue
        assert message["type"] == wanted_type, message
        return message


def start(ws, token, query, variables, sub_id=None):
    sub_id = sub_id or str(uuid.uuid4())
    ws.send(
        json.dumps(
            {
                "id": sub_id,
                "type": "start",
                "payload": {
                    "data": json.dumps({"query": query, "variables": variables}),
                    "extensions": {"authorization": {"Authorization": token, "host": "x"}},
                },
            }
        )
    )
    return sub_id


def test_handshake_ack_and_keepalive(running_sandbox, token):
    with open_socket(running_sandbox, token) as ws:
        assert ws.subprotocol == "graphql-ws"
        ws.send(json.dumps({"type": "connection_init"}))
        ack = receive(ws, "connection_ack")
        assert ack == {"type": "connection_ack", "payload": {"connectionTimeoutMs": 300000}}
        assert receive(ws, "ka")["type"] == "ka"


def test_bad_token_gets_connection_error(running_sandbox):
    with open_socket(running_sandbox, "not-a-jwt") as ws:
        ws.send(json.dumps({"type": "connection_init"}))
        message = receive(ws, "connection_error")
        assert message["type"] == "connection_error"
        assert message["payload"]["errors"][0]["errorType"] == "UnauthorizedException"
        assert message["payload"]["errors"][0]["errorCode"] == 401


def test_mutation_fans_out_filtered_and_shaped(running_sandbox, token):
    with open_socket(running_sandbox, token, via_query=True) as ws:
        ws.send(json.dumps({"type": "connection_init"}))
        receive(ws, "connection_ack")
        sub_id = start(ws, token, ON_COMMENT, {"postId": "p1"})
        assert receive(ws, "start_ack") == {"id": sub_id, "type": "start_ack"}
        for post_id in ("p2", "p1"):  # p2 must be filtered out
            response = requests.post(
                running_sandbox.url,
                json={"query": CREATE_COMMENT, "variables": {"postId": post_id}},
                headers={"Authorization": token},
                verify=running_sandbox.ca,
                timeout=30,
            )
            assert "errors" not in response.json()
        data = receive(ws, "data")
        assert data["id"] == sub_id
        # author was not selected by the mutation: AppSync delivers null for it
        assert data["payload"]["data"] == {
            "onCreateComment": {"id": "c-new", "postId": "p1", "content": "hello", "author": None}
        }
        ws.send(json.dumps({"id": sub_id, "type": "stop"}))
        assert receive(ws, "complete") == {"id": sub_id, "type": "complete"}


def test_invalid_subscription_gets_error(running_sandbox, token):
    with open_socket(running_sandbox, token) as ws:
        ws.send(json.dumps({"type": "connection_init"}))
        receive(ws, "connection_ack")
        sub_id = start(ws, token, "subscription { onCreateComment { nope } }", {})
        message = receive(ws, "error")
        assert message["id"] == sub_id
        assert message["payload"]["errors"][0]["message"].startswith("Validation error of type FieldUndefined")


def test_start_with_bad_token_is_unauthorized(running_sandbox, token):
    with open_socket(running_sandbox, token) as ws:
        ws.send(json.dumps({"type": "connection_init"}))
        receive(ws, "connection_ack")
        start(ws, "garbage", ON_COMMENT, {})
        message = receive(ws, "error")
        assert message["payload"]["errors"][0]["errorType"] == "UnauthorizedException"


def test_subscription_auth_directives_apply(running_sandbox, token):
    data = json.dumps({"query": "subscription { onCreatePost { id } }", "variables": {}})
    iam = realtime_header(running_sandbox.url, "", data)  # a start signed with the sandbox's own keys
    with open_socket(running_sandbox, token) as ws:
        ws.send(json.dumps({"type": "connection_init"}))
        receive(ws, "connection_ack")
        frame = {"id": "iam", "type": "start", "payload": {"data": data, "extensions": {"authorization": iam}}}
        ws.send(json.dumps(frame))
        message = receive(ws, "error")
        assert message["payload"]["errors"][0] == {
            "errorType": "Unauthorized",
            "message": "Not Authorized to access onCreatePost on type Subscription",
        }
