"""Property tests against the in-process sandbox: queries and mutations generated from backend/schema.graphql
(hypothesis-graphql, valid and deliberately invalid) never get a 5xx and always get AppSync-shaped JSON; fuzzed
realtime frames never drop the connection or log a traceback. Example counts are kept small: CI derandomizes."""

from __future__ import annotations

import json
import logging

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, mutations, nodes, queries

from sandbox.appsync.schema import load_schema

from .test_sandbox_realtime import ON_COMMENT, open_socket, receive, start

SCHEMA = load_schema()
# The AppSync scalars used by input fields (backend/schema.graphql); the generator only knows the standard ones.
SCALARS = {
    "AWSDateTime": st.just("2026-01-01T00:00:00.000Z").map(nodes.String),
    "AWSURL": st.just("https://example.com/x").map(nodes.String),
    "AWSJSON": st.just('{"a": 1}').map(nodes.String),
}
SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@pytest.fixture  # per test: a Cognito access token expires after an hour, however slow the machine
def token(running_sandbox):
    return running_sandbox.sign_in("property@example.com")["AccessToken"]


def assert_appsync_shaped(response: requests.Response) -> None:
    assert response.status_code < 500, response.text[:500]
    body = response.json()
    assert isinstance(body, dict) and ("data" in body or "errors" in body), body
    for error in body.get("errors") or []:
        assert isinstance(error["message"], str) and error["message"]
        assert error.get("errorType", "absent") is not None, error  # a type, or absent as AppSync's validation errors


def post(running_sandbox, token, query):
    return requests.post(
        running_sandbox.url,
        json={"query": query},
        headers={"Authorization": token},
        verify=running_sandbox.ca,
        timeout=30,
    )


@SETTINGS
@given(query=queries(SCHEMA, custom_scalars=SCALARS) | queries(SCHEMA, custom_scalars=SCALARS, mode=Mode.NEGATIVE))
def test_generated_queries_get_appsync_shaped_json(running_sandbox, token, query):
    assert_appsync_shaped(post(running_sandbox, token, query))


@SETTINGS
@given(query=mutations(SCHEMA, custom_scalars=SCALARS) | mutations(SCHEMA, custom_scalars=SCALARS, mode=Mode.NEGATIVE))
def test_generated_mutations_get_appsync_shaped_json(running_sandbox, token, query):
    assert_appsync_shaped(post(running_sandbox, token, query))


@SETTINGS
@given(raw=st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_arbitrary_bodies_never_get_a_5xx(running_sandbox, token, raw):
    response = requests.post(
        running_sandbox.url,
        data=raw,
        headers={"Authorization": token, "Content-Type": "application/json"},
        verify=running_sandbox.ca,
        timeout=30,
    )
    assert_appsync_shaped(response)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
FIELDS = {
    "type": st.sampled_from(["connection_init", "start", "stop", "ka", "nope"]) | JSON,
    "id": st.text(max_size=8) | JSON,
    "payload": st.fixed_dictionaries(
        {},
        optional={
            "data": st.sampled_from([json.dumps({"query": ON_COMMENT}), "{}", "[]", "x"]) | JSON,
            "extensions": st.fixed_dictionaries({}, optional={"authorization": JSON}) | JSON,
        },
    )
    | JSON,
}
FRAMES = st.fixed_dictionaries({}, optional=FIELDS) | JSON


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(frames=st.lists(FRAMES, min_size=1, max_size=5))
def test_fuzzed_realtime_frames_never_crash_the_connection(running_sandbox, token, frames, caplog):
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="sandbox"), open_socket(running_sandbox, token) as ws:
        ws.send(json.dumps({"type": "connection_init"}))
        receive(ws, "connection_ack")
        for frame in frames:
            ws.send(json.dumps(frame))
        sub_id = start(ws, token, ON_COMMENT, {})  # frames are answered in order: this proves all were handled
        receive_until(ws, "start_ack", sub_id)
        ws.send(json.dumps({"type": "stop", "id": sub_id}))
        receive_until(ws, "complete", sub_id)
    assert not [r for r in caplog.records if r.exc_info], [r.getMessage() for r in caplog.records]


def receive_any(ws):
    return json.loads(ws.recv(timeout=10))


def receive_until(ws, wanted_type, sub_id):
    while True:
        message = receive_any(ws)
        if message.get("type") == wanted_type and message.get("id") == sub_id:
            return message
