"""Push on comment through AWS End User Messaging (the Pinpoint ``SendMessages`` API).

Runs off the request path (from the comments table stream). Push being off (no PUSH_APP_ID) or the app
lacking a channel is logged and skipped; throttling and service errors raise so the record is retried.
Tokens the push service rejects for good are removed from the devices table.
"""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from .. import aws
from ..observability import logger, metrics
from ..repository import devices as devices_repo
from ..repository import posts as posts_repo
from ..settings import get_settings

PREVIEW_LENGTH = 120
# Errors that mean "this app cannot push" (missing app/channel/credentials): nothing a retry would fix.
_CONFIGURATION_ERRORS = frozenset({"NotFoundException", "BadRequestException", "ForbiddenException"})
_INVALID_TOKEN_STATUS_CODES = frozenset({404, 410})


def notify_post_author(comment: dict[str, Any]) -> int:
    """Tell the post's author about a new comment. Returns the number of messages accepted."""
    post = posts_repo.get(comment["postId"])
    if post is None or post["authorId"] == comment.get("authorId"):
        return 0  # post gone, or people commenting on their own post
    devices = devices_repo.list_for_user(post["authorId"])
    if not devices:
        return 0
    app_id = get_settings().push_app_id
    if not app_id:
        logger.info("Push disabled (no PUSH_APP_ID); not notifying", extra={"devices": len(devices)})
        return 0
    request = message_request(post, comment, devices)
    try:
        response = aws.client("pinpoint").send_messages(ApplicationId=app_id, MessageRequest=request)
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code", "")
        if code in _CONFIGURATION_ERRORS:
            logger.warning("Push channel unavailable; comment notification skipped", extra={"error_code": code})
            return 0
        raise
    results = response.get("MessageResponse", {}).get("Result", {}) or {}
    delivered = 0
    for token, result in results.items():
        if _is_invalid_token(result):
            devices_repo.delete(post["authorId"], token)
            logger.info("Removed a device token the push service rejected")
        elif result.get("DeliveryStatus") == "SUCCESSFUL":
            delivered += 1
    metrics.add_metric(name="PushDelivered", unit="Count", value=delivered)
    return delivered


def message_request(post: dict[str, Any], comment: dict[str, Any], devices: list[dict[str, Any]]) -> dict[str, Any]:
    title = "New comment on your post"
    body = _preview(comment.get("content") or "")
    data = {"postId": post["id"], "commentId": str(comment.get("id", ""))}
    return {
        "Addresses": {device["token"]: {"ChannelType": device["platform"]} for device in devices},
        "MessageConfiguration": {
            "APNSMessage": {"Action": "OPEN_APP", "Title": title, "Body": body, "Data": data},
            "GCMMessage": {"Action": "OPEN_APP", "Title": title, "Body": body, "Data": data},
        },
    }


def _preview(content: str) -> str:
    return content if len(content) <= PREVIEW_LENGTH else content[: PREVIEW_LENGTH - 1] + "…"


def _is_invalid_token(result: dict[str, Any]) -> bool:
    return (
        result.get("DeliveryStatus") == "PERMANENT_FAILURE" or result.get("StatusCode") in _INVALID_TOKEN_STATUS_CODES
    )
