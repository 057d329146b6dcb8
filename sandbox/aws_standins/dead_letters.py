"""Stream batches the stream handler kept failing on, after the event source mapping's retries.

In AWS they go to the on-failure SQS destination (and trip its alarm); here they are listed at
`GET /_sandbox/dead-letters` so a developer (or a test) sees what would have been dead-lettered.
"""

from __future__ import annotations

import threading
from typing import Any

from aiohttp import web


class DeadLetters:
    def __init__(self) -> None:
        self._batches: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    def add(self, event_source_arn: str, records: list[dict[str, Any]], reason: str, attempts: int) -> None:
        with self._lock:
            self._batches.append(
                {"eventSourceArn": event_source_arn, "reason": reason, "attempts": attempts, "records": records}
            )

    @property
    def batches(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._batches)

    async def _list(self, _request: web.Request) -> web.Response:
        return web.json_response({"deadLetters": self.batches})

    def routes(self) -> list[web.RouteDef]:
        return [web.get("/_sandbox/dead-letters", self._list)]
