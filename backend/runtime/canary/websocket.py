"""A small WebSocket client (RFC 6455) on the standard library, enough for AppSync's realtime endpoint.

Hand-written on purpose: the canary's Lambda asset is the plain `backend/runtime/` folder, which carries no
third-party packages (Lambda provides only boto3/botocore) and nothing in the build bundles any, so a library
such as `websockets` is not available there.

What it does: the client handshake (Sec-WebSocket-Key, and the server's Sec-WebSocket-Accept checked),
subprotocol negotiation, masked text frames out; text, continuation, ping, pong and close frames in, with 7-,
16- and 64-bit payload lengths; pings are answered with a pong. What it does not: extensions (none is offered,
so permessage-deflate never applies), binary messages (a protocol error here: AppSync sends JSON text).

The frames are in websocket_frames.py, the opening handshake in websocket_handshake.py, the errors in
websocket_errors.py.

Every read has a deadline. Bytes are kept in a buffer and a frame is consumed only once it is complete, so a
timeout never leaves the stream half-read.
"""

from __future__ import annotations

import os
import socket
import ssl
import struct
import time
from collections.abc import Mapping, Sequence
from typing import NoReturn

from .websocket_errors import WebSocketClosed, WebSocketError, WebSocketTimeout
from .websocket_frames import (
    CLOSE_NORMAL,
    CLOSE_PROTOCOL_ERROR,
    MAX_MESSAGE_BYTES,
    OP_BINARY,
    OP_CLOSE,
    OP_CONTINUATION,
    OP_PING,
    OP_PONG,
    OP_TEXT,
    Frame,
    encode_frame,
    parse_frame,
)
from .websocket_handshake import handshake, parse_endpoint, remaining

_RECV_CHUNK = 64 * 1024


class WebSocket:
    """One client connection. Not thread-safe: one caller reads and writes."""

    def __init__(self, sock: socket.socket, subprotocol: str | None, buffered: bytes = b"") -> None:
        self._sock = sock
        self.subprotocol = subprotocol
        self._buffer = bytearray(buffered)
        self._fragments: list[bytes] = []
        self._close_sent = False
        self.closed = False

    @classmethod
    def connect(
        cls,
        url: str,
        *,
        timeout: float,
        subprotocols: Sequence[str] = (),
        headers: Mapping[str, str] | None = None,
        ssl_context: ssl.SSLContext | None = None,
    ) -> WebSocket:
        """TCP (+ TLS for wss) and the upgrade handshake, all within `timeout` seconds."""
        deadline = time.monotonic() + timeout
        endpoint = parse_endpoint(url)
        try:
            sock = socket.create_connection((endpoint.host, endpoint.port), timeout=remaining(deadline))
        except TimeoutError as exc:
            raise WebSocketTimeout(f"connecting to {endpoint.netloc} timed out") from exc
        except OSError as exc:
            raise WebSocketError(f"cannot connect to {endpoint.netloc}: {exc}") from exc
        try:
            if endpoint.secure:
                context = ssl_context or ssl.create_default_context()
                sock.settimeout(remaining(deadline))
                sock = context.wrap_socket(sock, server_hostname=endpoint.host)
            subprotocol, rest = handshake(sock, endpoint, subprotocols, headers or {}, deadline)
        except BaseException as exc:
            sock.close()
            if isinstance(exc, TimeoutError):
                raise WebSocketTimeout(f"the WebSocket handshake with {endpoint.netloc} timed out") from exc
            if isinstance(exc, ssl.SSLError | ssl.CertificateError):
                raise WebSocketError(f"TLS with {endpoint.netloc} failed: {exc}") from exc
            if isinstance(exc, OSError):
                raise WebSocketError(f"the WebSocket handshake with {endpoint.netloc} failed: {exc}") from exc
            raise
        return cls(sock, subprotocol, rest)

    def send_text(self, text: str, *, timeout: float = 10.0) -> None:
        self._send_frame(OP_TEXT, text.encode("utf-8"), timeout)

    def receive_text(self, *, timeout: float) -> str:
        """The next complete text message; pings are answered on the way, pongs ignored."""
        deadline = time.monotonic() + timeout
        while True:
            frame = self._next_frame(deadline)
            if frame.opcode == OP_PING:
                self._send_frame(OP_PONG, frame.payload, remaining(deadline))
            elif frame.opcode == OP_CLOSE:
                self._on_close_frame(frame.payload)
            elif frame.opcode == OP_BINARY or (frame.opcode == OP_TEXT and self._fragments):
                self._fail("binary message, or a new message inside a fragmented one")
            elif frame.opcode in (OP_TEXT, OP_CONTINUATION):
                if frame.opcode == OP_CONTINUATION and not self._fragments:
                    self._fail("continuation frame without a message to continue")
                self._fragments.append(frame.payload)
                if sum(map(len, self._fragments)) > MAX_MESSAGE_BYTES:
                    self._fail(f"message over the {MAX_MESSAGE_BYTES}-byte limit")
                if frame.fin:
                    message, self._fragments = b"".join(self._fragments), []
                    try:
                        return message.decode("utf-8")
                    except UnicodeDecodeError:
                        self._fail("text message that is not UTF-8")

    def close(self, code: int = CLOSE_NORMAL, *, timeout: float = 2.0) -> None:
        """Send a close frame, wait (bounded) for the server's, then drop the socket. Never raises."""
        if self.closed:
            return
        deadline = time.monotonic() + timeout
        try:
            if not self._close_sent:
                self._close_sent = True
                self._send_frame(OP_CLOSE, struct.pack("!H", code), timeout)
            while True:  # the server's close frame ends the exchange; anything before it is dropped
                if self._next_frame(deadline).opcode == OP_CLOSE:
                    break
        except (WebSocketError, OSError):
            pass
        finally:
            self._drop()

    def _on_close_frame(self, payload: bytes) -> NoReturn:
        code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else None
        reason = payload[2:].decode("utf-8", "replace")
        if not self._close_sent:  # echo it, as the closing handshake asks
            self._close_sent = True
            try:
                self._send_frame(OP_CLOSE, payload[:2], 2.0)
            except (WebSocketError, OSError):
                pass
        self._drop()
        raise WebSocketClosed(code, reason)

    def _fail(self, problem: str) -> NoReturn:
        try:
            if not self._close_sent:
                self._close_sent = True
                self._send_frame(OP_CLOSE, struct.pack("!H", CLOSE_PROTOCOL_ERROR), 2.0)
        except (WebSocketError, OSError):
            pass
        self._drop()
        raise WebSocketError(problem)

    def _next_frame(self, deadline: float) -> Frame:
        while True:
            if self.closed:
                raise WebSocketClosed(None, "closed")
            try:
                parsed = parse_frame(self._buffer)
            except WebSocketError as exc:
                self._fail(str(exc))
            if parsed is not None:
                frame, used = parsed
                del self._buffer[:used]
                return frame
            self._receive_more(deadline)

    def _receive_more(self, deadline: float) -> None:
        self._sock.settimeout(remaining(deadline))
        try:
            chunk = self._sock.recv(_RECV_CHUNK)
        except TimeoutError as exc:
            raise WebSocketTimeout("no complete message before the deadline") from exc
        except OSError as exc:
            self._drop()
            raise WebSocketError(f"connection failed: {exc}") from exc
        if not chunk:
            self._drop()
            raise WebSocketClosed(None, "the server dropped the connection without a close frame")
        self._buffer += chunk

    def _send_frame(self, opcode: int, payload: bytes, timeout: float) -> None:
        if self.closed:
            raise WebSocketClosed(None, "closed")
        self._sock.settimeout(timeout)
        try:
            self._sock.sendall(encode_frame(opcode, payload, os.urandom(4)))
        except TimeoutError as exc:
            raise WebSocketTimeout("sending timed out") from exc
        except OSError as exc:
            self._drop()
            raise WebSocketError(f"connection failed: {exc}") from exc

    def _drop(self) -> None:
        self.closed = True
        try:
            self._sock.close()
        except OSError:
            pass
