"""Posts: create/read/update/delete, owner rules, optimistic locking, validation."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

from . import documents


def _get(actor, post_id: str) -> dict:
    return actor.api.ok(documents.GET_POST, {"id": post_id})["getPost"]


def _update(actor, post_id: str, expected_version: int, **changes):
    return actor.api.execute(
        documents.UPDATE_POST, {"input": {"id": post_id, "expectedVersion": expected_version, **changes}}
    )


def test_created_post_belongs_to_the_caller_and_reads_back(alice, bob, posts) -> None:
    created = posts.create(alice, title="Hello", content="First post")
    assert created["authorId"] == alice.sub
    assert (created["title"], created["content"], created["version"]) == ("Hello", "First post", 1)
    assert (created["likeCount"], created["commentCount"], created["status"]) == (0, 0, "PUBLISHED")
    assert created["imageKey"] is None and created["imageUrl"] is None

    read = _get(bob, created["id"])
    assert read["author"]["id"] == alice.sub
    assert {k: read[k] for k in ("id", "title", "content", "version")} == {
        k: created[k] for k in ("id", "title", "content", "version")
    }


def test_author_id_input_must_be_the_caller(alice, bob, posts) -> None:
    own = posts.create(alice, authorId=alice.sub)
    assert own["authorId"] == alice.sub

    result = posts.attempt(bob, title="t", content="c", authorId=alice.sub)
    assert result.error_types == ["Unauthorized"]


def test_owner_updates_and_each_update_adds_one_to_version(alice, posts) -> None:
    post = posts.create(alice, title="v1")
    second = _update(alice, post["id"], 1, title="v2").ok()["updatePost"]
    third = _update(alice, post["id"], 2, content="new content").ok()["updatePost"]
    assert (second["version"], second["title"]) == (2, "v2")
    assert (third["version"], third["title"], third["content"]) == (3, "v2", "new content")
    assert _get(alice, post["id"])["version"] == 3


def test_stale_expected_version_conflicts_and_changes_nothing(alice, posts) -> None:
    post = posts.create(alice, title="original")
    _update(alice, post["id"], 1, title="updated").ok()

    stale = _update(alice, post["id"], 1, title="lost update")
    assert stale.error_types == ["ConflictError"]
    assert not (stale.data or {}).get("updatePost")
    after = _get(alice, post["id"])
    assert (after["title"], after["version"]) == ("updated", 2)


def test_concurrent_updates_of_one_version_exactly_one_wins(alice, posts) -> None:
    post = posts.create(alice)
    titles = [f"racer {n}" for n in range(4)]
    with ThreadPoolExecutor(max_workers=len(titles)) as pool:
        results = list(pool.map(lambda title: _update(alice, post["id"], 1, title=title), titles))

    winners = [r for r in results if not r.errors]
    assert len(winners) == 1
    assert all(r.error_types == ["ConflictError"] for r in results if r.errors)
    after = _get(alice, post["id"])
    assert (after["version"], after["title"]) == (2, winners[0].data["updatePost"]["title"])


def test_other_users_may_not_update_or_delete(alice, bob, posts) -> None:
    post = posts.create(alice, title="mine")
    assert _update(bob, post["id"], 1, title="theirs").error_types == ["Unauthorized"]
    assert bob.api.execute(documents.DELETE_POST, {"id": post["id"]}).error_types == ["Unauthorized"]
    after = _get(alice, post["id"])
    assert (after["title"], after["version"]) == ("mine", 1)


def test_owner_deletes_and_the_post_is_gone(alice, posts) -> None:
    post = posts.create(alice)
    assert alice.api.ok(documents.DELETE_POST, {"id": post["id"]})["deletePost"] == {"id": post["id"]}
    assert alice.api.execute(documents.GET_POST, {"id": post["id"]}).error_types == ["NotFound"]
    assert alice.api.execute(documents.DELETE_POST, {"id": post["id"]}).error_types == ["NotFound"]


def test_admins_may_delete_any_post(alice, admin, posts) -> None:
    post = posts.create(alice)
    assert admin.api.ok(documents.DELETE_POST, {"id": post["id"]})["deletePost"]["id"] == post["id"]
    assert alice.api.execute(documents.GET_POST, {"id": post["id"]}).error_types == ["NotFound"]


def test_unknown_post_id_is_not_found(alice) -> None:
    unknown = str(uuid.uuid4())
    result = alice.api.execute(documents.GET_POST, {"id": unknown})
    assert result.error_types == ["NotFound"]
    assert not (result.data or {}).get("getPost")
    assert _update(alice, unknown, 1, title="x").error_types == ["NotFound"]


def test_title_and_content_lengths_are_validated(alice, posts) -> None:
    longest_title = posts.create(alice, title="t" * 200, content="c" * 10_000)
    assert (len(longest_title["title"]), len(longest_title["content"])) == (200, 10_000)

    for title, content in [("", "content"), ("t" * 201, "content"), ("title", ""), ("title", "c" * 10_001)]:
        result = posts.attempt(alice, title=title, content=content)
        assert result.error_types == ["ValidationError"], (len(title), len(content))

    too_long = _update(alice, longest_title["id"], 1, title="t" * 201)
    assert too_long.error_types == ["ValidationError"]
    assert _get(alice, longest_title["id"])["version"] == 1


def test_post_count_follows_creates_and_deletes(new_actor, posts) -> None:
    author = new_actor()
    first = posts.create(author)
    posts.create(author)
    assert author.api.ok(documents.ME)["me"]["postCount"] == 2
    author.api.ok(documents.DELETE_POST, {"id": first["id"]})
    assert author.api.ok(documents.ME)["me"]["postCount"] == 1
