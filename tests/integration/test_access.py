"""Who may call the API, and the shapes of the errors AppSync returns before any resolver runs."""

from __future__ import annotations

from datetime import datetime

import pytest

from . import documents
from .gql import GraphQLClient
from .users import jwt_claims


def _assert_healthy(health: dict) -> None:
    assert health["status"] == "ok"
    assert health["version"]
    datetime.fromisoformat(health["time"].replace("Z", "+00:00"))


@pytest.mark.smoke
def test_health_answers_iam_signed_callers(iam_api: GraphQLClient) -> None:
    _assert_healthy(iam_api.ok(documents.HEALTH)["health"])


@pytest.mark.smoke
def test_health_answers_signed_in_users(alice) -> None:
    _assert_healthy(alice.api.ok(documents.HEALTH)["health"])


@pytest.mark.smoke
def test_request_without_token_is_401_unauthorized_exception(anonymous_api: GraphQLClient) -> None:
    result = anonymous_api.execute(documents.HEALTH)
    assert result.status == 401
    assert result.error_types == ["UnauthorizedException"]
    assert not result.data


@pytest.mark.smoke
def test_request_with_garbage_token_is_401_unauthorized_exception(target) -> None:
    result = GraphQLClient(target, token="not-a-jwt").execute(documents.HEALTH)
    assert result.status == 401
    assert result.error_types == ["UnauthorizedException"]


def test_request_with_tampered_token_is_401(target, alice) -> None:
    header, payload, signature = alice.user.tokens.access_token.split(".")
    # Same header and signature, different claims: only a signature check catches it.
    forged_payload = payload[:-4] + ("AAAA" if payload[-4:] != "AAAA" else "BBBB")
    result = GraphQLClient(target, token=f"{header}.{forged_payload}.{signature}").execute(documents.HEALTH)
    assert result.status == 401
    assert result.error_types == ["UnauthorizedException"]


@pytest.mark.smoke
def test_schema_violation_is_a_validation_error(iam_api: GraphQLClient) -> None:
    result = iam_api.execute("query { health { status noSuchField } }")
    assert not result.data
    assert result.errors and result.errors[0]["message"].startswith("Validation error of type")


def test_wrong_argument_type_is_a_validation_error(alice) -> None:
    result = alice.api.execute('query { listPosts(limit: "ten") { nextToken } }')
    assert not result.data
    assert result.errors and result.errors[0]["message"].startswith("Validation error of type")


def test_iam_callers_reach_only_iam_fields(iam_api: GraphQLClient) -> None:
    result = iam_api.execute(documents.ME)
    assert result.errors, "me is a Cognito-only field"
    assert not (result.data or {}).get("me")


@pytest.mark.smoke
def test_sign_in_issues_tokens_for_the_pool_and_client(target, alice) -> None:
    access = jwt_claims(alice.user.tokens.access_token)
    identity = jwt_claims(alice.user.tokens.id_token)
    assert access["token_use"] == "access" and identity["token_use"] == "id"
    assert access["client_id"] == target.user_pool_client_id
    assert identity["aud"] == target.user_pool_client_id
    assert access["iss"].endswith("/" + target.user_pool_id)
    assert access["sub"] == identity["sub"]


def test_admins_group_membership_is_in_the_token(admin, alice) -> None:
    assert "admins" in jwt_claims(admin.user.tokens.access_token).get("cognito:groups", [])
    assert "admins" not in jwt_claims(alice.user.tokens.access_token).get("cognito:groups", [])
