"""Fuzz findings: variables nested too deep for json.loads, and a realtime start with an empty-string id."""

from __future__ import annotations

import json
import ssl

import requests
from websockets.sync.client import connect

from .sandbox_testkit import realtime_subprotocols
from .sigv4_signing import b64


def test_variables_nested_5000_deep_are_a_json_400(running_sandbox):
    token = running_sandbox.sign_in("fuzz@example.com")["AccessToken"]
    body = '{"query": "{ health { status } }", "variables": {"a": ' + "[" * 5000 + "]" * 5000 + "}}"
    answer = requests.post(
        running_sandbox.url, data=body, headers={"Authorization": token}, verify=running_sandbox.ca, timeout=30
    )
    assert answer.status_code == 400
    assert answer.json() == {
        "errors": [{"errorType": "MalformedHttpRequestException", "message": "Unable to parse JSON document"}]
    }


def test_a_start_with_an_empty_id_is_answered_with_that_id(running_sandbox):
    token = running_sandbox.sign_in("fuzz-rt@example.com")["AccessToken"]
    host = running_sandbox.url.split("/")[2]
    context = ssl.create_default_context(cafile=running_sandbox.ca)
    url = running_sandbox.url.replace("https://", "wss://") + "/realtime"
    header = b64({"Authorization": token, "host": host})
    with connect(
        url, ssl=context, subprotocols=realtime_subprotocols("graphql-ws", f"header-{header}"), open_timeout=30
    ) as ws:
        ws.send(json.dumps({"type": "connection_init"}))
        ws.send(json.dumps({"id": "", "type": "start", "payload": {}}))
        while (message := json.loads(ws.recv(timeout=10)))["type"] in ("ka", "connection_ack"):
            pass
        assert message["type"] == "error"
        assert message["id"] == ""
        assert message["payload"]["errors"][0]["errorType"] == "ValidationError"
