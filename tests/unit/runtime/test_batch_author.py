"""Nested ``author`` is batch-resolved: a feed page of 20 posts with authors costs 2 DynamoDB requests."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from backend.runtime import aws
from backend.runtime.graphql_handler import handler

from .conftest import GraphQL, error_type
from .events import batch_event


@pytest.fixture
def dynamodb_calls() -> Counter:
    """Counts DynamoDB API calls made by the runtime's client (registered on its event hooks)."""
    calls: Counter = Counter()

    def count(model: Any, **_: Any) -> None:
        calls[model.name] += 1

    aws.dynamodb().meta.events.register("before-call.dynamodb", count)
    return calls


def test_feed_page_of_20_with_authors_costs_two_requests(backend: None, dynamodb_calls: Counter) -> None:
    writers = [GraphQL(f"writer-{i}") for i in range(5)]
    for i in range(25):
        writers[i % 5].create_post(title=f"post {i}")
    reader = GraphQL("reader")
    dynamodb_calls.clear()

    # What AppSync does for `listPosts(limit: 20) { items { author { ... } } }`: one direct invocation for the
    # list, then ONE batch invocation for all 20 `Post.author` fields.
    page = reader.query("listPosts", limit=20)
    authors = handler(batch_event("Post", "author", page["items"], identity=reader.identity), None)

    assert len(page["items"]) == 20 and page["nextToken"]
    assert [author["id"] for author in authors] == [post["authorId"] for post in page["items"]]
    assert dynamodb_calls == Counter({"Query": 1, "BatchGetItem": 1})


def test_missing_author_is_an_error_for_that_item_only(alice: GraphQL) -> None:
    post = alice.create_post()
    orphan = {**post, "id": "orphan", "authorId": "ghost"}
    results = handler(batch_event("Post", "author", [post, orphan], identity=alice.identity), None)
    assert results[0]["id"] == "alice-sub"
    assert error_type(results[1]) == "NotFound"


def test_comment_author_and_direct_invocation(alice: GraphQL, bob: GraphQL) -> None:
    post = alice.create_post()
    comment = bob.mutate("createComment", input={"postId": post["id"], "content": "nice"})
    assert handler(batch_event("Comment", "author", [comment], identity=alice.identity), None)[0]["id"] == "bob-sub"
    assert alice("Comment", "author", source=comment)["username"] == "user-bob-sub"
    assert alice("Post", "author", source=post)["id"] == "alice-sub"


def test_unprocessed_keys_are_retried(alice: GraphQL, bob: GraphQL, monkeypatch: pytest.MonkeyPatch) -> None:
    posts = [alice.create_post(), bob.create_post()]
    real = aws.dynamodb()
    requests: list[dict] = []

    class ThrottlingDynamoDB:
        """Hands back every key but the first as unprocessed on the first BatchGetItem, like a throttled table."""

        def __getattr__(self, name: str) -> Any:
            return getattr(real, name)

        def batch_get_item(self, RequestItems: dict) -> dict:  # boto3 parameter name
            requests.append(RequestItems)
            if len(requests) > 1:
                return real.batch_get_item(RequestItems=RequestItems)
            ((table, request),) = RequestItems.items()
            first = real.batch_get_item(RequestItems={table: {"Keys": request["Keys"][:1]}})
            first["UnprocessedKeys"] = {table: {"Keys": request["Keys"][1:]}}
            return first

    monkeypatch.setattr("backend.runtime.repository.dynamo._backoff", lambda attempt: None)
    aws.set_client("dynamodb", ThrottlingDynamoDB())
    results = handler(batch_event("Post", "author", posts, identity=alice.identity), None)
    assert [user["id"] for user in results] == ["alice-sub", "bob-sub"]
    assert len(requests) == 2
