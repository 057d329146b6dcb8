"""comments: createComment and ``Post.comments`` (oldest first, paginated)."""

from __future__ import annotations

from typing import Any

from ..dispatch import Router
from ..logic import comments, post_page
from ..observability import metrics
from .support import current_caller, current_event, source_value

router = Router()


@router.resolver(type_name="Mutation", field_name="createComment")
def create_comment(input: Any = None) -> dict[str, Any]:  # GraphQL argument name
    comment = comments.create_comment(current_caller(), input)
    metrics.add_metric(name="CommentCreated", unit="Count", value=1)
    return comment


@router.resolver(type_name="Post", field_name="comments")
def post_comments(limit: Any = None, nextToken: Any = None) -> dict[str, Any]:
    current_caller()
    event = current_event()
    prefetched = post_page.prefetched_comments(event.source, limit, nextToken)
    if prefetched is not None:  # getPost read this very page ahead
        return prefetched
    return comments.list_comments(source_value(event, "id"), limit, nextToken)
