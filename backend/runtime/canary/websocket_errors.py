"""How the canary's WebSocket client fails: a broken protocol or connection, a deadline passed, a close."""

from __future__ import annotations


class WebSocketError(Exception):
    """The handshake or the stream broke the protocol, or the connection failed."""


class WebSocketTimeout(WebSocketError):
    """Nothing complete arrived before the deadline."""


class WebSocketClosed(WebSocketError):
    """The server closed the connection (its close code and reason), or it was closed here."""

    def __init__(self, code: int | None, reason: str = "") -> None:
        super().__init__(f"connection closed (code {code}{f', {reason}' if reason else ''})")
        self.code = code
        self.reason = reason
