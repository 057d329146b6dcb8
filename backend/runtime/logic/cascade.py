"""What a deleted post leaves behind: its comments and likes are deleted (from the posts table stream)."""

from __future__ import annotations

from ..observability import logger
from ..repository import comments as comments_repo
from ..repository import likes as likes_repo


def delete_post_children(post_id: str) -> None:
    comments = comments_repo.delete_all_for_post(post_id)
    likes = likes_repo.delete_all_for_post(post_id)
    logger.info("Deleted a post's children", extra={"post_id": post_id, "comments": comments, "likes": likes})
