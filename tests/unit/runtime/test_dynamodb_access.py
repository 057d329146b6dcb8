"""The DynamoDB access that clients and operators rely on: the stored item shapes docs/architecture.md
promises, lists that DynamoDB cuts short, cascades that need several queries and batches, throttling retries,
counters on posts written before the counters existed, and deletes that lose a race.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from backend.runtime import aws
from backend.runtime.errors import NotFound
from backend.runtime.logic import cascade
from backend.runtime.repository import dynamo
from backend.runtime.repository import posts as posts_repo
from backend.runtime.repository import users as users_repo

from .conftest import REGION, GraphQL
from .tables import TABLE_NAMES


class ShortPagesDynamoDB:
    """The runtime's DynamoDB client, but every Query returns at most ``page`` items, as when a response reaches
    DynamoDB's 1 MB limit (fewer items than asked for, plus a LastEvaluatedKey). Counts the calls made."""

    def __init__(self, page: int) -> None:
        self.real = aws.dynamodb()
        self.page = page
        self.calls: Counter[str] = Counter()

    def __getattr__(self, name: str) -> Any:
        self.calls[name] += 1
        return getattr(self.real, name)

    def query(self, **request: Any) -> Any:
        self.calls["query"] += 1
        return self.real.query(**{**request, "Limit": min(request.get("Limit", self.page), self.page)})


class ThrottledDynamoDB:
    """Hands back part of every batch request as unprocessed: the first ``processed`` batch calls are served in
    full, later ones process one request each (or nothing at all with ``stuck``)."""

    def __init__(self, *, stuck: bool = False) -> None:
        self.real = aws.dynamodb()
        self.stuck = stuck
        self.calls: Counter[str] = Counter()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def batch_write_item(self, RequestItems: dict[str, Any]) -> dict[str, Any]:  # boto3 name
        self.calls["batch_write_item"] += 1
        ((table, requests),) = RequestItems.items()
        if self.stuck:
            return {"UnprocessedItems": RequestItems}
        self.real.batch_write_item(RequestItems={table: requests[:1]})
        return {"UnprocessedItems": {table: requests[1:]} if requests[1:] else {}}

    def batch_get_item(self, RequestItems: dict[str, Any]) -> dict[str, Any]:  # boto3 name
        self.calls["batch_get_item"] += 1
        if self.stuck:
            return {"Responses": {}, "UnprocessedKeys": RequestItems}
        return self.real.batch_get_item(RequestItems=RequestItems)


class FakeTime:
    """dynamo's ``time`` module: sleeps are recorded, not slept."""

    def __init__(self) -> None:
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)


@pytest.fixture
def fake_time(monkeypatch: pytest.MonkeyPatch) -> FakeTime:
    fake = FakeTime()
    monkeypatch.setattr(dynamo, "time", fake)
    return fake


def _raw_item(table: str, key: dict[str, str]) -> dict[str, Any]:
    client = boto3.client("dynamodb", region_name=REGION)
    item = client.get_item(TableName=TABLE_NAMES[table], Key={name: {"S": value} for name, value in key.items()})
    return item["Item"]


def _count(table: str, post_id: str) -> int:
    return boto3.client("dynamodb", region_name=REGION).query(
        TableName=TABLE_NAMES[table],
        KeyConditionExpression="postId = :p",
        ExpressionAttributeValues={":p": {"S": post_id}},
    )["Count"]


# --- what is stored -------------------------------------------------------------------------------------------------


def test_stored_items_use_the_documented_attribute_names_and_number_counters(
    alice: GraphQL, bob: GraphQL, admin: GraphQL
) -> None:
    """docs/architecture.md: item attributes follow the GraphQL field names; counters and version are numbers."""
    alice.mutate("updateProfile", input={"bio": "Hi"})  # alice's profile is created by an update
    post = alice.create_post()
    comment = bob.mutate("createComment", input={"postId": post["id"], "content": "c"})  # creates bob's profile
    bob.mutate("likePost", id=post["id"])
    admin.query("me")  # admin's profile is created on first read
    bob.mutate("registerDevice", token="tok", platform="GCM")

    number = {"N": "0"}
    timestamp = post["createdAt"]
    assert set(_raw_item("USERS_TABLE", {"id": "alice-sub"})) == {
        "id",
        "username",
        "bio",
        "postCount",
        "createdAt",
        "updatedAt",
    }
    for user_id in ("alice-sub", "bob-sub", "admin-sub"):
        profile = _raw_item("USERS_TABLE", {"id": user_id})
        assert {"id", "username", "postCount", "createdAt", "updatedAt"} <= set(profile), user_id
        assert set(profile["postCount"]) == {"N"}, user_id
    assert _raw_item("USERS_TABLE", {"id": "bob-sub"})["postCount"] == number
    assert _raw_item("USERS_TABLE", {"id": "admin-sub"})["postCount"] == number
    assert _raw_item("USERS_TABLE", {"id": "alice-sub"})["postCount"] == {"N": "1"}

    stored_post = _raw_item("POSTS_TABLE", {"id": post["id"]})
    assert set(stored_post) == {
        "id",
        "feed",
        "authorId",
        "title",
        "content",
        "status",
        "likeCount",
        "commentCount",
        "version",
        "createdAt",
        "updatedAt",
    }
    assert (stored_post["status"], stored_post["version"]) == ({"S": "PUBLISHED"}, {"N": "1"})
    assert (stored_post["likeCount"], stored_post["commentCount"]) == ({"N": "1"}, {"N": "1"})

    stored_comment = _raw_item(
        "COMMENTS_TABLE", {"postId": post["id"], "commentKey": f"{comment['createdAt']}#{comment['id']}"}
    )
    assert set(stored_comment) == {"postId", "commentKey", "id", "authorId", "content", "createdAt"}
    like = _raw_item("LIKES_TABLE", {"postId": post["id"], "userId": "bob-sub"})
    assert set(like) == {"postId", "userId", "createdAt"} and like["createdAt"]["S"] >= timestamp
    assert set(_raw_item("DEVICES_TABLE", {"userId": "bob-sub", "token": "tok"})) == {
        "userId",
        "token",
        "platform",
        "createdAt",
    }


def test_posts_stored_without_counters_count_likes_and_comments_from_zero(alice: GraphQL, bob: GraphQL) -> None:
    boto3.client("dynamodb", region_name=REGION).put_item(
        TableName=TABLE_NAMES["POSTS_TABLE"],
        Item={
            "id": {"S": "old"},
            "feed": {"S": "ALL"},
            "authorId": {"S": "alice-sub"},
            "title": {"S": "t"},
            "content": {"S": "c"},
            "version": {"N": "1"},
            "createdAt": {"S": "2025-01-01T00:00:00.000Z"},
            "updatedAt": {"S": "2025-01-01T00:00:00.000Z"},
        },
    )
    assert bob.mutate("likePost", id="old")["likeCount"] == 1
    bob.mutate("createComment", input={"postId": "old", "content": "first"})
    assert alice.query("getPost", id="old")["commentCount"] == 1


# --- paging ---------------------------------------------------------------------------------------------------------


def test_a_last_page_of_exactly_limit_items_has_no_token(alice: GraphQL) -> None:
    for _ in range(3):
        alice.create_post()
    assert alice.query("listPosts", limit=3)["nextToken"] is None
    assert alice.query("listPostsByAuthor", authorId="alice-sub", limit=3)["nextToken"] is None
    assert alice.query("listPosts", limit=2)["nextToken"]


def test_pages_cut_short_by_dynamodb_still_lead_through_the_whole_list(alice: GraphQL, bob: GraphQL) -> None:
    created = [alice.create_post(title=f"post {i}") for i in range(7)]
    for i in range(5):
        bob.mutate("createComment", input={"postId": created[0]["id"], "content": f"c{i}"})
    short = ShortPagesDynamoDB(page=2)
    aws.set_client("dynamodb", short)

    def walk(fetch: Any) -> list[list[str]]:
        pages, token = [], None
        for _ in range(10):  # bounded: a token that never ends fails the test instead of hanging it
            page = fetch(token)
            pages.append([item["id"] for item in page["items"]])
            token = page["nextToken"]
            if token is None:
                return pages
        raise AssertionError(f"no last page after {pages}")

    feed = walk(lambda token: alice.query("listPosts", limit=5, nextToken=token))
    assert [len(page) for page in feed] == [2, 2, 2, 1]
    assert [pid for page in feed for pid in page] == [post["id"] for post in reversed(created)]
    comments = walk(lambda token: alice("Post", "comments", {"limit": 4, "nextToken": token}, source=created[0]))
    assert [len(page) for page in comments] == [2, 2, 1]


# --- cascades and batches -------------------------------------------------------------------------------------------


def test_cascade_follows_every_query_page_and_deletes_in_batches_of_25(alice: GraphQL, bob: GraphQL) -> None:
    post, kept = alice.create_post(), alice.create_post()
    for i in range(30):
        bob.mutate("createComment", input={"postId": post["id"], "content": f"c{i}"})
    bob.mutate("createComment", input={"postId": kept["id"], "content": "stays"})
    for liker in (alice, bob):
        liker.mutate("likePost", id=post["id"])
    short = ShortPagesDynamoDB(page=7)
    aws.set_client("dynamodb", short)

    cascade.delete_post_children(post["id"])

    assert (_count("COMMENTS_TABLE", post["id"]), _count("LIKES_TABLE", post["id"])) == (0, 0)
    assert _count("COMMENTS_TABLE", kept["id"]) == 1
    assert short.calls["query"] == 5 + 1  # 30 comment keys 7 at a time, then the 2 likes
    assert short.calls["batch_write_item"] == 2 + 1  # 25 + 5 comments, then the likes


def test_unprocessed_deletes_are_retried_with_growing_pauses(alice: GraphQL, bob: GraphQL, fake_time: FakeTime) -> None:
    post = alice.create_post()
    for i in range(4):
        bob.mutate("createComment", input={"postId": post["id"], "content": f"c{i}"})
    throttled = ThrottledDynamoDB()
    aws.set_client("dynamodb", throttled)

    cascade.delete_post_children(post["id"])

    assert _count("COMMENTS_TABLE", post["id"]) == 0
    assert throttled.calls["batch_write_item"] == 4  # one comment per call: three retries
    assert fake_time.sleeps == [0.05, 0.1, 0.2]


def test_throttling_that_never_ends_raises_after_six_attempts(alice: GraphQL, fake_time: FakeTime) -> None:
    """So the stream record (or the request) is retried later instead of silently losing work."""
    post = alice.create_post()
    stuck = ThrottledDynamoDB(stuck=True)
    aws.set_client("dynamodb", stuck)

    with pytest.raises(dynamo.UnprocessedItemsError):
        dynamo.batch_delete(TABLE_NAMES["COMMENTS_TABLE"], [{"postId": post["id"], "commentKey": "k"}])
    assert stuck.calls["batch_write_item"] == 6
    assert fake_time.sleeps[:5] == [0.05, 0.1, 0.2, 0.4, 0.8] and max(fake_time.sleeps) == 1.0

    fake_time.sleeps.clear()
    with pytest.raises(dynamo.UnprocessedItemsError):
        users_repo.batch_get(["alice-sub"])
    assert stuck.calls["batch_get_item"] == 6
    assert fake_time.sleeps[:5] == [0.05, 0.1, 0.2, 0.4, 0.8] and max(fake_time.sleeps) == 1.0


# --- races ----------------------------------------------------------------------------------------------------------


def test_deleting_a_post_someone_else_just_deleted_is_not_found_and_counts_once(alice: GraphQL) -> None:
    post, other = alice.create_post(), alice.create_post()
    seen = posts_repo.get(post["id"], consistent=True)
    assert seen is not None
    alice.mutate("deletePost", id=post["id"])  # lands between our read and our delete

    with pytest.raises(NotFound):
        posts_repo.delete(seen)
    assert alice.query("me")["postCount"] == 1
    assert alice.query("getPost", id=other["id"])["id"] == other["id"]


# --- helpers the repositories share ---------------------------------------------------------------------------------


def _client_error(code: str, reasons: list[dict[str, str]] | None = None) -> ClientError:
    response: dict[str, Any] = {"Error": {"Code": code, "Message": code}}
    if reasons is not None:
        response["CancellationReasons"] = reasons
    return ClientError(response, "TransactWriteItems")


def test_only_a_cancelled_transaction_item_counts_as_a_failed_condition() -> None:
    cancelled = _client_error(
        "TransactionCanceledException", [{"Code": "None"}, {"Code": "ConditionalCheckFailed", "Message": "x"}]
    )
    assert (dynamo.condition_failed(cancelled, 0), dynamo.condition_failed(cancelled, 1)) == (False, True)
    assert dynamo.condition_failed(cancelled, 2) is False
    throttled = _client_error("ThrottlingException")
    assert (dynamo.condition_failed(throttled, 0), dynamo.is_conditional_failure(throttled)) == (False, False)
    assert dynamo.is_conditional_failure(_client_error("ConditionalCheckFailedException")) is True


def test_numbers_come_back_as_int_or_float() -> None:
    item = dynamo.from_attributes(dynamo.to_attributes({"whole": 3, "half": Decimal("1.5"), "none": None}))
    assert item == {"whole": 3, "half": 1.5}
    assert (type(item["whole"]), type(item["half"])) == (int, float)
