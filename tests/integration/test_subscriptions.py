"""Subscriptions over the AppSync realtime protocol: who receives which mutation's events."""

from __future__ import annotations

import time

import pytest

from . import documents
from .realtime import RealtimeConnection, RealtimeError, RealtimeTimeout


def _events_within(connection: RealtimeConnection, sub_id: str, seconds: float) -> list[dict]:
    """Every event of a subscription that arrives within `seconds` (none: an empty list)."""
    events = []
    deadline = time.monotonic() + seconds
    while (remaining := deadline - time.monotonic()) > 0:
        try:
            events.append(connection.next_event(sub_id, remaining))
        except RealtimeTimeout:
            break
    return events


def test_acknowledged_subscription_delivers_until_it_is_stopped(realtime, alice, bob, posts) -> None:
    connection = realtime(alice)
    # subscribe() returns once the server acknowledged that id (start_ack), unsubscribe() once it completed it;
    # either raises when the server answers otherwise or not at all.
    stopped = connection.subscribe(documents.ON_CREATE_POST)
    live = connection.subscribe(documents.ON_CREATE_POST)
    assert stopped != live

    before = posts.create(bob, title="before the stop")
    delivered = connection.events_until(stopped, lambda e: e["onCreatePost"]["id"] == before["id"])
    assert delivered[-1]["onCreatePost"]["title"] == "before the stop"
    connection.unsubscribe(stopped)

    after = posts.create(bob, title="after the stop")
    # The live subscription on the same connection gets it, so the server has published it by now ...
    delivered = connection.events_until(live, lambda e: e["onCreatePost"]["id"] == after["id"])
    ids = [e["onCreatePost"]["id"] for e in delivered]
    assert before["id"] in ids and ids.index(before["id"]) < ids.index(after["id"])
    # ... and the stopped one never does (with a grace period for a late delivery).
    late = _events_within(connection, stopped, 2.0)
    assert after["id"] not in [e["onCreatePost"]["id"] for e in late]


@pytest.mark.smoke
def test_realtime_connection_with_invalid_token_is_refused(target) -> None:
    with pytest.raises(RealtimeError) as refused:
        RealtimeConnection(target, "not-a-jwt").open()
    assert refused.value.kind == "connection_error"
    # AppSync has spelled it `UnauthorizedException`, `com.amazonaws.deepdish.graphql.auth#UnauthorizedException`
    # and `Unauthorized` over the years; what matters is that it is an authorization refusal.
    assert "Unauthorized" in refused.value.payload["errors"][0]["errorType"]


def test_subscription_with_schema_violation_is_an_error(realtime, alice) -> None:
    with pytest.raises(RealtimeError) as refused:
        realtime(alice).subscribe("subscription { onCreatePost { noSuchField } }")
    assert refused.value.kind == "error"


def test_on_create_post_receives_another_users_post(realtime, alice, bob, posts) -> None:
    connection = realtime(alice)
    sub_id = connection.subscribe(documents.ON_CREATE_POST)
    created = posts.create(bob, title="Breaking news", content="Fresh from bob")

    events = connection.events_until(sub_id, lambda e: e["onCreatePost"]["id"] == created["id"])
    assert events[-1]["onCreatePost"] == {
        "id": created["id"],
        "authorId": bob.sub,
        "title": "Breaking news",
        "content": "Fresh from bob",
    }


def test_on_create_comment_is_filtered_by_post(realtime, alice, bob, posts) -> None:
    watched, other = posts.create(alice, title="watched"), posts.create(alice, title="other")
    connection = realtime(alice)
    sub_id = connection.subscribe(documents.ON_CREATE_COMMENT, {"postId": watched["id"]})

    # The comment on the other post goes first: a broken filter would deliver it before the wanted one.
    bob.api.ok(documents.CREATE_COMMENT, {"input": {"postId": other["id"], "content": "elsewhere"}})
    wanted = bob.api.ok(documents.CREATE_COMMENT, {"input": {"postId": watched["id"], "content": "here"}})[
        "createComment"
    ]

    events = connection.events_until(sub_id, lambda e: e["onCreateComment"]["id"] == wanted["id"])
    assert [e["onCreateComment"]["postId"] for e in events] == [watched["id"]]
    assert events[-1]["onCreateComment"]["content"] == "here"


def test_on_update_post_receives_likes_and_updates_of_that_post(realtime, alice, bob, posts) -> None:
    post, other = posts.create(alice, title="watched"), posts.create(alice, title="other")
    connection = realtime(bob)
    sub_id = connection.subscribe(documents.ON_UPDATE_POST, {"id": post["id"]})

    bob.api.ok(documents.LIKE_POST, {"id": other["id"]})
    bob.api.ok(documents.LIKE_POST, {"id": post["id"]})
    liked = connection.next_event(sub_id)["onUpdatePost"]
    assert (liked["id"], liked["likeCount"]) == (post["id"], 1)

    alice.api.ok(documents.UPDATE_POST, {"input": {"id": post["id"], "expectedVersion": 1, "title": "edited"}})
    updated = connection.next_event(sub_id)["onUpdatePost"]
    assert (updated["id"], updated["title"], updated["version"]) == (post["id"], "edited", 2)


def test_on_delete_post_receives_the_deletion(realtime, alice, bob, posts) -> None:
    post = posts.create(alice)
    connection = realtime(bob)
    sub_id = connection.subscribe(documents.ON_DELETE_POST, {"id": post["id"]})
    alice.api.ok(documents.DELETE_POST, {"id": post["id"]})
    assert connection.next_event(sub_id) == {"onDeletePost": {"id": post["id"]}}
