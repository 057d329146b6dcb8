"""The sandbox's push outbox: every Pinpoint SendMessages request the runtime made (sandbox only).

GET <push_outbox_url> → {"messages": [{"applicationId": ..., "messageRequest": <SendMessages MessageRequest>}]}
"""

from __future__ import annotations

from typing import Any

import requests

from .gql import HTTP_TIMEOUT
from .target import Target
from .waiting import wait_for


class PushOutbox:
    def __init__(self, target: Target):
        assert target.sandbox, "the push outbox exists only in the sandbox"
        self._url = target.sandbox.push_outbox_url
        self._verify = target.tls_verify

    def messages(self) -> list[dict[str, Any]]:
        reply = requests.get(self._url, timeout=HTTP_TIMEOUT, verify=self._verify)
        reply.raise_for_status()
        return reply.json()["messages"]

    def wait_for_message_to(self, device_token: str, *, timeout: float = 20.0) -> dict[str, Any]:
        """The MessageRequest of the first message addressed to `device_token`, waiting at most `timeout` s."""

        def addressed() -> dict[str, Any] | None:
            for message in self.messages():
                if device_token in message["messageRequest"].get("Addresses", {}):
                    return message["messageRequest"]
            return None

        return wait_for(addressed, timeout=timeout, what=f"a push to device {device_token}")
