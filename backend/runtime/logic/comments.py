"""Comments: create (counted on the post) and list oldest first."""

from __future__ import annotations

import uuid
from typing import Any

from .. import clock
from ..identity import Caller
from ..repository import comments as comments_repo
from ..validation import COMMENT_MAX, identifier, input_object, text
from . import views
from .paging import connection_page


def comments_scope(post_id: str) -> str:
    return f"comments#{post_id}"


def create_comment(caller: Caller, raw_input: Any) -> dict[str, Any]:
    data = input_object(raw_input)
    post_id = identifier(data.get("postId"), "postId")
    content = text(data.get("content"), "content", max_length=COMMENT_MAX)
    now = clock.now_iso()
    comment_id = str(uuid.uuid4())
    item = {
        "postId": post_id,
        "commentKey": comments_repo.comment_key(now, comment_id),
        "id": comment_id,
        "authorId": caller.sub,
        "content": content,
        "createdAt": now,
    }
    comments_repo.create(item, caller.username)
    return views.comment(item)


def list_comments(post_id: Any, limit: Any, next_token: Any) -> dict[str, Any]:
    pid = identifier(post_id, "postId")
    return connection_page(
        comments_repo.FOR_POST, pid, scope=comments_scope(pid), limit=limit, next_token=next_token, view=views.comment
    )
