"""me, getUser, updateProfile and the Cognito post-confirmation trigger."""

from __future__ import annotations

from backend.runtime import cognito_trigger

from .conftest import GraphQL, error_type


def test_me_creates_the_profile_on_first_call_and_then_reads_it(alice: GraphQL) -> None:
    first = alice.query("me")
    assert first["id"] == "alice-sub"
    assert first["username"] == "user-alice-sub"
    assert first["postCount"] == 0
    assert first["createdAt"].endswith("Z") and first["createdAt"] == first["updatedAt"]
    assert alice.query("me") == first


def test_get_user_returns_the_profile_or_not_found(alice: GraphQL, bob: GraphQL) -> None:
    alice.query("me")
    assert bob.query("getUser", id="alice-sub")["username"] == "user-alice-sub"
    assert error_type(bob.query("getUser", id="nobody")) == "NotFound"
    assert error_type(bob.query("getUser", id="")) == "ValidationError"


def test_update_profile_sets_and_clears_fields(alice: GraphQL) -> None:
    updated = alice.mutate(
        "updateProfile", input={"displayName": "  Alice  ", "bio": "Hi", "avatarKey": "private/alice-sub/avatar-1"}
    )
    assert (updated["displayName"], updated["bio"], updated["avatarKey"]) == (
        "Alice",
        "Hi",
        "private/alice-sub/avatar-1",
    )
    cleared = alice.mutate("updateProfile", input={"bio": None})
    assert cleared["bio"] is None and cleared["displayName"] == "Alice"
    assert alice.query("me")["bio"] is None


def test_update_profile_validates_input(alice: GraphQL) -> None:
    assert error_type(alice.mutate("updateProfile", input={})) == "ValidationError"
    assert error_type(alice.mutate("updateProfile", input={"displayName": "x" * 101})) == "ValidationError"
    refused = alice.mutate("updateProfile", input={"avatarKey": "private/bob-sub/avatar"})
    assert error_type(refused) == "ValidationError"
    assert "private/alice-sub/" in refused["error"]["message"]
    assert alice.query("me")["avatarKey"] is None


def test_post_confirmation_trigger_creates_the_profile_once(backend: None) -> None:
    event = {
        "triggerSource": "PostConfirmation_ConfirmSignUp",
        "userName": "carol",
        "request": {"userAttributes": {"sub": "carol-sub", "email": "carol@example.com"}},
        "response": {},
    }
    assert cognito_trigger.handler(event, None) == event
    carol = GraphQL("carol-sub")
    profile = carol.query("me")
    assert profile["username"] == "carol"
    assert cognito_trigger.handler(event, None) == event
    assert carol.query("me") == profile


def test_post_confirmation_for_password_reset_creates_nothing(backend: None) -> None:
    event = {
        "triggerSource": "PostConfirmation_ConfirmForgotPassword",
        "userName": "dave",
        "request": {"userAttributes": {"sub": "dave-sub"}},
    }
    cognito_trigger.handler(event, None)
    assert error_type(GraphQL("x").query("getUser", id="dave-sub")) == "NotFound"
