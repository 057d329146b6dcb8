"""The canary's AppSync realtime client (backend/runtime/canary/appsync_realtime.py): the URL rule, the
handshake's auth header, connection_init/ack, start/start_ack, data, ka and stop/complete, against the in-test
AppSync over TLS (its CA given, as for the sandbox)."""

from __future__ import annotations

import json
import ssl
import time

import pytest

from backend.runtime.canary.appsync_realtime import AppSyncRealtime, RealtimeError, header_subprotocol, realtime_url
from backend.runtime.canary.documents import ON_CREATE_POST
from backend.runtime.canary.graphql_http import GraphQLError, execute
from backend.runtime.canary.websocket_errors import WebSocketTimeout

from .test_canary_fake_appsync import b64url_json, running_fake_appsync

TOKEN = "good-token"


@pytest.fixture
def appsync(tmp_path):
    with running_fake_appsync(tmp_path, accepts=lambda token: token == TOKEN) as fake:
        yield fake


def tls(appsync) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=appsync.ca_cert)


def create_post(appsync, title: str) -> str:
    data = execute(
        appsync.url,
        TOKEN,
        "mutation C($input: CreatePostInput!) { createPost(input: $input) { id title } }",
        {"input": {"title": title, "content": "c"}},
        timeout=5,
        ssl_context=tls(appsync),
    )
    return data["createPost"]["id"]


@pytest.mark.parametrize(
    ("graphql_url", "expected"),
    [
        (
            "https://abc123.appsync-api.eu-west-1.amazonaws.com/graphql",
            "wss://abc123.appsync-realtime-api.eu-west-1.amazonaws.com/graphql",
        ),
        ("https://127.0.0.1:8443/graphql", "wss://127.0.0.1:8443/graphql/realtime"),
        ("http://localhost:9000/graphql/", "wss://localhost:9000/graphql/realtime"),
        ("https://api.example.com/graphql", "wss://api.example.com/graphql/realtime"),
    ],
)
def test_realtime_url_follows_amplifys_rule(graphql_url, expected):
    assert realtime_url(graphql_url) == expected


def test_header_subprotocol_is_unpadded_base64url_json_of_the_auth_headers():
    auth = {"Authorization": "eyJ.a+b/c?", "host": "abc.appsync-api.eu-west-1.amazonaws.com"}
    for token_length in range(3):  # every padding case
        value = header_subprotocol({**auth, "x": "y" * token_length})
        assert value.startswith("header-")
        encoded = value[len("header-") :]
        assert "=" not in encoded and "+" not in encoded and "/" not in encoded
        assert b64url_json(encoded) == {**auth, "x": "y" * token_length}


def test_subscribe_receive_the_matching_event_and_stop(appsync):
    realtime = AppSyncRealtime.connect(appsync.url, TOKEN, timeout=5, ssl_context=tls(appsync))
    sub_id = realtime.subscribe(ON_CREATE_POST, timeout=5)
    post_id = create_post(appsync, "mine")
    data = realtime.wait_for_data(sub_id, lambda d: d["onCreatePost"]["id"] == post_id, timeout=5)
    assert data == {"onCreatePost": {"id": post_id, "title": "mine"}}  # someone else's post came first: skipped
    realtime.unsubscribe(sub_id, timeout=5)
    realtime.close()

    handshake = appsync.handshakes[0]
    assert handshake["offered"][0] == "graphql-ws"
    assert handshake["header"] == {"Authorization": TOKEN, "host": appsync.host}
    assert handshake["query_string"] == ""  # the header travels as a subprotocol, not `?header=`
    start = appsync.starts[0]
    assert start["id"] == sub_id
    assert start["request"] == {"query": ON_CREATE_POST, "variables": {}}
    assert start["authorization"]["Authorization"] == TOKEN
    assert start["authorization"]["host"] == appsync.host
    assert appsync.stops == [sub_id]


def test_an_event_read_while_waiting_for_something_else_is_kept_for_its_subscription(appsync):
    realtime = AppSyncRealtime.connect(appsync.url, TOKEN, timeout=5, ssl_context=tls(appsync))
    first = realtime.subscribe(ON_CREATE_POST, timeout=5)
    post_id = create_post(appsync, "early")  # its event is on the wire before the next start
    appsync.publish_events = False  # nothing more will come: the event must have been kept
    second = realtime.subscribe(ON_CREATE_POST, timeout=5)  # reads past that event to its start_ack
    data = realtime.wait_for_data(first, lambda d: d["onCreatePost"]["id"] == post_id, timeout=1)
    assert data["onCreatePost"]["title"] == "early"
    assert second != first
    realtime.close()


def test_a_refused_token_is_a_connection_error(appsync):
    with pytest.raises(RealtimeError, match="UnauthorizedException") as refused:
        AppSyncRealtime.connect(appsync.url, "stolen-token", timeout=5, ssl_context=tls(appsync))
    assert refused.value.kind == "connection_error"


def test_a_refused_subscription_is_an_error_naming_the_reason(appsync):
    realtime = AppSyncRealtime.connect(appsync.url, TOKEN, timeout=5, ssl_context=tls(appsync))
    with pytest.raises(RealtimeError, match="UnsupportedOperation: only onCreatePost here") as refused:
        realtime.subscribe("subscription { onDeletePost { id } }", timeout=5)
    assert refused.value.kind == "error"
    realtime.close()


def test_waiting_for_an_event_that_never_comes_times_out_within_the_bound(appsync):
    appsync.publish_events = False
    realtime = AppSyncRealtime.connect(appsync.url, TOKEN, timeout=5, ssl_context=tls(appsync))
    sub_id = realtime.subscribe(ON_CREATE_POST, timeout=5)
    post_id = create_post(appsync, "lost")
    started = time.monotonic()
    with pytest.raises(WebSocketTimeout, match="matching data event"):
        realtime.wait_for_data(sub_id, lambda d: d["onCreatePost"]["id"] == post_id, timeout=0.5)
    assert time.monotonic() - started < 1.5
    realtime.close()


def test_graphql_errors_in_appsync_shape_raise_with_type_and_message(appsync):
    appsync.broken.add("getPost")
    with pytest.raises(GraphQLError, match="Lambda:Unhandled: getPost is broken on purpose") as failed:
        execute(
            appsync.url,
            TOKEN,
            "query G($id: ID!) { getPost(id: $id) { id } }",
            {"id": "x"},
            timeout=5,
            ssl_context=tls(appsync),
        )
    assert failed.value.error_types == ["Lambda:Unhandled"]
    with pytest.raises(GraphQLError, match="HTTP 401: UnauthorizedException") as refused:
        execute(appsync.url, "Bearer " + TOKEN, "query { getPost(id: 1) { id } }", timeout=5, ssl_context=tls(appsync))
    assert refused.value.status == 401
    assert appsync.requests[-1]["authorization"] == "Bearer " + TOKEN


def test_graphql_body_is_query_and_variables_with_the_raw_token(appsync):
    create_post(appsync, "t")
    sent = appsync.requests[-1]
    assert sent["authorization"] == TOKEN
    assert json.loads(json.dumps(sent["variables"])) == {"input": {"title": "t", "content": "c"}}
    assert "createPost" in sent["query"]
