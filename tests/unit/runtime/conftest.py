"""Runtime fixtures: dummy AWS environment, moto (in-process) with the contract's tables, a GraphQL caller."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws

from backend.runtime import settings
from backend.runtime.graphql_handler import handler

from . import offline_runtime, tables
from .events import cognito_identity, field_event

REGION = "us-east-1"


@pytest.fixture(autouse=True)
def runtime_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Offline AWS settings and the function's variables; caches reset so each test starts cold."""
    for name in offline_runtime.redirects(os.environ):
        monkeypatch.delenv(name)
    values = offline_runtime.environment(
        REGION,
        PUSH_APP_ID="test-push-app",
        APP_VERSION="1.2.3-test",
        POWERTOOLS_SERVICE_NAME="mobile-backend-tests",
        POWERTOOLS_METRICS_NAMESPACE="MobileBackendTests",
    )
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    offline_runtime.reset()
    yield
    offline_runtime.reset()


@pytest.fixture
def backend(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """moto with the tables, bucket and pagination secret of the contract."""
    with mock_aws():
        secret_arn = tables.create_all(boto3.session.Session(region_name=REGION))
        monkeypatch.setenv("PAGINATION_SECRET_ARN", secret_arn)
        settings.reset()
        yield


class GraphQL:
    """Calls the real handler with AppSync-shaped events, the way AppSync's Lambda data source does."""

    def __init__(self, sub: str, groups: list[str] | None = None) -> None:
        self.sub = sub
        self.identity = cognito_identity(sub, groups=groups)

    def __call__(
        self, parent: str, field: str, arguments: dict[str, Any] | None = None, source: dict[str, Any] | None = None
    ) -> Any:
        # No context: the handler makes a LocalContext, as for any in-process caller.
        return handler(field_event(parent, field, arguments, identity=self.identity, source=source))

    def query(self, field: str, **arguments: Any) -> Any:
        return self("Query", field, arguments)

    def mutate(self, field: str, **arguments: Any) -> Any:
        return self("Mutation", field, arguments)

    def create_post(self, title: str = "Hello", content: str = "World", **extra: Any) -> dict[str, Any]:
        post = self.mutate("createPost", input={"title": title, "content": content, **extra})
        assert "error" not in post, post
        return post


@pytest.fixture
def alice(backend: None) -> GraphQL:
    return GraphQL("alice-sub")


@pytest.fixture
def bob(backend: None) -> GraphQL:
    return GraphQL("bob-sub")


@pytest.fixture
def admin(backend: None) -> GraphQL:
    return GraphQL("admin-sub", groups=["admins"])


def error_type(result: Any) -> str | None:
    return result["error"]["type"] if isinstance(result, dict) and "error" in result else None


def pytest_configure(config: pytest.Config) -> None:
    # The handler flushes metrics on every call; most calls add none, which Powertools warns about.
    config.addinivalue_line("filterwarnings", "ignore:No application metrics to publish:UserWarning")
