"""listPosts / listPostsByAuthor: newest first, clamped limit, tamper-evident tokens bound to their query."""

from __future__ import annotations

from .conftest import GraphQL, error_type


def _pages(caller: GraphQL, field: str, limit: int, **arguments: object) -> list[list[dict]]:
    pages, token = [], None
    for _ in range(20):  # bounded: a token that never runs out fails the test instead of hanging it
        page = caller.query(field, limit=limit, nextToken=token, **arguments)
        pages.append(page["items"])
        token = page["nextToken"]
        if token is None:
            return pages
    raise AssertionError(f"still a nextToken after {len(pages)} pages")


def test_feed_pages_cover_every_post_once_newest_first(alice: GraphQL, bob: GraphQL) -> None:
    created = [(alice if i % 2 else bob).create_post(title=f"post {i}") for i in range(7)]
    pages = _pages(alice, "listPosts", 3)
    assert [len(page) for page in pages] == [3, 3, 1]  # no empty trailing page
    ids = [post["id"] for page in pages for post in page]
    assert sorted(ids) == sorted(post["id"] for post in created)
    stamps = [post["createdAt"] for page in pages for post in page]
    assert stamps == sorted(stamps, reverse=True)


def test_feed_by_author_only_lists_that_author(alice: GraphQL, bob: GraphQL) -> None:
    mine = {alice.create_post()["id"] for _ in range(3)}
    bob.create_post()
    pages = _pages(bob, "listPostsByAuthor", 2, authorId="alice-sub")
    assert {post["id"] for page in pages for post in page} == mine
    assert bob.query("listPostsByAuthor", authorId="nobody") == {"items": [], "nextToken": None}


def test_limit_is_clamped(alice: GraphQL) -> None:
    for _ in range(3):
        alice.create_post()
    assert len(alice.query("listPosts", limit=0)["items"]) == 1
    assert len(alice.query("listPosts", limit=-5)["items"]) == 1
    assert len(alice.query("listPosts", limit=10_000)["items"]) == 3
    assert len(alice.query("listPosts")["items"]) == 3
    assert error_type(alice.query("listPosts", limit="ten")) == "ValidationError"


def test_tampered_or_foreign_tokens_are_refused(alice: GraphQL, bob: GraphQL) -> None:
    for _ in range(3):
        alice.create_post()
    feed_token = alice.query("listPosts", limit=1)["nextToken"]
    author_token = alice.query("listPostsByAuthor", authorId="alice-sub", limit=1)["nextToken"]
    assert feed_token and author_token
    payload, mac = feed_token.split(".")
    forged = payload[:-2] + ("AA" if payload[-2:] != "AA" else "BB") + "." + mac
    for token in (forged, "garbage", "a.b", feed_token + "x", "é.é"):
        assert error_type(alice.query("listPosts", nextToken=token)) == "ValidationError", token
    # A valid token only works for the query (and key space) it came from.
    assert error_type(alice.query("listPosts", nextToken=author_token)) == "ValidationError"
    assert error_type(alice.query("listPostsByAuthor", authorId="alice-sub", nextToken=feed_token)) == "ValidationError"
    assert error_type(bob.query("listPostsByAuthor", authorId="bob-sub", nextToken=author_token)) == "ValidationError"
    assert len(bob.query("listPosts", nextToken=feed_token)["items"]) == 2
