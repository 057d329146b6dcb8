"""Push on comment: what is counted as delivered (the PushDelivered metric), which tokens are
dropped for good, when nothing is sent, and the preview of the comment in the notification.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from backend.runtime import aws, settings
from backend.runtime.logic import push

from .conftest import REGION, GraphQL


class RecordedMetrics:
    """Stands in for Powertools' metrics: what the function would publish."""

    def __init__(self) -> None:
        self.added: list[tuple[str, str, float]] = []

    def add_metric(self, name: str, unit: str, value: float) -> None:
        self.added.append((name, unit, value))


@pytest.fixture
def metrics(monkeypatch: pytest.MonkeyPatch) -> RecordedMetrics:
    recorded = RecordedMetrics()
    monkeypatch.setattr(push, "metrics", recorded)
    return recorded


@pytest.fixture
def pinpoint() -> Iterator[Stubber]:
    """A real Pinpoint client with a Stubber: nothing is sent unless a response is queued."""
    client = boto3.client("pinpoint", region_name=REGION)
    aws.set_client("pinpoint", client)
    with Stubber(client) as stubber:
        yield stubber
        stubber.assert_no_pending_responses()


def _comment_on_alices_post(alice: GraphQL, bob: GraphQL, tokens: list[str]) -> dict[str, Any]:
    for token in tokens:
        alice.mutate("registerDevice", token=token, platform="GCM")
    post = alice.create_post()
    return bob.mutate("createComment", input={"postId": post["id"], "content": "Nice"})


def test_only_successful_deliveries_count_and_only_dead_tokens_are_dropped(
    alice: GraphQL, bob: GraphQL, pinpoint: Stubber, metrics: RecordedMetrics
) -> None:
    results = {
        "ok-1": {"DeliveryStatus": "SUCCESSFUL", "StatusCode": 200},
        "ok-2": {"DeliveryStatus": "SUCCESSFUL", "StatusCode": 200},
        "permanent": {"DeliveryStatus": "PERMANENT_FAILURE", "StatusCode": 400},  # dropped whatever the code
        "gone": {"DeliveryStatus": "TEMPORARY_FAILURE", "StatusCode": 410},  # dropped for the code
        "unknown": {"DeliveryStatus": "TEMPORARY_FAILURE", "StatusCode": 404},
        "busy": {"DeliveryStatus": "TEMPORARY_FAILURE", "StatusCode": 500},  # kept: may work next time
        "throttled": {"DeliveryStatus": "THROTTLED", "StatusCode": 429},
    }
    comment = _comment_on_alices_post(alice, bob, list(results))
    pinpoint.add_response("send_messages", {"MessageResponse": {"ApplicationId": "test-push-app", "Result": results}})

    assert push.notify_post_author(comment) == 2
    assert metrics.added == [("PushDelivered", "Count", 2)]
    assert sorted(device["token"] for device in alice.query("listMyDevices")) == ["busy", "ok-1", "ok-2", "throttled"]


@pytest.mark.parametrize("code", ["NotFoundException", "BadRequestException", "ForbiddenException"])
def test_an_app_that_cannot_push_sends_nothing_and_counts_nothing(
    alice: GraphQL, bob: GraphQL, pinpoint: Stubber, metrics: RecordedMetrics, code: str
) -> None:
    comment = _comment_on_alices_post(alice, bob, ["tok"])
    pinpoint.add_client_error("send_messages", service_error_code=code, http_status_code=400)
    assert push.notify_post_author(comment) == 0
    assert metrics.added == []
    assert len(alice.query("listMyDevices")) == 1


def test_nothing_is_sent_for_own_comments_deleted_posts_no_devices_or_push_off(
    alice: GraphQL, bob: GraphQL, pinpoint: Stubber, metrics: RecordedMetrics, monkeypatch: pytest.MonkeyPatch
) -> None:
    comment = _comment_on_alices_post(alice, bob, ["tok"])
    assert push.notify_post_author({**comment, "authorId": "alice-sub"}) == 0  # on one's own post
    assert push.notify_post_author({**comment, "postId": "deleted"}) == 0
    bobs_post = bob.create_post()  # bob has no devices
    assert push.notify_post_author({**comment, "postId": bobs_post["id"], "authorId": "alice-sub"}) == 0
    monkeypatch.setenv("PUSH_APP_ID", "")
    settings.reset()
    assert push.notify_post_author(comment) == 0
    assert metrics.added == []  # and the Stubber saw no request


def test_the_notification_previews_at_most_120_characters() -> None:
    post = {"id": "p1"}
    devices = [{"token": "t", "platform": "APNS"}]

    def body(content: str) -> str:
        request = push.message_request(post, {"id": "c1", "content": content}, devices)
        assert (
            request["MessageConfiguration"]["GCMMessage"]["Body"]
            == request["MessageConfiguration"]["APNSMessage"]["Body"]
        )
        return request["MessageConfiguration"]["APNSMessage"]["Body"]

    assert body("x" * 120) == "x" * 120
    assert body("x" * 121) == "x" * 119 + "…"
    assert len(body("y" * 2000)) == 120
