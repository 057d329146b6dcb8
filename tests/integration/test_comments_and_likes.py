"""Comments (oldest first, paged, counted) and likes (idempotent per user, counted)."""

from __future__ import annotations

import uuid

from . import documents


def _comment(actor, post_id: str, content: str):
    return actor.api.execute(documents.CREATE_COMMENT, {"input": {"postId": post_id, "content": content}})


def _comments_page(actor, post_id: str, limit: int, next_token: str | None = None) -> dict:
    return actor.api.ok(documents.GET_POST_COMMENTS, {"id": post_id, "limit": limit, "nextToken": next_token})[
        "getPost"
    ]


def test_comments_page_oldest_first_and_are_counted(alice, bob, posts) -> None:
    post = posts.create(alice)
    written = [_comment(bob, post["id"], f"comment {n}").ok()["createComment"] for n in range(3)]
    assert all(c["postId"] == post["id"] and c["authorId"] == bob.sub for c in written)

    seen, token = [], None
    for _ in range(10):
        page = _comments_page(alice, post["id"], 2, token)
        assert len(page["comments"]["items"]) <= 2
        seen.extend(page["comments"]["items"])
        token = page["comments"]["nextToken"]
        if token is None:
            break
    assert [c["id"] for c in seen] == [c["id"] for c in written]
    assert [c["content"] for c in seen] == ["comment 0", "comment 1", "comment 2"]
    assert all(c["author"]["id"] == bob.sub for c in seen)
    assert page["commentCount"] == 3


def test_comment_validation_and_unknown_post(alice, posts) -> None:
    post = posts.create(alice)
    assert len(_comment(alice, post["id"], "c" * 2000).ok()["createComment"]["content"]) == 2000
    assert _comment(alice, post["id"], "c" * 2001).error_types == ["ValidationError"]
    assert _comment(alice, post["id"], "").error_types == ["ValidationError"]
    assert _comment(alice, str(uuid.uuid4()), "hello").error_types == ["NotFound"]
    assert _comments_page(alice, post["id"], 10)["commentCount"] == 1


def test_like_is_idempotent_per_user_and_counted(alice, bob, posts) -> None:
    post = posts.create(alice)
    first = bob.api.ok(documents.LIKE_POST, {"id": post["id"]})["likePost"]
    again = bob.api.ok(documents.LIKE_POST, {"id": post["id"]})["likePost"]
    assert (first["likeCount"], again["likeCount"]) == (1, 1)
    assert again["likedByMe"] is True

    by_author = alice.api.ok(documents.LIKE_POST, {"id": post["id"]})["likePost"]
    assert by_author["likeCount"] == 2
    read = alice.api.ok(documents.GET_POST, {"id": post["id"]})["getPost"]
    assert (read["likeCount"], read["likedByMe"]) == (2, True)


def test_like_of_unknown_post_is_not_found(alice) -> None:
    assert alice.api.execute(documents.LIKE_POST, {"id": str(uuid.uuid4())}).error_types == ["NotFound"]
