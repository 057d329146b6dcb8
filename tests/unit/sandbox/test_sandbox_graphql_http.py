"""POST /graphql against the in-process sandbox: real moto tokens, directives, errors, batching."""

from __future__ import annotations

import json

import pytest
import requests

from .sigv4_signing import signed_headers

LIST_WITH_AUTHORS = (
    "{ listPosts { items { id likedByMe author { id username } comments { items { id author { id } } } } } }"
)


@pytest.fixture(scope="module")
def tokens(running_sandbox):
    return running_sandbox.sign_in("alice@example.com")


def post(running_sandbox, query, token, variables=None, headers=None):
    response = requests.post(
        running_sandbox.url,
        json={"query": query, "variables": variables or {}},
        headers={"Authorization": token, **(headers or {})},
        verify=running_sandbox.ca,
        timeout=30,
    )
    return response


def test_access_and_id_tokens_reach_the_resolver_with_cognito_identity(running_sandbox, tokens):
    for token in (tokens["AccessToken"], tokens["IdToken"]):
        running_sandbox.runtime.reset()
        body = post(running_sandbox, "{ me { id username } }", token).json()
        assert "errors" not in body
        (event,) = running_sandbox.runtime.calls_for("Query", "me")
        identity = event["identity"]
        assert body["data"]["me"]["id"] == identity["sub"] == identity["claims"]["sub"]
        assert identity["issuer"].endswith(running_sandbox.sandbox.provisioned.user_pool_id)
        assert event["info"]["selectionSetList"] == ["id", "username"]
        assert event["request"]["headers"]["authorization"] == token


def test_bearer_prefix_is_refused_like_appsync(running_sandbox, tokens):
    response = post(running_sandbox, "{ me { id } }", f"Bearer {tokens['AccessToken']}")
    assert response.status_code == 401


def test_iam_caller_reaches_iam_fields_only(running_sandbox):
    def iam_post(query):  # signed with the sandbox's own keys (botocore's signer), as the integration suite signs
        body = json.dumps({"query": query, "variables": {}})
        headers = signed_headers(running_sandbox.url, body)
        return requests.post(running_sandbox.url, data=body, headers=headers, verify=running_sandbox.ca, timeout=30)

    health = iam_post("{ health { status version time } }").json()
    assert health["data"]["health"]["status"] == "ok"
    body = iam_post("{ me { id } }").json()
    assert body["data"] is None  # me: User! is non-null, so the denial nulls the whole data
    assert body["errors"][0]["errorType"] == "Unauthorized"
    assert body["errors"][0]["message"] == "Not Authorized to access me on type Query"


def test_malformed_sigv4_is_401(running_sandbox):
    assert post(running_sandbox, "{ health { status } }", "AWS4-HMAC-SHA256 nonsense").status_code == 401


def test_authors_are_batched_once_per_level(running_sandbox, tokens):
    running_sandbox.runtime.reset()
    body = post(running_sandbox, LIST_WITH_AUTHORS, tokens["AccessToken"]).json()
    assert "errors" not in body, body
    items = body["data"]["listPosts"]["items"]
    assert [i["author"]["id"] for i in items] == ["u1", "u2", "u1"]
    assert [i["likedByMe"] for i in items] == [True, False, False]
    assert len(running_sandbox.runtime.calls_for("Post", "likedByMe")) == 1
    post_author_calls = running_sandbox.runtime.calls_for("Post", "author")
    comment_author_calls = running_sandbox.runtime.calls_for("Comment", "author")
    assert len(post_author_calls) == 1 and len(post_author_calls[0]) == 3
    assert len(comment_author_calls) == 1 and len(comment_author_calls[0]) == 3
    assert [e["source"]["id"] for e in post_author_calls[0]] == ["p1", "p2", "p3"]
    assert len(running_sandbox.runtime.calls_for("Post", "comments")) == 3


def test_error_envelope_becomes_appsync_error(running_sandbox, tokens):
    body = post(running_sandbox, '{ getPost(id: "missing") { id } }', tokens["AccessToken"]).json()
    assert body["data"] == {"getPost": None}
    (error,) = body["errors"]
    assert error["errorType"] == "NotFound"
    assert error["message"] == "Post missing not found"
    assert error["path"] == ["getPost"]
    assert error["locations"][0]["line"] == 1


def test_handler_exception_is_lambda_unhandled(running_sandbox, tokens):
    body = post(running_sandbox, '{ getPost(id: "boom") { id } }', tokens["AccessToken"]).json()
    assert body["errors"][0]["errorType"] == "Lambda:Unhandled"
    assert body["errors"][0]["path"] == ["getPost"]


def test_validation_failure_is_data_null_with_appsync_message(running_sandbox, tokens):
    body = post(running_sandbox, "{ me { nope } }", tokens["AccessToken"]).json()
    assert body["data"] is None
    assert body["errors"][0]["message"].startswith("Validation error of type FieldUndefined:")


def test_invalid_scalar_result_is_a_field_error(running_sandbox, tokens):
    body = post(running_sandbox, '{ getPost(id: "bad-url") { id imageUrl } }', tokens["AccessToken"]).json()
    assert body["data"]["getPost"] == {"id": "bad-url", "imageUrl": None}
    assert body["errors"][0]["path"] == ["getPost", "imageUrl"]


def test_awsjson_result_is_serialized_as_a_string(running_sandbox, tokens):
    query = 'mutation { createUploadUrl(contentType: "image/png", contentLength: 10) { fields key } }'
    body = post(running_sandbox, query, tokens["AccessToken"]).json()
    assert body["data"]["createUploadUrl"]["fields"] == '{"key":"k"}'
