"""users: me, getUser, updateProfile and the batch-resolved ``author`` of posts and comments."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..dispatch import FieldEvent, Router
from ..logic import post_page, users
from .support import caller_of, current_caller, single_from_batch

router = Router()


@router.resolver(type_name="Query", field_name="me")
def me() -> dict[str, Any]:
    return users.me(current_caller())


@router.resolver(type_name="Query", field_name="getUser")
def get_user(id: Any = None) -> dict[str, Any]:  # GraphQL argument name
    current_caller()
    return users.get_user(id)


@router.resolver(type_name="Mutation", field_name="updateProfile")
def update_profile(input: Any = None) -> dict[str, Any]:
    return users.update_profile(current_caller(), input)


@router.batch_resolver(type_name="Post", field_name="author")
@router.batch_resolver(type_name="Comment", field_name="author")
def authors(events: Sequence[FieldEvent]) -> list[Any]:
    for event in events:
        caller_of(event)
    # Authors getPost read ahead come with their parent; the others are read in one batch.
    return post_page.authors([event.source for event in events])


@router.resolver(type_name="Post", field_name="author")
@router.resolver(type_name="Comment", field_name="author")
def author() -> Any:
    return single_from_batch(authors)
