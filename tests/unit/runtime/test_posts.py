"""createPost, getPost, updatePost (owner, admin, optimistic locking), deletePost, likePost, likedByMe."""

from __future__ import annotations

from backend.runtime.graphql_handler import handler

from .conftest import GraphQL, error_type
from .events import batch_event


def test_create_post_makes_the_caller_the_author_and_counts_it(alice: GraphQL) -> None:
    post = alice.create_post(title="  First  ", content="Body")
    assert post["authorId"] == "alice-sub"
    assert (post["title"], post["content"], post["status"]) == ("First", "Body", "PUBLISHED")
    assert (post["version"], post["likeCount"], post["commentCount"]) == (1, 0, 0)
    assert post["imageKey"] is None and post["imageUrl"] is None
    assert alice.query("getPost", id=post["id"]) == post
    assert alice.query("me")["postCount"] == 1


def test_create_post_accepts_own_author_id_and_refuses_someone_elses(alice: GraphQL) -> None:
    assert alice.create_post(authorId="alice-sub")["authorId"] == "alice-sub"
    refused = alice.mutate("createPost", input={"title": "t", "content": "c", "authorId": "bob-sub"})
    assert error_type(refused) == "Unauthorized"
    assert alice.query("me")["postCount"] == 1


def test_create_post_validates_title_and_content(alice: GraphQL) -> None:
    for bad in (
        {"title": "", "content": "c"},
        {"title": "   ", "content": "c"},
        {"title": "x" * 201, "content": "c"},
        {"title": "t", "content": ""},
        {"title": "t", "content": "x" * 10_001},
        {"content": "c"},
        {"title": 5, "content": "c"},
    ):
        result = alice.mutate("createPost", input=bad)
        assert error_type(result) == "ValidationError", bad
    assert alice.create_post(title="x" * 200, content="y" * 10_000)["version"] == 1
    assert alice.query("me")["postCount"] == 1


def test_get_post_of_unknown_id_is_not_found(alice: GraphQL) -> None:
    assert error_type(alice.query("getPost", id="does-not-exist")) == "NotFound"


def test_update_post_bumps_version_by_one_and_applies_changes(alice: GraphQL) -> None:
    post = alice.create_post()
    updated = alice.mutate("updatePost", input={"id": post["id"], "expectedVersion": 1, "title": "New"})
    assert (updated["title"], updated["content"], updated["version"]) == ("New", "World", 2)
    again = alice.mutate("updatePost", input={"id": post["id"], "expectedVersion": 2, "content": "More"})
    assert (again["title"], again["content"], again["version"]) == ("New", "More", 3)
    assert again["updatedAt"] >= post["updatedAt"] and again["createdAt"] == post["createdAt"]


def test_stale_expected_version_is_a_conflict_and_changes_nothing(alice: GraphQL) -> None:
    post = alice.create_post()
    assert alice.mutate("updatePost", input={"id": post["id"], "expectedVersion": 1, "title": "A"})["version"] == 2
    stale = alice.mutate("updatePost", input={"id": post["id"], "expectedVersion": 1, "title": "B"})
    assert error_type(stale) == "ConflictError"
    stored = alice.query("getPost", id=post["id"])
    assert (stored["title"], stored["version"]) == ("A", 2)


def test_two_updates_of_one_version_exactly_one_wins(alice: GraphQL, admin: GraphQL) -> None:
    post = alice.create_post()
    first = alice.mutate("updatePost", input={"id": post["id"], "expectedVersion": 1, "title": "Alice"})
    second = admin.mutate("updatePost", input={"id": post["id"], "expectedVersion": 1, "title": "Admin"})
    assert [error_type(first), error_type(second)] == [None, "ConflictError"]
    assert alice.query("getPost", id=post["id"])["title"] == "Alice"


def test_only_owner_or_admin_update_or_delete(alice: GraphQL, bob: GraphQL, admin: GraphQL) -> None:
    post = alice.create_post()
    assert (
        error_type(bob.mutate("updatePost", input={"id": post["id"], "expectedVersion": 1, "title": "x"}))
        == "Unauthorized"
    )
    assert error_type(bob.mutate("deletePost", id=post["id"])) == "Unauthorized"
    assert alice.query("getPost", id=post["id"])["title"] == "Hello"
    assert admin.mutate("updatePost", input={"id": post["id"], "expectedVersion": 1, "title": "mod"})["version"] == 2
    assert admin.mutate("deletePost", id=post["id"]) == {"id": post["id"]}
    assert error_type(alice.query("getPost", id=post["id"])) == "NotFound"
    assert alice.query("me")["postCount"] == 0  # the author's count, not the admin's


def test_update_post_validation_and_not_found(alice: GraphQL) -> None:
    post = alice.create_post()
    cases = [
        {"id": post["id"], "expectedVersion": 1},
        {"id": post["id"], "expectedVersion": 0, "title": "x"},
        {"id": post["id"], "expectedVersion": "1", "title": "x"},
        {"id": post["id"], "expectedVersion": 1, "title": ""},
        {"id": post["id"], "expectedVersion": 1, "imageKey": "private/bob-sub/x"},
    ]
    for case in cases:
        assert error_type(alice.mutate("updatePost", input=case)) == "ValidationError", case
    missing = alice.mutate("updatePost", input={"id": "nope", "expectedVersion": 1, "title": "x"})
    assert error_type(missing) == "NotFound"
    assert alice.query("getPost", id=post["id"])["version"] == 1


def test_delete_post_then_again_is_not_found(alice: GraphQL) -> None:
    post = alice.create_post()
    assert alice.mutate("deletePost", id=post["id"]) == {"id": post["id"]}
    assert error_type(alice.mutate("deletePost", id=post["id"])) == "NotFound"
    assert alice.query("me")["postCount"] == 0


def test_like_post_is_idempotent_per_user(alice: GraphQL, bob: GraphQL) -> None:
    post = alice.create_post()
    assert bob.mutate("likePost", id=post["id"])["likeCount"] == 1
    assert bob.mutate("likePost", id=post["id"])["likeCount"] == 1
    assert alice.mutate("likePost", id=post["id"])["likeCount"] == 2
    assert alice.query("getPost", id=post["id"])["version"] == 1  # likes are not edits
    assert error_type(bob.mutate("likePost", id="missing")) == "NotFound"


def test_liked_by_me_is_batch_resolved_per_caller(alice: GraphQL, bob: GraphQL) -> None:
    liked, not_liked = alice.create_post(), alice.create_post()
    bob.mutate("likePost", id=liked["id"])
    results = handler(batch_event("Post", "likedByMe", [liked, not_liked], identity=bob.identity), None)
    assert results == [True, False]
    assert handler(batch_event("Post", "likedByMe", [liked], identity=alice.identity), None) == [False]
    assert bob("Post", "likedByMe", source=liked) is True
