"""The explorer (GraphiQL on a browser's GET /graphql) in real headless Chromium, `GET /`, and its static files."""

from __future__ import annotations

import contextlib
import http.client
import json
import ssl
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from devtools.browser import BrowserMissing, browser_or_what_to_install
from pipeline.project_root import PROJECT_ROOT

from .sandbox_testkit import PASSWORD


def raw_get(running_sandbox, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """A request whose path goes out byte for byte (requests/urllib3 would remove `..` segments)."""
    url = urlsplit(running_sandbox.url)
    context = ssl.create_default_context(cafile=running_sandbox.ca)
    connection = http.client.HTTPSConnection(url.hostname, url.port, context=context, timeout=10)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def base(running_sandbox) -> str:
    return running_sandbox.url.removesuffix("/graphql")


def test_index_lists_the_endpoints_as_json_or_html(running_sandbox):
    listing = requests.get(base(running_sandbox) + "/", verify=running_sandbox.ca, timeout=30)
    assert listing.status_code == 200
    endpoints = listing.json()
    assert endpoints["graphql"] == running_sandbox.url
    assert endpoints["realtime"] == running_sandbox.url.replace("https://", "wss://") + "/realtime"
    assert endpoints["cognito"] == base(running_sandbox) + "/cognito"
    page = requests.get(
        base(running_sandbox) + "/", headers={"Accept": "text/html"}, verify=running_sandbox.ca, timeout=30
    )
    assert page.headers["Content-Type"].startswith("text/html")
    assert running_sandbox.url in page.text and 'href="/graphql"' in page.text


def test_index_escapes_the_host_header(running_sandbox):
    page = requests.get(
        base(running_sandbox) + "/",
        headers={"Accept": "text/html", "Host": "x<script>alert(1)</script>"},
        verify=running_sandbox.ca,
        timeout=30,
    )
    assert "<script>" not in page.text and "&lt;script&gt;" in page.text


@pytest.mark.parametrize(
    ("name", "content_type", "package_file"),
    [
        ("graphiql.js", "text/javascript", "node_modules/graphiql/graphiql.min.js"),
        ("graphiql.css", "text/css", "node_modules/graphiql/graphiql.min.css"),
        ("react.js", "text/javascript", "node_modules/react/umd/react.production.min.js"),
        ("react-dom.js", "text/javascript", "node_modules/react-dom/umd/react-dom.production.min.js"),
        ("explorer.js", "text/javascript", "sandbox/web/explorer/explorer.js"),
    ],
)
def test_assets_come_from_node_modules_with_their_content_type(running_sandbox, name, content_type, package_file):
    status, headers, body = raw_get(running_sandbox, f"/_sandbox/explorer/{name}")
    assert status == 200
    assert headers["content-type"].split(";")[0] == content_type
    assert headers["x-content-type-options"] == "nosniff"
    assert body == (PROJECT_ROOT / package_file).read_bytes()


@pytest.mark.parametrize(
    "path",
    [
        "/_sandbox/explorer/../../package.json",
        "/_sandbox/explorer/..%2f..%2fpackage.json",
        "/_sandbox/explorer/%2e%2e/%2e%2e/package.json",
        "/_sandbox/explorer/graphiql/graphiql.min.js",
        "/_sandbox/explorer/..%5cexplorer.py",
        "/_sandbox/explorer/index.html",
        "/_sandbox/explorer/",
    ],
)
def test_nothing_outside_the_asset_list_is_served(running_sandbox, path):
    status, _headers, body = raw_get(running_sandbox, path)
    assert status == 404
    assert b'"name"' not in body and b"import" not in body


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
def test_assets_are_read_only(running_sandbox, method):
    status, _headers, _body = raw_get(running_sandbox, "/_sandbox/explorer/graphiql.js", method)
    assert status == 405


# --- the page in Chromium ------------------------------------------------------------------------------------


@contextlib.contextmanager
def screenshot_on_failure(page, path: Path) -> Iterator[None]:
    try:
        yield
    except Exception as exc:
        page.screenshot(path=str(path), full_page=True)
        raise AssertionError(f"{exc}\nscreenshot of the explorer: {path}") from exc


QUERY_EDITOR = "document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror"


def set_query(page, query: str, operation_name: str) -> None:
    # GraphiQL 3's editors are CodeMirror 5 instances, reachable from their DOM element. GraphiQL reads the
    # operation name from the text after a debounce, and sends it: wait until it has the new one.
    page.evaluate(f"q => {QUERY_EDITOR}.setValue(q)", query)
    page.wait_for_function(f"n => {QUERY_EDITOR}.operationName === n", arg=operation_name)


def result_text(page) -> str:
    return page.evaluate("() => document.querySelector('.result-window .CodeMirror').CodeMirror.getValue()")


def wait_for_result(page, needle: str) -> dict:
    page.wait_for_function(
        "n => document.querySelector('.result-window .CodeMirror').CodeMirror.getValue().includes(n)",
        arg=needle,
        timeout=20_000,
    )
    return json.loads(result_text(page))


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    try:  # the machine's own Chromium or Chrome: Playwright never downloads one here
        executable = browser_or_what_to_install()
    except BrowserMissing as missing:  # a failure, never a skip: `make test` must not pass without this test
        pytest.fail(str(missing), pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(executable), headless=True)
        yield browser
        browser.close()


@pytest.mark.browser  # `make test-browser` (part of `make test`) runs it, after `make browser`
def test_explorer_signs_in_queries_and_subscribes_in_chromium(running_sandbox, browser, tmp_path):
    email = "explorer@example.com"
    tokens = running_sandbox.sign_in(email)  # creates the confirmed user whose password the page types
    # The sandbox's CA is made per run: the browser is told to accept it rather than trusting it system-wide.
    context = browser.new_context(ignore_https_errors=True)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: console.append(f"pageerror: {error}"))
    shot = tmp_path / "explorer-failure.png"
    try:
        with screenshot_on_failure(page, shot):
            response = page.goto(running_sandbox.url)
            assert response is not None and response.status == 200
            assert response.headers["content-type"].startswith("text/html")
            page.wait_for_selector(".graphiql-container")

            page.fill("#email", email)
            page.fill("#password", PASSWORD)
            with page.expect_response(
                # The signed-in introspection: the page's first one, before sign-in, is a 401 that may answer late.
                lambda r: (
                    r.url == running_sandbox.url
                    and "__schema" in (r.request.post_data or "")
                    and "authorization" in r.request.headers
                )
            ) as introspection:
                page.click("#sign-in-button")
            assert introspection.value.status == 200
            assert introspection.value.json()["data"]["__schema"]["queryType"]["name"] == "Query"
            assert page.text_content("#auth-status") == f"Signed in as {email}"

            set_query(page, "query Me { me { id username } }", "Me")
            page.click(".graphiql-execute-button")
            me = wait_for_result(page, '"username"')["data"]["me"]
            (event,) = running_sandbox.runtime.calls_for("Query", "me")[-1:]
            assert me["id"] == event["identity"]["sub"]
            # The page sent the access token it got from the Cognito front, as AppSync wants it (no Bearer).
            assert event["request"]["headers"]["authorization"].count(".") == 2
            assert event["identity"]["claims"]["token_use"] == "access"

            set_query(page, "subscription OnCreate { onCreatePost { id title } }", "OnCreate")
            page.click(".graphiql-execute-button")
            wait_for_result(page, "waiting for events")
            created = requests.post(
                running_sandbox.url,
                json={"query": 'mutation { createPost(input: {title: "from python", content: "c"}) { id title } }'},
                headers={"Authorization": tokens["AccessToken"]},
                verify=running_sandbox.ca,
                timeout=30,
            ).json()
            assert "errors" not in created
            event_data = wait_for_result(page, "from python")["data"]["onCreatePost"]
            assert event_data == {"id": created["data"]["createPost"]["id"], "title": "from python"}
            page.click(".graphiql-execute-button")  # stops the subscription
    finally:
        context.close()
    # Failed loads are expected (the introspection before sign-in is a 401; there is no favicon); scripts must
    # not throw.
    problems = [line for line in console if line.startswith(("error", "pageerror")) and "Failed to load" not in line]
    assert not problems, console
