"""Push devices, and the push a comment on your post sends to them (observable in the sandbox's outbox)."""

from __future__ import annotations

import uuid

import pytest

from . import documents


def _device_token() -> str:
    return f"it-device-{uuid.uuid4().hex}"


def _my_tokens(actor) -> dict[str, str]:
    return {d["token"]: d["platform"] for d in actor.api.ok(documents.LIST_MY_DEVICES)["listMyDevices"]}


@pytest.fixture
def registered_device(alice):
    """A device token registered to alice, unregistered after the test."""
    token = _device_token()
    alice.api.ok(documents.REGISTER_DEVICE, {"token": token, "platform": "GCM"})
    yield token
    alice.api.ok(documents.UNREGISTER_DEVICE, {"token": token})


def test_register_list_unregister_are_idempotent(alice, bob) -> None:
    token = _device_token()
    first = alice.api.ok(documents.REGISTER_DEVICE, {"token": token, "platform": "APNS"})["registerDevice"]
    again = alice.api.ok(documents.REGISTER_DEVICE, {"token": token, "platform": "APNS"})["registerDevice"]
    assert (first["token"], first["platform"]) == (token, "APNS")
    assert (again["token"], again["platform"]) == (token, "APNS")
    assert _my_tokens(alice).get(token) == "APNS"
    assert token not in _my_tokens(bob)

    assert alice.api.ok(documents.UNREGISTER_DEVICE, {"token": token})["unregisterDevice"] is True
    assert token not in _my_tokens(alice)
    assert alice.api.ok(documents.UNREGISTER_DEVICE, {"token": token})["unregisterDevice"] is True
    assert token not in _my_tokens(alice)


def test_a_token_registered_by_someone_else_moves_to_them(alice, bob) -> None:
    token = _device_token()
    alice.api.ok(documents.REGISTER_DEVICE, {"token": token, "platform": "GCM"})
    bob.api.ok(documents.REGISTER_DEVICE, {"token": token, "platform": "GCM"})
    try:
        assert token in _my_tokens(bob)
        assert token not in _my_tokens(alice), "a device belongs to the user who signed in on it last"
    finally:
        bob.api.ok(documents.UNREGISTER_DEVICE, {"token": token})
        alice.api.ok(documents.UNREGISTER_DEVICE, {"token": token})


@pytest.mark.sandbox_only
def test_comment_on_my_post_pushes_to_my_device(alice, bob, posts, registered_device, push_outbox) -> None:
    post = posts.create(alice, title="Tell me when someone answers")
    bob.api.ok(documents.CREATE_COMMENT, {"input": {"postId": post["id"], "content": "An answer"}})

    message_request = push_outbox.wait_for_message_to(registered_device)
    assert message_request["Addresses"][registered_device]["ChannelType"] == "GCM"
