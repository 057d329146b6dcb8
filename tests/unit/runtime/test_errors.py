"""Error envelopes for domain errors, sanitized InternalError for everything else, identity rules, health."""

from __future__ import annotations

import pytest

from backend.runtime import aws
from backend.runtime.errors import InternalError
from backend.runtime.graphql_handler import handler

from .conftest import GraphQL, error_type
from .events import field_event, iam_identity
from .tables import TABLE_NAMES


def test_every_domain_error_type_comes_back_as_an_envelope(alice: GraphQL, bob: GraphQL) -> None:
    post = alice.create_post()
    outcomes = {
        "ValidationError": alice.mutate("createPost", input={"title": "", "content": "c"}),
        "NotFound": alice.mutate("deletePost", id="missing"),
        "Unauthorized": bob.mutate("deletePost", id=post["id"]),
        "ConflictError": alice.mutate("updatePost", input={"id": post["id"], "expectedVersion": 9, "title": "x"}),
    }
    for expected, result in outcomes.items():
        assert set(result) == {"error"} and set(result["error"]) == {"type", "message"}
        assert result["error"]["type"] == expected and result["error"]["message"]


def test_iam_and_anonymous_callers_only_reach_health(backend: None) -> None:
    for identity in (iam_identity(), None):
        health = handler(field_event("Query", "health", identity=identity), None)
        assert health["status"] == "ok" and health["version"] == "1.2.3-test" and health["time"].endswith("Z")
        for parent, field, arguments in (
            ("Query", "me", {}),
            ("Query", "listPosts", {}),
            ("Mutation", "createPost", {"input": {"title": "t", "content": "c"}}),
        ):
            result = handler(field_event(parent, field, arguments, identity=identity), None)
            assert error_type(result) == "Unauthorized"


def test_batch_field_without_a_user_fails_each_item(backend: None) -> None:
    events = [field_event("Post", "author", identity=iam_identity(), source={"authorId": "a"}) for _ in range(3)]
    assert [error_type(item) for item in handler(events, None)] == ["Unauthorized"] * 3


def test_unexpected_failures_are_sanitized(alice: GraphQL) -> None:
    class BrokenDynamoDB:
        def __getattr__(self, name: str) -> object:
            raise RuntimeError(f"boom in {TABLE_NAMES['POSTS_TABLE']}")

    aws.set_client("dynamodb", BrokenDynamoDB())
    with pytest.raises(InternalError) as raised:
        alice.query("getPost", id="x")
    assert str(raised.value) == "Internal server error"
    assert raised.value.__cause__ is None and raised.value.__suppress_context__
    assert TABLE_NAMES["POSTS_TABLE"] not in str(raised.value)


def test_unknown_field_is_an_internal_error(alice: GraphQL) -> None:
    with pytest.raises(InternalError):
        alice.query("noSuchField")


def test_missing_configuration_is_an_internal_error(alice: GraphQL, monkeypatch: pytest.MonkeyPatch) -> None:
    from backend.runtime import settings

    monkeypatch.delenv("POSTS_TABLE")
    settings.reset()
    with pytest.raises(InternalError):
        alice.query("listPosts")
