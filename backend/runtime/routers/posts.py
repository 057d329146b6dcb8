"""posts: getPost (reading ahead for its nested fields: logic/post_page.py), the feeds, create/update/delete/like
and the batch-resolved ``Post.likedByMe``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..dispatch import FieldEvent, Router
from ..logic import post_page, posts
from ..observability import metrics
from . import lookahead
from .support import caller_of, current_caller, current_event, single_from_batch, source_value

router = Router()


@router.resolver(type_name="Query", field_name="getPost")
def get_post(id: Any = None) -> dict[str, Any]:  # GraphQL argument name
    current_caller()
    return post_page.get_post(id, lookahead.post_page(current_event()))


@router.resolver(type_name="Query", field_name="listPosts")
def list_posts(limit: Any = None, nextToken: Any = None) -> dict[str, Any]:
    current_caller()
    return posts.list_feed(limit, nextToken)


@router.resolver(type_name="Query", field_name="listPostsByAuthor")
def list_posts_by_author(authorId: Any = None, limit: Any = None, nextToken: Any = None) -> dict[str, Any]:
    current_caller()
    return posts.list_by_author(authorId, limit, nextToken)


@router.resolver(type_name="Mutation", field_name="createPost")
def create_post(input: Any = None) -> dict[str, Any]:
    post = posts.create_post(current_caller(), input)
    metrics.add_metric(name="PostCreated", unit="Count", value=1)
    return post


@router.resolver(type_name="Mutation", field_name="updatePost")
def update_post(input: Any = None) -> dict[str, Any]:
    return posts.update_post(current_caller(), input)


@router.resolver(type_name="Mutation", field_name="deletePost")
def delete_post(id: Any = None) -> dict[str, Any]:
    return posts.delete_post(current_caller(), id)


@router.resolver(type_name="Mutation", field_name="likePost")
def like_post(id: Any = None) -> dict[str, Any]:
    return posts.like_post(current_caller(), id)


@router.batch_resolver(type_name="Post", field_name="likedByMe")
def liked_by_me(events: Sequence[FieldEvent]) -> list[Any]:
    caller = caller_of(events[0]) if events else None
    if caller is None:
        return []
    for event in events[1:]:
        if caller_of(event) != caller:  # AppSync batches one request's items: one caller per batch
            raise ValueError("likedByMe batch mixes callers")
    return posts.liked_by(caller, [source_value(event, "id") for event in events])


@router.resolver(type_name="Post", field_name="likedByMe")
def liked_by_me_single() -> Any:
    return single_from_batch(liked_by_me)
