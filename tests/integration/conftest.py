"""Fixtures and target-based selection for the integration suite.

Selection, never skipping. Deselected, by target:
- `sandbox_only` tests on deployed targets, `deployed_only` tests (what moto does not enforce) on the sandbox;
- `analytics` tests on deployed targets without the analytics feature (the sandbox always has it);
- tests that need test users (anything depending on the `cognito_users` fixture) where users cannot be
  created: protected environments have no test role.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from . import aws, documents
from .gql import GraphQLClient, Response
from .push_outbox import PushOutbox
from .realtime import RealtimeConnection
from .target import Target, load_target
from .users import CognitoUsers, TestUser

USER_FIXTURE = "cognito_users"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "smoke: read-only checks safe against production (pytest -m smoke)")
    config.addinivalue_line("markers", "sandbox_only: needs the offline sandbox (deselected on deployed targets)")
    config.addinivalue_line("markers", "deployed_only: AWS behaviour moto lacks (deselected on the sandbox)")
    config.addinivalue_line("markers", "analytics: needs the analytics feature (deselected where it is off)")


@functools.cache
def _target() -> Target:
    return load_target()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    if not any(here in item.path.parents for item in items):
        return  # e.g. `pytest tests/unit`: this hook sees every item of the session
    target = _target()
    selected: list[pytest.Item] = []
    deselected: list[pytest.Item] = []
    for item in items:
        if here not in item.path.parents:
            selected.append(item)
            continue
        needs_sandbox = item.get_closest_marker("sandbox_only") is not None and not target.is_sandbox
        needs_aws = item.get_closest_marker("deployed_only") is not None and target.is_sandbox
        needs_analytics = (
            item.get_closest_marker("analytics") is not None and not target.is_sandbox and not target.has_analytics
        )
        needs_users = USER_FIXTURE in getattr(item, "fixturenames", ()) and not target.can_create_users
        (deselected if needs_sandbox or needs_aws or needs_analytics or needs_users else selected).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected


@dataclass(frozen=True)
class Actor:
    """A signed-in test user and a GraphQL client carrying their access token."""

    user: TestUser
    api: GraphQLClient

    @property
    def sub(self) -> str:
        return self.user.sub


@pytest.fixture(scope="session")
def target() -> Target:
    return _target()


@pytest.fixture(scope="session")
def test_role(target: Target) -> aws.AwsCredentials | None:
    """The deployed stage's test role, assumed with the ambient credentials (None: sandbox or protected env)."""
    return aws.assume_role(target, target.test_role_arn) if target.test_role_arn and not target.is_sandbox else None


@pytest.fixture(scope="session")
def cognito_users(target: Target, test_role: aws.AwsCredentials | None) -> Iterator[CognitoUsers]:
    """Creates users on demand; deletes all of them at session end, whatever happened."""
    users = CognitoUsers(target, test_role)
    try:
        yield users
    finally:
        failures = users.delete_all()
        assert not failures, f"test users left behind: {failures}"


@pytest.fixture(scope="session")
def new_actor(target: Target, cognito_users: CognitoUsers) -> Callable[..., Actor]:
    def create(groups: tuple[str, ...] = ()) -> Actor:
        user = cognito_users.create(groups)
        return Actor(user=user, api=GraphQLClient(target, token=user.tokens.access_token))

    return create


@pytest.fixture(scope="session")
def alice(new_actor: Callable[..., Actor]) -> Actor:
    return new_actor()


@pytest.fixture(scope="session")
def bob(new_actor: Callable[..., Actor]) -> Actor:
    return new_actor()


@pytest.fixture(scope="session")
def admin(new_actor: Callable[..., Actor]) -> Actor:
    return new_actor(groups=("admins",))


@pytest.fixture(scope="session")
def iam_api(target: Target, test_role: aws.AwsCredentials | None) -> GraphQLClient:
    return GraphQLClient(target, iam=aws.iam_caller_credentials(target, test_role))


@pytest.fixture(scope="session")
def anonymous_api(target: Target) -> GraphQLClient:
    return GraphQLClient(target)


class PostTracker:
    """Creates posts and deletes the ones still there when the test ends."""

    def __init__(self) -> None:
        self._created: list[tuple[Actor, str]] = []

    def create(
        self, actor: Actor, title: str = "Integration post", content: str = "Written by a test.", **extra: Any
    ) -> dict[str, Any]:
        return self.attempt(actor, title=title, content=content, **extra).ok()["createPost"]

    def attempt(self, actor: Actor, **post_input: Any) -> Response:
        """createPost that may fail; a post it did create is still deleted at the end."""
        result = actor.api.execute(documents.CREATE_POST, {"input": post_input})
        created = (result.data or {}).get("createPost")
        if created:
            self._created.append((actor, created["id"]))
        return result

    def delete_all(self) -> list[str]:
        failures = []
        for actor, post_id in reversed(self._created):
            result = actor.api.execute(documents.DELETE_POST, {"id": post_id})
            if result.errors and result.error_types != ["NotFound"]:
                failures.append(f"{post_id}: {result.errors}")
        return failures


@pytest.fixture
def posts() -> Iterator[PostTracker]:
    tracker = PostTracker()
    yield tracker
    failures = tracker.delete_all()
    assert not failures, f"posts left behind: {failures}"


@pytest.fixture
def realtime(target: Target) -> Iterator[Callable[[Actor], RealtimeConnection]]:
    """Opens realtime connections for actors; closes them after the test."""
    opened: list[RealtimeConnection] = []

    def open_for(actor: Actor) -> RealtimeConnection:
        connection = RealtimeConnection(target, actor.user.tokens.access_token).open()
        opened.append(connection)
        return connection

    yield open_for
    for connection in opened:
        connection.close()


@pytest.fixture(scope="session")
def push_outbox(target: Target) -> PushOutbox:
    return PushOutbox(target)
