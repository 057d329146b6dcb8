"""Every malformed HTTP request named in issue 13 gets a JSON answer in AppSync's shape, never a 5xx; the slow
ones are refused by the bounds in sandbox/appsync/limits.py while another client keeps being served."""

from __future__ import annotations

import asyncio
import gzip
import json
import logging
import socket
import ssl
import threading
from urllib.parse import urlencode

import pytest
import requests

from sandbox.appsync.limits import Limits, limits_from_template
from sandbox.appsync.resolver_map import ResolverSpec

DEEP_SELECTION = "{" + " me {" * 300 + " id" + " }" * 301
DEEP_FRAGMENTS = (
    "{ me { ...F0 } } "
    + " ".join(f"fragment F{i} on User {{ ...F{i + 1} }}" for i in range(300))
    + " fragment F300 on User { id }"
)
MANY_MUTATIONS = (
    "mutation {"
    + " ".join(f'a{i}: createUploadUrl(contentType: "t{i}", contentLength: 1) {{ key }}' for i in range(1000))
    + " }"
)
CONFLICTING_ALIASES = "{" + " ".join("a: me { id }" if i % 2 else "a: health { status }" for i in range(1000)) + " }"
REPEATED_FIELD = "{ me {" + " id" * 300_000 + " } }"


@pytest.fixture  # per test: a Cognito access token expires after an hour, however slow the machine
def token(running_sandbox):
    return running_sandbox.sign_in("malformed@example.com")["AccessToken"]


def send(running_sandbox, token, *, data=None, json_body=None, headers=None, method="POST", params=None):
    return requests.request(
        method,
        running_sandbox.url,
        data=data,
        json=json_body,
        params=params,
        headers={"Authorization": token, **(headers or {})},
        verify=running_sandbox.ca,
        timeout=60,
    )


def query_body(query, **extra):
    return json.dumps({"query": query, **extra}).encode()


# (name, request keyword arguments, status, errorType of the first error)
CASES = [
    ("variables is a list", {"data": query_body("{ me { id } }", variables=[1])}, 400, "MalformedHttpRequestException"),
    (
        "variables is a string",
        {"data": query_body("{ me { id } }", variables="x")},
        400,
        "MalformedHttpRequestException",
    ),
    ("variables is a number", {"data": query_body("{ me { id } }", variables=5)}, 400, "MalformedHttpRequestException"),
    (
        "operationName is a number",
        {"data": query_body("{ me { id } }", operationName=5)},
        400,
        "MalformedHttpRequestException",
    ),
    ("body is a list", {"data": b"[]"}, 400, "MalformedHttpRequestException"),
    ("body is not JSON", {"data": b"{nope"}, 400, "MalformedHttpRequestException"),
    (
        "charset=bogus",
        {"data": query_body("{ health { status } }"), "headers": {"Content-Type": "application/json; charset=bogus"}},
        200,
        None,
    ),
    (
        "gzip claimed on a plain body",
        {"data": query_body("{ health { status } }"), "headers": {"Content-Encoding": "gzip"}},
        400,
        "MalformedHttpRequestException",
    ),
    ("300-deep selections", {"data": query_body(DEEP_SELECTION)}, 200, "LimitExceeded"),
    ("300-deep fragments", {"data": query_body(DEEP_FRAGMENTS)}, 200, "LimitExceeded"),
    ("1000 conflicting aliases", {"data": query_body(CONFLICTING_ALIASES)}, 200, "LimitExceeded"),
    ("a field repeated 300,000 times", {"data": query_body(REPEATED_FIELD)}, 200, "LimitExceeded"),
    (
        "GET with variables not JSON",
        {"method": "GET", "params": {"query": "{ me { id } }", "variables": "{"}},
        400,
        "MalformedHttpRequestException",
    ),
    (
        "GET of a mutation",
        {"method": "GET", "params": {"query": 'mutation { unregisterDevice(token: "x") }'}},
        405,
        "MalformedHttpRequestException",
    ),
]


@pytest.mark.parametrize(("name", "kwargs", "status", "error_type"), CASES, ids=[c[0] for c in CASES])
def test_malformed_request_gets_appsync_shaped_json(running_sandbox, token, name, kwargs, status, error_type):
    response = send(running_sandbox, token, **kwargs)
    assert response.status_code == status, response.text
    body = response.json()
    if error_type is None:
        assert "errors" not in body, body
    else:
        assert body["errors"][0]["errorType"] == error_type
        assert body["errors"][0]["message"]


def test_gzip_body_that_is_gzip_works(running_sandbox, token):
    response = send(
        running_sandbox,
        token,
        data=gzip.compress(query_body("{ health { status } }")),
        headers={"Content-Encoding": "gzip", "Content-Type": "application/json"},
    )
    assert response.status_code == 200 and response.json()["data"]["health"]["status"] == "ok"


def test_get_with_query_string_runs_the_query(running_sandbox, token):
    params = {
        "query": "query Q($id: ID!) { getPost(id: $id) { id } }",
        "variables": '{"id": "p1"}',
        "operationName": "Q",
    }
    response = requests.get(
        f"{running_sandbox.url}?{urlencode(params)}",
        headers={"Authorization": token},
        verify=running_sandbox.ca,
        timeout=30,
    )
    assert response.status_code == 200
    assert response.json()["data"]["getPost"]["id"] == "p1"


def test_get_without_token_is_401_json(running_sandbox):
    response = requests.get(
        running_sandbox.url, params={"query": "{ me { id } }"}, verify=running_sandbox.ca, timeout=30
    )
    assert response.status_code == 401
    assert response.json()["errors"][0]["errorType"] == "UnauthorizedException"


def test_empty_get_query_is_a_graphql_error_not_a_5xx(running_sandbox, token):
    response = send(running_sandbox, token, method="GET", params={"query": ""})
    assert response.status_code == 200
    assert response.json()["errors"][0]["errorType"] == "MalformedHttpRequestException"


def test_1000_aliased_mutation_fields_run_one_after_another(running_sandbox, token):
    running_sandbox.runtime.reset()
    body = send(running_sandbox, token, data=query_body(MANY_MUTATIONS)).json()
    assert "errors" not in body, str(body)[:500]
    assert len(body["data"]) == 1000
    calls = running_sandbox.runtime.calls_for("Mutation", "createUploadUrl")
    assert [c["arguments"]["contentType"] for c in calls] == [f"t{i}" for i in range(1000)]  # in document order


def test_validation_errors_have_appsync_shape_without_null_error_type(running_sandbox, token):
    error = send(running_sandbox, token, data=query_body("{ me { nope } }")).json()["errors"][0]
    assert error["message"].startswith("Validation error of type FieldUndefined:")
    assert "errorType" not in error  # AppSync sends none for validation errors (sandbox/appsync/errors.py)
    assert error["locations"] and error["path"] is None


def test_slow_documents_do_not_hold_up_other_clients(running_sandbox, token):
    """While clients send the documents that used to freeze the sandbox, another client keeps being answered;
    every slow document is refused (no timing is asserted: counts only)."""
    slow = [DEEP_FRAGMENTS, CONFLICTING_ALIASES, REPEATED_FIELD] * 2
    answers: list[int] = []

    def send_slow():
        for query in slow:
            answers.append(send(running_sandbox, token, data=query_body(query)).status_code)

    thread = threading.Thread(target=send_slow)
    thread.start()
    served = 0
    while thread.is_alive() or served == 0:
        body = send(running_sandbox, token, data=query_body("{ health { status } }")).json()
        assert body["data"]["health"]["status"] == "ok"
        served += 1
    thread.join()
    assert answers == [200] * len(slow)
    assert served >= 1


def _executor(limits):
    from sandbox.appsync.execution import Executor
    from sandbox.appsync.schema import load_schema

    async def invoke(event):
        return [{"id": "u1"}] * len(event) if isinstance(event, list) else {"id": "u1", "username": "a"}

    schema = load_schema()
    resolvers = {("Query", "me"): ResolverSpec(batch=False, max_batch_size=None)}
    return Executor(schema, resolvers, invoke, limits=limits)


def _run(executor, query):
    from sandbox.auth.authz import COGNITO, Caller

    caller = Caller(mode=COGNITO, identity={"sub": "u1"}, groups=frozenset(), token="t")
    return asyncio.run(executor.run(query, {}, None, caller, {}))


def test_query_depth_limit_errors_fields_past_it_like_appsync():
    body = _run(_executor(Limits(query_depth=1)), "{ me { id } }")
    assert body["data"] is None  # me and id are non-null: the error propagates up to data
    assert body["errors"][0]["errorType"] == "QueryDepthLimitExceeded"
    assert body["errors"][0]["path"] == ["me", "id"]
    assert "errors" not in _run(_executor(Limits(query_depth=2)), "{ me { id } }")


def test_resolver_count_limit_errors_the_calls_past_it():
    body = _run(_executor(Limits(resolver_count=2)), "{ a: me { id } b: me { id } c: me { id } }")
    assert body["data"] is None
    assert [e["errorType"] for e in body["errors"]] == ["ResolverCountLimitExceeded"]
    assert body["errors"][0]["path"] == ["c"]


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        ({}, Limits()),
        ({"QueryDepthLimit": 10}, Limits(query_depth=10)),
        ({"QueryDepthLimit": 0, "ResolverCountLimit": 0}, Limits()),  # 0: AppSync's defaults
        ({"ResolverCountLimit": 50}, Limits(resolver_count=50)),
    ],
)
def test_limits_come_from_the_templates_graphql_api(props, expected):
    template = {"Resources": {"Api": {"Type": "AWS::AppSync::GraphQLApi", "Properties": {"Name": "a", **props}}}}
    assert limits_from_template(template) == expected
    assert limits_from_template({"Resources": {}}) == Limits()


@pytest.mark.parametrize(
    ("authorization", "reason"),
    [
        (None, "missing Authorization header"),
        ("Bearer {token}", "'Bearer' prefix"),
        ("garbage", "not a JWT"),
        ("{token}x", "bad signature"),
    ],
)
def test_rejected_request_logs_its_reason_never_the_token(running_sandbox, token, caplog, authorization, reason):
    headers = {} if authorization is None else {"Authorization": authorization.format(token=token)}
    with caplog.at_level(logging.INFO, logger="sandbox.auth"):
        response = requests.post(
            running_sandbox.url, json={"query": "{ me { id } }"}, headers=headers, verify=running_sandbox.ca, timeout=30
        )
    assert response.status_code == 401
    assert response.json()["errors"][0]["errorType"] == "UnauthorizedException"
    messages = [r.getMessage() for r in caplog.records if r.name == "sandbox.auth"]
    assert any(reason in m for m in messages), messages
    assert not any(token[:20] in m or token[-20:] in m for m in messages)


@pytest.mark.parametrize("header", [b"X-Bad: a\nb", b"X-Bad: a\x01b", b"X-Bad: a\rb"])
def test_a_header_with_control_characters_is_a_json_400_without_traceback(running_sandbox, header, caplog):
    port = running_sandbox.sandbox.port
    context = ssl.create_default_context(cafile=running_sandbox.ca)
    request = b"POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\n" + header + b"\r\nContent-Length: 2\r\n\r\n{}"
    with caplog.at_level(logging.DEBUG):
        with socket.create_connection(("127.0.0.1", port), timeout=30) as raw:
            with context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
                tls.sendall(request)
                answer = b""
                while chunk := tls.recv(65536):
                    answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.split(b" ")[1] == b"400", answer  # HTTP/1.0: the request line was never parsed
    assert json.loads(body)["errors"][0]["errorType"] == "MalformedHttpRequestException"
    assert not any(record.exc_info for record in caplog.records), [r.getMessage() for r in caplog.records]
