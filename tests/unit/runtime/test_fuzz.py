"""Property: no argument values (well- or ill-typed) make a resolver raise; failures are domain envelopes."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backend.runtime.graphql_handler import handler

from .conftest import GraphQL
from .events import batch_event

DOMAIN_ERRORS = {"Unauthorized", "NotFound", "ValidationError", "ConflictError"}

interesting_text = st.sampled_from(
    [
        "",
        " ",
        "alice-sub",
        "private/alice-sub/",
        "private/alice-sub/x.png",
        "private/bob-sub/x",
        "../..",
        "image/png",
        "APNS",
        "GCM",
        "x" * 201,
        "x" * 10_001,
        "\x00",
        "\ud800",
        "é" * 300,
        "a.b",
        "ALL",
    ]
)
text = st.one_of(interesting_text, st.text(st.characters(codec=None, exclude_categories=()), max_size=60))
scalar = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**63), max_value=2**63), st.floats(), text)
json_value = st.recursive(
    scalar, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(text, inner, max_size=3)), max_leaves=6
)


def maybe(strategy: st.SearchStrategy, *names: str) -> st.SearchStrategy[dict[str, Any]]:
    """An input object with any subset of the schema's field names, each with an arbitrary value."""
    return st.fixed_dictionaries({}, optional={name: st.one_of(strategy, json_value) for name in names})


ARGUMENTS: dict[tuple[str, str], st.SearchStrategy[dict[str, Any]]] = {
    ("Query", "me"): st.just({}),
    ("Query", "getUser"): st.fixed_dictionaries({"id": json_value}),
    ("Query", "getPost"): st.fixed_dictionaries({"id": json_value}),
    ("Query", "listPosts"): maybe(text, "limit", "nextToken"),
    ("Query", "listPostsByAuthor"): st.fixed_dictionaries({"authorId": json_value}).flatmap(
        lambda required: maybe(text, "limit", "nextToken").map(lambda optional: {**required, **optional})
    ),
    ("Query", "listMyDevices"): st.just({}),
    ("Query", "health"): st.just({}),
    ("Mutation", "updateProfile"): st.fixed_dictionaries(
        {"input": st.one_of(maybe(text, "displayName", "bio", "avatarKey"), json_value)}
    ),
    ("Mutation", "createPost"): st.fixed_dictionaries(
        {"input": st.one_of(maybe(text, "title", "content", "imageKey", "authorId"), json_value)}
    ),
    ("Mutation", "updatePost"): st.fixed_dictionaries(
        {"input": st.one_of(maybe(text, "id", "expectedVersion", "title", "content", "imageKey"), json_value)}
    ),
    ("Mutation", "deletePost"): st.fixed_dictionaries({"id": json_value}),
    ("Mutation", "createComment"): st.fixed_dictionaries(
        {"input": st.one_of(maybe(text, "postId", "content"), json_value)}
    ),
    ("Mutation", "likePost"): st.fixed_dictionaries({"id": json_value}),
    ("Mutation", "createUploadUrl"): st.fixed_dictionaries({"contentType": json_value, "contentLength": json_value}),
    ("Mutation", "registerDevice"): st.fixed_dictionaries({"token": json_value, "platform": json_value}),
    ("Mutation", "unregisterDevice"): st.fixed_dictionaries({"token": json_value}),
    ("Post", "comments"): maybe(text, "limit", "nextToken"),
}


def _assert_handled(result: Any) -> None:
    if isinstance(result, dict) and "error" in result:
        assert result["error"]["type"] in DOMAIN_ERRORS, result


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_arguments_produce_an_unhandled_exception(alice: GraphQL, data: st.DataObject) -> None:
    field = data.draw(st.sampled_from(sorted(ARGUMENTS)), label="field")
    arguments = data.draw(ARGUMENTS[field], label="arguments")
    source = (
        data.draw(
            st.one_of(st.none(), st.dictionaries(st.sampled_from(["id", "authorId"]), json_value)), label="source"
        )
        if field[0] == "Post"
        else None
    )
    _assert_handled(alice(field[0], field[1], arguments, source=source))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    sources=st.lists(
        st.one_of(st.none(), json_value, st.dictionaries(st.sampled_from(["id", "authorId"]), json_value)),
        min_size=1,
        max_size=5,
    ),
    field=st.sampled_from([("Post", "author"), ("Comment", "author"), ("Post", "likedByMe")]),
)
def test_no_batch_sources_produce_an_unhandled_exception(
    alice: GraphQL, sources: list[Any], field: tuple[str, str]
) -> None:
    results = handler(batch_event(field[0], field[1], sources, identity=alice.identity), None)
    assert len(results) == len(sources)
    for result in results:
        _assert_handled(result)
