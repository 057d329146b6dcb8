"""Feeds: newest first, paged with an opaque nextToken that cannot be forged or reused elsewhere."""

from __future__ import annotations

import pytest

from . import documents

MAX_PAGES = 50  # bounds a walk through a shared feed in a long-lived environment


def _author_page(actor, author_id: str, limit: int | None, next_token: str | None = None):
    return actor.api.execute(
        documents.LIST_POSTS_BY_AUTHOR, {"authorId": author_id, "limit": limit, "nextToken": next_token}
    )


def _walk_author_feed(actor, author_id: str, limit: int) -> list[list[dict]]:
    pages, token = [], None
    for _ in range(MAX_PAGES):
        page = _author_page(actor, author_id, limit, token).ok()["listPostsByAuthor"]
        pages.append(page["items"])
        token = page["nextToken"]
        if token is None:
            return pages
    raise AssertionError(f"feed did not end within {MAX_PAGES} pages")


@pytest.fixture
def author_with_posts(new_actor, posts):
    """A fresh user with five posts (more than two pages of two), in creation order."""
    author = new_actor()
    created = [posts.create(author, title=f"post {n}") for n in range(5)]
    return author, created


def test_author_feed_pages_newest_first_without_duplicates(author_with_posts, bob) -> None:
    author, created = author_with_posts
    pages = _walk_author_feed(bob, author.sub, limit=2)

    assert len(pages) >= 3 and all(len(page) <= 2 for page in pages)
    items = [item for page in pages for item in page]
    assert [item["id"] for item in items] == [post["id"] for post in reversed(created)]
    assert all(item["authorId"] == author.sub and item["author"]["id"] == author.sub for item in items)


def test_global_feed_is_newest_first_and_walks_without_duplicates(alice, posts) -> None:
    mine = [posts.create(alice, title=f"feed {n}")["id"] for n in range(3)]
    seen: list[dict] = []
    token = None
    for _ in range(MAX_PAGES):
        page = alice.api.ok(documents.LIST_POSTS, {"limit": 2, "nextToken": token})["listPosts"]
        assert len(page["items"]) <= 2
        seen.extend(page["items"])
        token = page["nextToken"]
        if token is None or set(mine) <= {item["id"] for item in seen}:
            break

    ids = [item["id"] for item in seen]
    assert len(ids) == len(set(ids)), "a post appeared twice"
    created_at = [item["createdAt"] for item in seen]
    assert created_at == sorted(created_at, reverse=True)
    assert [i for i in ids if i in mine] == list(reversed(mine))


@pytest.mark.smoke
def test_global_feed_first_page(alice) -> None:
    page = alice.api.ok(documents.LIST_POSTS, {"limit": 5})["listPosts"]
    assert len(page["items"]) <= 5
    created_at = [item["createdAt"] for item in page["items"]]
    assert created_at == sorted(created_at, reverse=True)


def test_limit_is_clamped_to_1_through_100(author_with_posts, alice) -> None:
    author, created = author_with_posts
    at_least_one = _author_page(alice, author.sub, 0).ok()["listPostsByAuthor"]
    assert [item["id"] for item in at_least_one["items"]] == [created[-1]["id"]]
    assert at_least_one["nextToken"]

    huge = _author_page(alice, author.sub, 1000).ok()["listPostsByAuthor"]
    assert len(huge["items"]) == len(created)


def _tamper(token: str) -> str:
    # Change a middle character: every bit of it is significant in base64/base64url.
    middle = len(token) // 2
    return token[:middle] + ("A" if token[middle] != "A" else "B") + token[middle + 1 :]


def test_tampered_or_invented_next_token_is_rejected(author_with_posts, alice) -> None:
    author, _ = author_with_posts
    token = _author_page(alice, author.sub, 2).ok()["listPostsByAuthor"]["nextToken"]
    assert token

    for forged in [_tamper(token), "not-a-token", token + "x"]:
        result = _author_page(alice, author.sub, 2, forged)
        assert result.error_types == ["ValidationError"], forged


def test_next_token_only_works_for_the_listing_that_issued_it(author_with_posts, alice) -> None:
    author, _ = author_with_posts
    author_token = _author_page(alice, author.sub, 2).ok()["listPostsByAuthor"]["nextToken"]

    reused_for_other_author = _author_page(alice, alice.sub, 1, author_token)
    assert reused_for_other_author.error_types == ["ValidationError"]

    reused_for_global_feed = alice.api.execute(documents.LIST_POSTS, {"limit": 2, "nextToken": author_token})
    assert reused_for_global_feed.error_types == ["ValidationError"]

    feed_token = alice.api.ok(documents.LIST_POSTS, {"limit": 1})["listPosts"]["nextToken"]
    assert feed_token
    assert _author_page(alice, author.sub, 2, feed_token).error_types == ["ValidationError"]
