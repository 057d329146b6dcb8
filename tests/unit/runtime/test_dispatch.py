"""The resolver dispatcher: routing, the BatchInvoke contract, exception handlers, registration conflicts."""

from __future__ import annotations

from typing import Any

import pytest

from backend.runtime.dispatch import (
    Dispatcher,
    FieldEvent,
    InvalidBatch,
    ResolverNotFound,
    Router,
    current_event,
)
from backend.runtime.errors import InternalError, NotFound, ValidationError
from backend.runtime.graphql_handler import handler

from .conftest import error_type
from .events import batch_event, cognito_identity, field_event

ALICE = cognito_identity("alice-sub")


class Oops(Exception):
    pass


def _app(*routers: Router, envelope_errors: bool = True) -> Dispatcher:
    """A dispatcher shaped like graphql_handler's: NotFound/ValidationError become envelopes."""
    app = Dispatcher()
    for router in routers:
        app.include_router(router)
    if envelope_errors:

        @app.exception_handler(NotFound)
        def _not_found(error: NotFound) -> dict[str, Any]:
            return {"error": {"type": "NotFound!", "message": error.message}}

        @app.exception_handler(ValidationError)
        def _invalid(error: ValidationError) -> dict[str, Any]:
            return error.envelope()

    return app


def _event(parent: str, field: str, arguments: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    return field_event(parent, field, arguments, identity=ALICE, **extra)


def test_a_direct_event_calls_its_resolver_with_the_arguments_and_the_current_event() -> None:
    router = Router()
    seen: list[FieldEvent] = []

    @router.resolver(type_name="Query", field_name="echo")
    def echo(text: str, times: int = 1) -> str:
        seen.append(current_event())
        return text * times

    event = _event("Query", "echo", {"text": "ab", "times": 2})
    assert _app(router).resolve(event) == "abab"
    assert seen[0].raw is event and seen[0].identity == ALICE
    with pytest.raises(RuntimeError):
        current_event()  # only while a resolver runs


def test_the_current_event_is_reset_when_a_resolver_raises() -> None:
    router = Router()

    @router.resolver(type_name="Query", field_name="missing")
    def missing() -> None:
        raise NotFound("nothing here")

    assert _app(router).resolve(_event("Query", "missing")) == {
        "error": {"type": "NotFound!", "message": "nothing here"}
    }
    with pytest.raises(RuntimeError):
        current_event()


def test_an_unknown_field_raises_without_a_handler_and_is_handled_with_one() -> None:
    app = _app(Router())
    with pytest.raises(ResolverNotFound, match=r"Query\.nope"):
        app.resolve(_event("Query", "nope"))
    with pytest.raises(ResolverNotFound, match=r"Post\.nope"):
        app.resolve(batch_event("Post", "nope", [{"id": "p"}], identity=ALICE))

    @app.exception_handler(Exception)
    def _anything(error: Exception) -> str:
        return f"handled {type(error).__name__}"

    assert app.resolve(_event("Query", "nope")) == "handled ResolverNotFound"


def test_a_field_with_only_a_batch_resolver_is_unknown_to_direct_events_and_vice_versa() -> None:
    router = Router()

    @router.batch_resolver(type_name="Post", field_name="author")
    def authors(events: list[FieldEvent]) -> list[Any]:
        return [event.source["authorId"] for event in events]

    @router.resolver(type_name="Query", field_name="me")
    def me() -> str:
        return "me"

    app = _app(router)
    assert app.registered_fields() == {"Query.me"} and app.registered_fields(batch=True) == {"Post.author"}
    assert app.resolves("Post", "author", batch=True) and not app.resolves("Post", "author")
    assert app.resolves("Query", "me") and not app.resolves("Query", "me", batch=True)
    with pytest.raises(ResolverNotFound):
        app.resolve(_event("Post", "author", source={"authorId": "a"}))
    with pytest.raises(ResolverNotFound):
        app.resolve([_event("Query", "me")])


def test_a_batch_answers_one_result_per_event_in_order_with_per_item_errors() -> None:
    router = Router()

    @router.batch_resolver(type_name="Post", field_name="author")
    def authors(events: list[FieldEvent]) -> list[Any]:
        with pytest.raises(RuntimeError):
            current_event()  # a batch has no single current event
        return [{"id": e.source["authorId"]} if e.source["authorId"] != "ghost" else NotFound("gone") for e in events]

    sources = [{"authorId": "a"}, {"authorId": "ghost"}, {"authorId": "b"}]
    results = _app(router).resolve(batch_event("Post", "author", sources, identity=ALICE))
    assert results == [{"id": "a"}, {"error": {"type": "NotFound!", "message": "gone"}}, {"id": "b"}]


def test_a_failed_batch_gives_the_handled_answer_to_every_item() -> None:
    router = Router()

    @router.batch_resolver(type_name="Post", field_name="likedByMe")
    def liked(events: list[FieldEvent]) -> list[Any]:
        raise ValidationError("bad batch")

    results = _app(router).resolve(batch_event("Post", "likedByMe", [{"id": "1"}, {"id": "2"}], identity=ALICE))
    assert [error_type(item) for item in results] == ["ValidationError", "ValidationError"]


def test_unhandled_errors_fail_the_whole_batch() -> None:
    router = Router()

    @router.batch_resolver(type_name="Post", field_name="likedByMe")
    def liked(events: list[FieldEvent]) -> list[Any]:
        return [True, Oops("item failed")]

    with pytest.raises(Oops):
        _app(router).resolve(batch_event("Post", "likedByMe", [{"id": "1"}, {"id": "2"}], identity=ALICE))


@pytest.mark.parametrize("answer", [[True], [True, False, True], {"0": True, "1": False}, None])
def test_a_batch_answer_of_the_wrong_shape_breaks_the_contract(answer: Any) -> None:
    router = Router()

    @router.batch_resolver(type_name="Post", field_name="likedByMe")
    def liked(events: list[FieldEvent]) -> Any:
        return answer

    with pytest.raises(InvalidBatch):
        _app(router).resolve(batch_event("Post", "likedByMe", [{"id": "1"}, {"id": "2"}], identity=ALICE))


def test_a_batch_mixing_fields_is_refused_and_an_empty_one_answers_nothing() -> None:
    router = Router()

    @router.batch_resolver(type_name="Post", field_name="author")
    @router.batch_resolver(type_name="Comment", field_name="author")
    def authors(events: list[FieldEvent]) -> list[Any]:
        return [None for _ in events]

    app = _app(router)
    mixed = [_event("Post", "author", source={}), _event("Comment", "author", source={})]
    with pytest.raises(InvalidBatch):
        app.resolve(mixed)
    assert app.resolve([]) == []


def test_the_handler_of_the_nearest_class_wins() -> None:
    router = Router()

    @router.resolver(type_name="Query", field_name="fail")
    def fail(kind: str) -> None:
        raise {"not_found": NotFound("n"), "oops": Oops("o"), "key": KeyError("k")}[kind]

    app = _app(router)

    @app.exception_handler(Exception)
    def _anything(error: Exception) -> str:
        return "generic"

    @app.exception_handler(Oops)
    def _oops(error: Oops) -> str:
        return "oops"

    assert error_type(app.resolve(_event("Query", "fail", {"kind": "not_found"}))) == "NotFound!"
    assert app.resolve(_event("Query", "fail", {"kind": "oops"})) == "oops"
    assert app.resolve(_event("Query", "fail", {"kind": "key"})) == "generic"


def test_registering_a_field_twice_is_refused() -> None:
    router = Router()

    @router.resolver(type_name="Query", field_name="me")
    def me() -> str:
        return "me"

    with pytest.raises(ValueError, match=r"Query\.me already has a resolver"):
        router.resolver(type_name="Query", field_name="me")(lambda: "other")
    router.batch_resolver(type_name="Query", field_name="me")(lambda events: events)  # the other kind: fine

    other = Router()
    other.resolver(type_name="Query", field_name="me")(lambda: "other")
    app = Dispatcher()
    app.include_router(router)
    app.include_router(router)  # the same functions again: nothing changes
    with pytest.raises(ValueError, match=r"Query\.me already has a resolver"):
        app.include_router(other)
    assert app.resolve(_event("Query", "me")) == "me"


def test_the_event_view_reads_malformed_parts_as_empty() -> None:
    event = FieldEvent(
        {
            "arguments": None,
            "info": {
                "fieldName": "getPost",
                "parentTypeName": "Query",
                "selectionSetList": ["id", 3, "author"],
                "selectionSetGraphQL": "{ id }",
                "variables": ["not", "a", "map"],
            },
            "request": {"headers": {"X-Amzn-Trace-Id": "Root=1-abc", "x-number": 5}},
        }
    )
    assert (event.type_name, event.field_name) == ("Query", "getPost")
    assert event.arguments == {} and event.variables == {} and event.source is None and event.identity is None
    assert event.selection_set_list == ["id", "author"] and event.selection_set_graphql == "{ id }"
    assert event.header("x-amzn-trace-id") == "Root=1-abc" and event.header("x-number") is None
    empty = FieldEvent("not an event")
    assert empty.info == {} and empty.field_name is None and empty.header("anything") is None


def test_the_handler_answers_batch_item_errors_as_envelopes_and_mixed_callers_as_internal_error() -> None:
    """Through the real handler (no data store is reached: the checks come first)."""
    no_ids = batch_event("Post", "likedByMe", [{"title": "no id"}, {"id": ""}], identity=ALICE)
    assert [error_type(item) for item in handler(no_ids, None)] == ["ValidationError", "ValidationError"]

    mixed = no_ids[:1] + batch_event("Post", "likedByMe", [{"id": "p"}], identity=cognito_identity("bob-sub"))
    with pytest.raises(InternalError):
        handler(mixed, None)
