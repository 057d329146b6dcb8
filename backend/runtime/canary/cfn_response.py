"""The answer a CloudFormation custom resource owes: a PUT of a JSON document to the event's ResponseURL (a
presigned S3 URL). Sent exactly once per request, even when a watchdog and the handler race; retried a few times,
since CloudFormation would otherwise wait an hour for it.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from typing import Any

SUCCESS, FAILED = "SUCCESS", "FAILED"
MAX_REASON_CHARS = 1000  # the whole response must stay under CloudFormation's 4 KiB
_ATTEMPTS = 3
_TIMEOUT_S = 10.0

Opener = Callable[..., Any]


class CfnResponder:
    def __init__(self, event: Mapping[str, Any], *, opener: Opener = urllib.request.urlopen) -> None:
        self._event = event
        self._opener = opener
        self._lock = threading.Lock()
        self.sent_status: str | None = None

    def send(self, status: str, reason: str, physical_id: str, data: Mapping[str, str] | None = None) -> bool:
        """PUT the response; False (nothing sent) when one was already sent. Raises when every attempt fails."""
        with self._lock:
            if self.sent_status is not None:
                return False
            self.sent_status = status
            body = json.dumps(
                {
                    "Status": status,
                    "Reason": reason[:MAX_REASON_CHARS],
                    "PhysicalResourceId": physical_id,
                    "StackId": self._event.get("StackId"),
                    "RequestId": self._event.get("RequestId"),
                    "LogicalResourceId": self._event.get("LogicalResourceId"),
                    "NoEcho": False,
                    "Data": dict(data or {}),
                }
            ).encode()
            self._put(body)
            return True

    def _put(self, body: bytes) -> None:
        # The presigned URL was signed for an empty Content-Type: anything else makes S3 refuse the PUT.
        headers = {"Content-Type": "", "Content-Length": str(len(body))}
        for attempt in range(1, _ATTEMPTS + 1):
            request = urllib.request.Request(self._event["ResponseURL"], data=body, method="PUT", headers=headers)  # noqa: S310 - CloudFormation's presigned https URL
            try:
                with self._opener(request, timeout=_TIMEOUT_S) as response:
                    response.read()
                return
            except (urllib.error.URLError, OSError):
                if attempt == _ATTEMPTS:
                    raise
                time.sleep(attempt)
