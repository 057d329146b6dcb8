"""registerDevice / unregisterDevice / listMyDevices: idempotent, per user, a token stored once."""

from __future__ import annotations

from .conftest import GraphQL, error_type


def test_register_is_idempotent_and_listed(alice: GraphQL) -> None:
    first = alice.mutate("registerDevice", token="tok-1", platform="APNS")
    again = alice.mutate("registerDevice", token="tok-1", platform="APNS")
    assert first == again and first["token"] == "tok-1" and first["platform"] == "APNS"
    alice.mutate("registerDevice", token="tok-2", platform="GCM")
    assert sorted((d["token"], d["platform"]) for d in alice.query("listMyDevices")) == [
        ("tok-1", "APNS"),
        ("tok-2", "GCM"),
    ]


def test_a_token_belongs_to_the_last_user_who_registered_it(alice: GraphQL, bob: GraphQL) -> None:
    alice.mutate("registerDevice", token="shared", platform="GCM")
    bob.mutate("registerDevice", token="shared", platform="GCM")
    assert alice.query("listMyDevices") == []
    assert [d["token"] for d in bob.query("listMyDevices")] == ["shared"]


def test_unregister_is_idempotent_and_per_user(alice: GraphQL, bob: GraphQL) -> None:
    alice.mutate("registerDevice", token="tok", platform="APNS_SANDBOX")
    assert bob.mutate("unregisterDevice", token="tok") is True
    assert len(alice.query("listMyDevices")) == 1
    assert alice.mutate("unregisterDevice", token="tok") is True
    assert alice.mutate("unregisterDevice", token="tok") is True
    assert alice.query("listMyDevices") == []


def test_device_validation(alice: GraphQL) -> None:
    for token, platform in (("", "APNS"), ("a b", "APNS"), ("x" * 1025, "GCM"), ("ok", "SMS"), (7, "GCM")):
        assert error_type(alice.mutate("registerDevice", token=token, platform=platform)) == "ValidationError"
    assert error_type(alice.mutate("unregisterDevice", token="")) == "ValidationError"
    assert alice.query("listMyDevices") == []
