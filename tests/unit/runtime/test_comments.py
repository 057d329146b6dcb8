"""createComment (counted on the post) and Post.comments (oldest first, paginated)."""

from __future__ import annotations

from .conftest import GraphQL, error_type


def test_create_comment_counts_on_the_post(alice: GraphQL, bob: GraphQL) -> None:
    post = alice.create_post()
    comment = bob.mutate("createComment", input={"postId": post["id"], "content": "  Nice!  "})
    assert (comment["postId"], comment["authorId"], comment["content"]) == (post["id"], "bob-sub", "Nice!")
    assert comment["createdAt"].endswith("Z") and comment["id"]
    assert alice.query("getPost", id=post["id"])["commentCount"] == 1
    assert bob.query("me")["postCount"] == 0  # the commenter has a profile now, with no posts


def test_create_comment_on_unknown_post_is_not_found(bob: GraphQL) -> None:
    assert error_type(bob.mutate("createComment", input={"postId": "missing", "content": "hi"})) == "NotFound"


def test_create_comment_validates(alice: GraphQL) -> None:
    post = alice.create_post()
    for bad in (
        {"postId": post["id"], "content": ""},
        {"postId": post["id"], "content": "x" * 2001},
        {"postId": "", "content": "x"},
        {"content": "x"},
        None,
    ):
        assert error_type(alice.mutate("createComment", input=bad)) == "ValidationError", bad
    assert alice.query("getPost", id=post["id"])["commentCount"] == 0


def test_post_comments_are_paginated_oldest_first(alice: GraphQL, bob: GraphQL) -> None:
    post, other = alice.create_post(), alice.create_post()
    written = [bob.mutate("createComment", input={"postId": post["id"], "content": f"c{i}"}) for i in range(5)]
    bob.mutate("createComment", input={"postId": other["id"], "content": "elsewhere"})
    seen, token, pages = [], None, 0
    while pages < 10:  # bounded: a token that never runs out fails the test instead of hanging it
        page = alice("Post", "comments", {"limit": 2, "nextToken": token}, source=post)
        seen += page["items"]
        pages += 1
        token = page["nextToken"]
        if not token:
            break
    assert [c["id"] for c in seen] == [c["id"] for c in written] and pages == 3
    first_token = alice("Post", "comments", {"limit": 2}, source=post)["nextToken"]
    assert error_type(alice("Post", "comments", {"nextToken": first_token}, source=other)) == "ValidationError"
