"""A post page in three DynamoDB requests: ``getPost`` reads ahead what its selection will ask for next.

Without look-ahead a post page costs four: GetItem post, BatchGetItem its author (Post.author), Query comments
(Post.comments), BatchGetItem the comment authors (Comment.author). With it, ``getPost`` reads the post and the
selected comments page, then the post's author and the comment authors in ONE BatchGetItem, and returns the
post with ``author`` and ``comments`` (each comment with its ``author``) already filled in. AppSync hands that
whole result to the nested field resolvers as their ``source``
(https://docs.aws.amazon.com/appsync/latest/devguide/resolver-context-reference-js.html, "source"), and they
answer from it instead of reading again: the comments page only when it was read for the very arguments the
field has now. Values are stored exactly as the field resolvers would return them (a missing author is the same
NotFound envelope), so a prefetched answer is identical to a fresh one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import DomainError
from ..validation import limit as clamp_limit
from ..validation import optional_token
from . import comments, posts, users

# Which page `comments` holds: a key no GraphQL field can have, so it never collides with the schema.
COMMENTS_ARGUMENTS = "comments@arguments"


@dataclass(frozen=True)
class CommentsPage:
    """The arguments of the selected ``comments`` field, as written in the query (not yet validated)."""

    limit: Any = None
    next_token: Any = None


@dataclass(frozen=True)
class Lookahead:
    """What a ``getPost`` selection asks for below the post."""

    author: bool = False
    comments: CommentsPage | None = None
    comment_authors: bool = False


NOTHING = Lookahead()


def get_post(post_id: Any, wants: Lookahead = NOTHING) -> dict[str, Any]:
    post = posts.get_post(post_id)  # NotFound first: nothing else is read for a missing post
    page = _comments_page(post["id"], wants.comments) if wants.comments else None
    with_author: list[dict[str, Any]] = [post] if wants.author else []
    if page is not None and wants.comment_authors:
        with_author += page["items"]
    # users.authors: one BatchGetItem per 100 distinct ids, so the post's author rides with the commenters.
    for item, author in zip(with_author, users.authors([i["authorId"] for i in with_author]), strict=True):
        item["author"] = author.envelope() if isinstance(author, DomainError) else author
    if page is not None and wants.comments is not None:
        post["comments"] = page
        post[COMMENTS_ARGUMENTS] = _page_key(wants.comments.limit, wants.comments.next_token)
    return post


def prefetched_comments(source: Any, limit: Any, next_token: Any) -> dict[str, Any] | None:
    """The comments page the parent carries, if it was read for these arguments (else None: read it)."""
    if not isinstance(source, Mapping) or not isinstance(source.get("comments"), dict):
        return None
    try:
        wanted = _page_key(limit, next_token)
    except DomainError:
        return None  # let the normal path report the bad argument
    return source["comments"] if source.get(COMMENTS_ARGUMENTS) == wanted else None


def authors(sources: Sequence[Any]) -> list[Any]:
    """One author (or NotFound) per source: what the parent carries, the rest in one batched read."""
    results: list[Any] = [_prefetched_author(source) for source in sources]
    missing = [index for index, result in enumerate(results) if result is None]
    if missing:
        ids = [sources[i].get("authorId") if isinstance(sources[i], Mapping) else None for i in missing]
        for index, author in zip(missing, users.authors(ids), strict=True):
            results[index] = author
    return results


def _prefetched_author(source: Any) -> dict[str, Any] | None:
    author = source.get("author") if isinstance(source, Mapping) else None
    if not isinstance(author, dict):
        return None
    if isinstance(author.get("error"), dict):  # the NotFound envelope of an author that does not exist
        return author
    return author if author.get("id") is not None and author.get("id") == source.get("authorId") else None


def _comments_page(post_id: str, wanted: CommentsPage) -> dict[str, Any] | None:
    try:
        return comments.list_comments(post_id, wanted.limit, wanted.next_token)
    except DomainError:
        return None  # a bad limit or token: Post.comments reports it with its own arguments


def _page_key(limit: Any, next_token: Any) -> dict[str, Any]:
    """Arguments as the listing uses them (limit clamped), so equal keys mean the same page."""
    return {"limit": clamp_limit(limit), "nextToken": optional_token(next_token)}
