"""One page of a list field (`listPosts`, `listPostsByAuthor`, `Post.comments`): the arguments checked, the
items shaped for GraphQL and a `nextToken` that only this list accepts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import pagination
from ..validation import limit as clamp_limit
from ..validation import optional_token
from . import views


def connection_page(
    listing: pagination.Listing,
    partition: str,
    *,
    scope: str,
    limit: Any,
    next_token: Any,
    view: Callable[[dict[str, Any]], dict[str, Any]],
) -> dict[str, Any]:
    """The `{items, nextToken}` connection of one page of ``partition``; ``scope`` binds the token to the list."""
    items, token = pagination.read_page(
        listing, partition, scope=scope, limit=clamp_limit(limit), next_token=optional_token(next_token)
    )
    return views.connection([view(item) for item in items], token)
