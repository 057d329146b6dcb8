"""The business rules that clients rely on, at their boundaries: which field a validation error names, timestamps
and versions, ownership, image and avatar keys, device registration, upload targets, strongly consistent reads.
"""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest

from backend.runtime import aws, clock
from backend.runtime.logic import users

from .conftest import REGION, GraphQL, error_type
from .tables import TABLE_NAMES


class FakeClock:
    """The runtime's clock, moved by hand."""

    def __init__(self) -> None:
        self.moment = datetime(2026, 3, 1, 12, 0, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.moment

    def advance(self, seconds: float) -> str:
        self.moment += timedelta(seconds=seconds)
        return clock.iso(self.moment)

    @property
    def iso(self) -> str:
        return clock.iso(self.moment)


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(clock, "now", fake.now)
    return fake


def _message(result: Any) -> str:
    assert error_type(result) == "ValidationError", result
    return result["error"]["message"]


# --- validation errors name the field the client has to fix ---------------------------------------------------------


def test_each_validation_error_starts_with_the_name_of_the_offending_field(alice: GraphQL) -> None:
    post = alice.create_post()
    pid = post["id"]
    cases = {
        "title": alice.mutate("createPost", input={"title": " ", "content": "c"}),
        "content": alice.mutate("createPost", input={"title": "t", "content": "x" * 10_001}),
        "imageKey": alice.mutate("createPost", input={"title": "t", "content": "c", "imageKey": "private/bob-sub/x"}),
        "expectedVersion": alice.mutate("updatePost", input={"id": pid, "expectedVersion": "1", "title": "t"}),
        "postId": alice.mutate("createComment", input={"postId": "", "content": "c"}),
        "authorId": alice.query("listPostsByAuthor", authorId=""),
        "contentLength": alice.mutate("createUploadUrl", contentType="image/png", contentLength="big"),
        "token": alice.mutate("registerDevice", token="", platform="GCM"),
        "displayName": alice.mutate("updateProfile", input={"displayName": "x" * 101}),
        "bio": alice.mutate("updateProfile", input={"bio": ""}),
        "avatarKey": alice.mutate("updateProfile", input={"avatarKey": "private/bob-sub/a"}),
    }
    update_cases = {
        "title": {"title": "x" * 201},
        "content": {"content": ""},
        "imageKey": {"imageKey": "public/x"},
    }
    for field, change in update_cases.items():
        result = alice.mutate("updatePost", input={"id": pid, "expectedVersion": 1, **change})
        assert _message(result).split()[0] == field, (field, result)
    comment = alice.mutate("createComment", input={"postId": pid, "content": "x" * 2001})
    assert _message(comment).split()[0] == "content"
    listing = alice("Post", "comments", {}, source={"id": ""})
    assert _message(listing).split()[0] == "postId"
    for field, result in cases.items():
        assert _message(result).split()[0] == field, (field, result)
    assert alice.query("getPost", id=pid)["version"] == 1


def test_an_unknown_content_type_or_platform_lists_what_is_accepted(alice: GraphQL) -> None:
    content_type = _message(alice.mutate("createUploadUrl", contentType="text/html", contentLength=10))
    assert content_type.endswith("image/gif, image/heic, image/heif, image/jpeg, image/png, image/webp")
    platform = _message(alice.mutate("registerDevice", token="t", platform="SMS"))
    assert platform.endswith("APNS, APNS_SANDBOX, GCM")


# --- boundaries -----------------------------------------------------------------------------------------------------


def test_update_and_comment_lengths_accept_the_maximum_and_refuse_one_more(alice: GraphQL) -> None:
    post = alice.create_post()
    at_max = alice.mutate("updatePost", input={"id": post["id"], "expectedVersion": 1, "title": "t" * 200})
    assert (at_max["title"], at_max["version"]) == ("t" * 200, 2)
    too_long = alice.mutate("updatePost", input={"id": post["id"], "expectedVersion": 2, "content": "c" * 10_001})
    assert error_type(too_long) == "ValidationError"
    longest = alice.mutate("updatePost", input={"id": post["id"], "expectedVersion": 2, "content": "c" * 10_000})
    assert (len(longest["content"]), longest["version"]) == (10_000, 3)
    comment = alice.mutate("createComment", input={"postId": post["id"], "content": "k" * 2000})
    assert comment["content"] == "k" * 2000
    assert alice.query("getPost", id=post["id"])["commentCount"] == 1


def test_upload_size_accepts_one_byte_and_the_url_expires_when_announced(alice: GraphQL) -> None:
    target = alice.mutate("createUploadUrl", contentType="IMAGE/PNG", contentLength=1)
    fields = json.loads(target["fields"])
    assert fields["Content-Type"] == "image/png"
    policy = json.loads(base64.b64decode(fields["policy"]))
    assert ["content-length-range", 1, 1] in policy["conditions"]
    expires_at = datetime.fromisoformat(target["expiresAt"].replace("Z", "+00:00"))
    policy_expiry = datetime.fromisoformat(policy["expiration"].replace("Z", "+00:00"))
    assert abs((policy_expiry - expires_at).total_seconds()) < 5  # S3 refuses the upload when the app says so
    assert timedelta(minutes=14) < expires_at - datetime.now(UTC) <= timedelta(minutes=15)


def test_device_tokens_are_limited_to_1024_bytes_not_characters(alice: GraphQL) -> None:
    assert alice.mutate("registerDevice", token="a" * 1024, platform="GCM")["token"] == "a" * 1024
    assert alice.mutate("registerDevice", token="é" * 512, platform="GCM")["token"] == "é" * 512  # 1024 bytes
    assert error_type(alice.mutate("registerDevice", token="é" * 513, platform="GCM")) == "ValidationError"
    assert error_type(alice.mutate("registerDevice", token="tab\there", platform="GCM")) == "ValidationError"
    assert len(alice.query("listMyDevices")) == 2


# --- versions, timestamps, ownership --------------------------------------------------------------------------------


def test_update_post_stamps_updated_at_and_keeps_created_at(alice: GraphQL, fake_clock: FakeClock) -> None:
    post = alice.create_post()
    later = fake_clock.advance(90)
    updated = alice.mutate("updatePost", input={"id": post["id"], "expectedVersion": 1, "content": "Edited"})
    assert (updated["version"], updated["updatedAt"], updated["createdAt"]) == (2, later, post["createdAt"])
    assert alice.query("getPost", id=post["id"]) == updated


def test_update_post_sets_a_new_image_and_a_stale_version_changes_nothing(alice: GraphQL) -> None:
    post = alice.create_post()
    key = alice.mutate("createUploadUrl", contentType="image/webp", contentLength=10)["key"]
    with_image = alice.mutate("updatePost", input={"id": post["id"], "expectedVersion": 1, "imageKey": key})
    assert (with_image["imageKey"], with_image["version"]) == (key, 2)
    assert with_image["imageUrl"] and key in with_image["imageUrl"]
    stale = alice.mutate("updatePost", input={"id": post["id"], "expectedVersion": 1, "imageKey": None})
    assert error_type(stale) == "ConflictError"
    assert alice.query("getPost", id=post["id"])["imageKey"] == key


def test_admin_may_delete_but_another_user_may_not_and_unknown_ids_are_not_found(
    alice: GraphQL, bob: GraphQL, admin: GraphQL
) -> None:
    post = alice.create_post()
    assert error_type(bob.mutate("updatePost", input={"id": post["id"], "expectedVersion": 1, "title": "x"})) == (
        "Unauthorized"
    )
    assert error_type(admin.mutate("updatePost", input={"id": "nope", "expectedVersion": 1, "title": "x"})) == (
        "NotFound"
    )
    assert error_type(admin.mutate("deletePost", id="nope")) == "NotFound"
    assert error_type(bob.mutate("likePost", id="nope")) == "NotFound"
    assert error_type(bob.mutate("createComment", input={"postId": "nope", "content": "c"})) == "NotFound"
    assert error_type(bob.query("getUser", id="nope")) == "NotFound"
    assert admin.mutate("deletePost", id=post["id"]) == {"id": post["id"]}


def test_reads_that_guard_or_follow_a_write_are_strongly_consistent(alice: GraphQL, bob: GraphQL) -> None:
    """A like returns the count with that like in it; an edit or delete checks the post as it is now."""
    post = alice.create_post()
    reads: list[tuple[str, bool]] = []

    def record(params: dict[str, Any], **_: Any) -> None:
        reads.append((params["TableName"], bool(params.get("ConsistentRead"))))

    aws.dynamodb().meta.events.register("before-parameter-build.dynamodb.GetItem", record)
    posts_table = TABLE_NAMES["POSTS_TABLE"]

    alice.query("getPost", id=post["id"])
    assert reads == [(posts_table, False)]  # a plain read: eventually consistent, half the cost
    for call in (
        lambda: bob.mutate("likePost", id=post["id"]),
        lambda: alice.mutate("updatePost", input={"id": post["id"], "expectedVersion": 1, "title": "t"}),
        lambda: alice.mutate("deletePost", id=post["id"]),
    ):
        reads.clear()
        assert error_type(call()) is None
        assert reads == [(posts_table, True)]


# --- profiles -------------------------------------------------------------------------------------------------------


def test_a_profile_made_by_update_profile_or_a_first_post_is_complete(
    alice: GraphQL, bob: GraphQL, fake_clock: FakeClock
) -> None:
    created = alice.mutate("updateProfile", input={"displayName": "Alice"})
    assert (created["username"], created["postCount"], created["displayName"]) == ("user-alice-sub", 0, "Alice")
    assert created["createdAt"] == created["updatedAt"] == fake_clock.iso
    later = fake_clock.advance(60)
    again = alice.mutate("updateProfile", input={"bio": "Hello"})
    assert (again["createdAt"], again["updatedAt"], again["displayName"]) == (created["createdAt"], later, "Alice")

    post = bob.create_post()  # bob's first action: the post creates his profile
    assert bob.query("me") == {
        "id": "bob-sub",
        "username": "user-bob-sub",
        "displayName": None,
        "bio": None,
        "avatarKey": None,
        "postCount": 1,
        "createdAt": post["createdAt"],
        "updatedAt": post["createdAt"],
    }


def test_update_profile_clears_several_fields_at_once_and_the_avatar(alice: GraphQL) -> None:
    avatar = "private/alice-sub/avatar.png"
    alice.mutate("updateProfile", input={"displayName": "A", "bio": "B", "avatarKey": avatar})
    cleared = alice.mutate("updateProfile", input={"displayName": None, "bio": None})
    assert (cleared["displayName"], cleared["bio"], cleared["avatarKey"]) == (None, None, avatar)
    no_avatar = alice.mutate("updateProfile", input={"avatarKey": None})
    assert no_avatar["avatarKey"] is None
    assert alice.query("me")["avatarKey"] is None


def test_confirming_a_user_again_keeps_the_existing_profile(alice: GraphQL, fake_clock: FakeClock) -> None:
    first = users.ensure_profile("alice-sub", "alice")
    assert (first["username"], first["postCount"], first["createdAt"]) == ("alice", 0, fake_clock.iso)
    alice.create_post()
    fake_clock.advance(60)
    again = users.ensure_profile("alice-sub", "renamed")  # the profile exists: read back, not overwritten
    assert (again["username"], again["postCount"], again["createdAt"]) == ("alice", 1, first["createdAt"])


# --- posts, comments, devices ---------------------------------------------------------------------------------------


def test_a_stored_status_is_reported_and_a_missing_one_reads_as_published(alice: GraphQL) -> None:
    table = boto3.client("dynamodb", region_name=REGION)
    base = {
        "feed": {"S": "ALL"},
        "authorId": {"S": "alice-sub"},
        "title": {"S": "t"},
        "content": {"S": "c"},
        "version": {"N": "1"},
        "createdAt": {"S": "2026-01-01T00:00:00.000Z"},
        "updatedAt": {"S": "2026-01-01T00:00:00.000Z"},
    }
    table.put_item(
        TableName=TABLE_NAMES["POSTS_TABLE"], Item={**base, "id": {"S": "in-review"}, "status": {"S": "PENDING_REVIEW"}}
    )
    table.put_item(TableName=TABLE_NAMES["POSTS_TABLE"], Item={**base, "id": {"S": "legacy"}})
    assert alice.query("getPost", id="in-review")["status"] == "PENDING_REVIEW"
    legacy = alice.query("getPost", id="legacy")
    assert (legacy["status"], legacy["likeCount"], legacy["commentCount"]) == ("PUBLISHED", 0, 0)


def test_comments_made_in_the_same_millisecond_are_all_kept(
    alice: GraphQL, bob: GraphQL, fake_clock: FakeClock
) -> None:
    post = alice.create_post()
    first = bob.mutate("createComment", input={"postId": post["id"], "content": "one"})
    second = bob.mutate("createComment", input={"postId": post["id"], "content": "two"})
    assert first["createdAt"] == second["createdAt"] == fake_clock.iso
    assert first["id"] != second["id"]
    listed = alice("Post", "comments", {}, source=post)["items"]
    assert sorted(c["id"] for c in listed) == sorted([first["id"], second["id"]])
    assert alice.query("getPost", id=post["id"])["commentCount"] == 2


def test_registering_again_keeps_the_first_registration_time_and_updates_the_platform(
    alice: GraphQL, fake_clock: FakeClock
) -> None:
    first = alice.mutate("registerDevice", token="tok", platform="APNS_SANDBOX")
    assert first == {"token": "tok", "platform": "APNS_SANDBOX", "createdAt": fake_clock.iso}
    fake_clock.advance(3600)
    again = alice.mutate("registerDevice", token="tok", platform="APNS")
    assert again == {"token": "tok", "platform": "APNS", "createdAt": first["createdAt"]}
    assert alice.query("listMyDevices") == [again]
