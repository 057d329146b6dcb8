"""Profiles: `me` exists from the first call; updateProfile changes only what it is given."""

from __future__ import annotations

import uuid

import pytest

from . import documents


@pytest.mark.smoke
def test_me_is_the_signed_in_user(alice) -> None:
    me = alice.api.ok(documents.ME)["me"]
    assert me["id"] == alice.sub
    assert me["username"]
    assert me["postCount"] >= 0


def test_first_call_of_a_new_user_creates_the_profile(new_actor) -> None:
    newcomer = new_actor()
    first = newcomer.api.ok(documents.ME)["me"]
    again = newcomer.api.ok(documents.ME)["me"]
    assert first["id"] == newcomer.sub
    assert first["postCount"] == 0
    assert again["createdAt"] == first["createdAt"], "a second call must not recreate the profile"


def test_update_profile_changes_given_fields_only(new_actor, bob) -> None:
    user = new_actor()
    before = user.api.ok(documents.ME)["me"]
    name = f"Tester {uuid.uuid4().hex[:8]}"
    updated = user.api.ok(documents.UPDATE_PROFILE, {"input": {"displayName": name, "bio": "Writes tests."}})[
        "updateProfile"
    ]
    assert (updated["id"], updated["displayName"], updated["bio"]) == (user.sub, name, "Writes tests.")
    assert updated["createdAt"] == before["createdAt"]
    assert updated["updatedAt"] >= before["updatedAt"]

    renamed = user.api.ok(documents.UPDATE_PROFILE, {"input": {"displayName": name + "!"}})["updateProfile"]
    assert renamed["bio"] == "Writes tests.", "a field left out stays as it was"
    seen_by_other = bob.api.ok(documents.GET_USER, {"id": user.sub})["getUser"]
    assert seen_by_other["displayName"] == name + "!"


def test_get_user_with_unknown_id_is_not_found(alice) -> None:
    result = alice.api.execute(documents.GET_USER, {"id": str(uuid.uuid4())})
    assert result.error_types == ["NotFound"]
    assert not (result.data or {}).get("getUser")
