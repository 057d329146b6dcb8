"""A minimal End User Messaging (Pinpoint) SendMessages endpoint that records what the runtime sends.

Tokens starting with "invalid-" fail permanently, so device cleanup can be tested. The app id and the recorded
messages are part of the sandbox's persisted state (export/restore; `changes` counts new messages).
"""

from __future__ import annotations

import threading
import uuid
from pathlib import Path
from typing import Any

from aiohttp import web

INVALID_TOKEN_PREFIX = "invalid-"  # noqa: S105 - device tokens the outbox refuses


class PushOutbox:
    def __init__(self, app_id: str | None = None) -> None:
        self.app_id = app_id or uuid.uuid4().hex
        self._messages: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self.changes = 0

    def export(self) -> dict[str, Any]:
        return {"app_id": self.app_id, "messages": self.messages}

    def restore(self, saved: dict[str, Any]) -> None:
        with self._lock:
            self._messages = list(saved.get("messages", []))
        self.app_id = saved.get("app_id", self.app_id)

    @property
    def messages(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._messages)

    def record(self, app_id: str, request: dict[str, Any]) -> dict[str, Any]:
        message_request = request.get("MessageRequest", request)
        addresses = message_request.get("Addresses") or {}
        with self._lock:
            self._messages.append({"applicationId": app_id, "messageRequest": message_request})
            self.changes += 1
        results = {}
        for token in addresses:
            if token.startswith(INVALID_TOKEN_PREFIX):
                results[token] = {
                    "DeliveryStatus": "PERMANENT_FAILURE",
                    "StatusCode": 410,
                    "StatusMessage": "Unregistered",
                }
            else:
                results[token] = {
                    "DeliveryStatus": "SUCCESSFUL",
                    "StatusCode": 200,
                    "StatusMessage": "Accepted",
                    "MessageId": uuid.uuid4().hex,
                }
        return {"ApplicationId": app_id, "RequestId": str(uuid.uuid4()), "Result": results}

    async def send_messages(self, request: web.Request) -> web.Response:
        app_id = request.match_info["app_id"]
        if app_id != self.app_id:
            return web.json_response(
                {"Message": f"Application {app_id} not found", "RequestID": str(uuid.uuid4())},
                status=404,
                headers={"X-Amzn-ErrorType": "NotFoundException"},  # how rest-json clients name the error
            )
        try:
            body = await request.json()
        except ValueError:
            return web.json_response(
                {"Message": "Invalid JSON"}, status=400, headers={"X-Amzn-ErrorType": "BadRequestException"}
            )
        # rest-json: the MessageRequest member is the whole body; the response body is the MessageResponse
        return web.json_response(self.record(app_id, {"MessageRequest": body}))

    async def list_messages(self, _request: web.Request) -> web.Response:
        return web.json_response({"messages": self.messages})

    def routes(self) -> list[web.RouteDef]:
        return [
            web.post("/v1/apps/{app_id}/messages", self.send_messages),
            web.get("/_sandbox/push-outbox", self.list_messages),
        ]


def kept_app_id(path: Path, current: str) -> str:
    """The push app id written once at `path` (`current` the first time, e.g. from an older kept state)."""
    try:
        kept = path.read_text().strip()
    except FileNotFoundError:
        kept = ""
    if not kept:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(current + "\n")
        return current
    return kept
