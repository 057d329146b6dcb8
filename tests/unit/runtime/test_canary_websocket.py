"""The canary's stdlib WebSocket client (backend/runtime/canary/websocket.py) against an independent server
implementation (the `websockets` library) and, for what a correct server never does, a raw socket script."""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.server import ServerConnection, serve

from backend.runtime.canary.websocket import WebSocket
from backend.runtime.canary.websocket_errors import WebSocketClosed, WebSocketError, WebSocketTimeout
from backend.runtime.canary.websocket_frames import MAX_MESSAGE_BYTES, encode_frame, parse_frame
from backend.runtime.canary.websocket_handshake import accept_key
from sandbox.web.tls import create_tls_files

Handler = Callable[[ServerConnection], None]


@contextlib.contextmanager
def websockets_server(handler: Handler, **options) -> Iterator[str]:
    """A `websockets` server on a free port running `handler` per connection; yields its ws:// URL."""
    with serve(handler, "127.0.0.1", 0, ping_interval=None, **options) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        port = server.socket.getsockname()[1]
        scheme = "wss" if options.get("ssl") else "ws"
        yield f"{scheme}://127.0.0.1:{port}/graphql/realtime"
        server.shutdown()
        thread.join(timeout=5)


def echo(ws: ServerConnection) -> None:
    for message in ws:
        ws.send(message)


@contextlib.contextmanager
def raw_server(script: Callable[[socket.socket, bytes], None]) -> Iterator[str]:
    """One connection: reads the upgrade request, then hands the socket and the request to `script`."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def accept() -> None:
        connection, _ = listener.accept()
        with connection:
            request = b""
            while b"\r\n\r\n" not in request:
                request += connection.recv(4096)
            script(connection, request)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"ws://127.0.0.1:{port}/"
    finally:
        thread.join(timeout=5)
        listener.close()


def request_key(request: bytes) -> str:
    for line in request.decode().split("\r\n"):
        name, _, value = line.partition(":")
        if name.lower() == "sec-websocket-key":
            return value.strip()
    raise AssertionError("no Sec-WebSocket-Key in the request")


def upgrade_answer(request: bytes, *, accept: str | None = None, extra: str = "") -> bytes:
    accept = accept if accept is not None else accept_key(request_key(request))
    return (
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        f"Sec-WebSocket-Accept: {accept}\r\n{extra}\r\n"
    ).encode()


def server_frame(opcode: int, payload: bytes, *, fin: bool = True, first_extra: int = 0, masked: bool = False) -> bytes:
    """A frame as a server sends it (unmasked unless asked), built here independently of the client's code."""
    first = (0x80 if fin else 0) | opcode | first_extra
    length = len(payload)
    mask_bit = 0x80 if masked else 0
    if length < 126:
        header = bytes([first, mask_bit | length])
    elif length < 65536:
        header = bytes([first, mask_bit | 126]) + struct.pack("!H", length)
    else:
        header = bytes([first, mask_bit | 127]) + struct.pack("!Q", length)
    return header + (b"\0\0\0\0" if masked else b"") + payload


# --- handshake ---------------------------------------------------------------------------------------------


def test_accept_key_matches_the_rfc_example():
    assert accept_key("dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="


def test_negotiates_the_subprotocol_the_server_picks_from_the_offered_ones():
    seen: dict[str, object] = {}

    def handler(ws: ServerConnection) -> None:
        assert ws.request is not None
        seen["offered"] = ws.request.headers["Sec-WebSocket-Protocol"]
        seen["path"] = ws.request.path
        echo(ws)

    with websockets_server(handler, subprotocols=["graphql-ws"]) as url:
        client = WebSocket.connect(url, timeout=5, subprotocols=["graphql-ws", "header-abc"])
        client.send_text("hello")
        assert client.receive_text(timeout=5) == "hello"
        client.close()
    assert client.subprotocol == "graphql-ws"
    assert seen == {"offered": "graphql-ws, header-abc", "path": "/graphql/realtime"}


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (lambda request: b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n", "HTTP/1.1 403 Forbidden"),
        (lambda request: upgrade_answer(request, accept="d3Jvbmc="), "Sec-WebSocket-Accept"),
        (
            lambda request: upgrade_answer(request, extra="Sec-WebSocket-Protocol: other\r\n"),
            "subprotocol that was not offered",
        ),
        (
            lambda request: upgrade_answer(request, extra="Sec-WebSocket-Extensions: permessage-deflate\r\n"),
            "extension that was not offered",
        ),
        (lambda request: b"", "closed the connection during the handshake"),
    ],
    ids=["refused", "wrong-accept", "unoffered-subprotocol", "unoffered-extension", "dropped"],
)
def test_a_bad_upgrade_answer_is_refused(answer, expected):
    with raw_server(lambda connection, request: connection.sendall(answer(request))) as url:
        with pytest.raises(WebSocketError, match=expected):
            WebSocket.connect(url, timeout=5, subprotocols=["graphql-ws"])


def test_a_handshake_that_never_answers_times_out_within_its_bound():
    with raw_server(lambda connection, request: time.sleep(1.5)) as url:
        started = time.monotonic()
        with pytest.raises(WebSocketTimeout):
            WebSocket.connect(url, timeout=0.5)
        assert time.monotonic() - started < 1.4


def test_nothing_listening_is_a_websocket_error():
    with socket.create_server(("127.0.0.1", 0)) as placeholder:
        port = placeholder.getsockname()[1]
    with pytest.raises(WebSocketError, match="cannot connect"):
        WebSocket.connect(f"ws://127.0.0.1:{port}/", timeout=2)


def test_tls_with_the_given_ca_and_a_refusal_without_it(tmp_path):
    tls = create_tls_files(tmp_path)
    with websockets_server(echo, ssl=tls.server_context()) as url:
        client = WebSocket.connect(url, timeout=5, ssl_context=tls.client_context())
        client.send_text("over tls")
        assert client.receive_text(timeout=5) == "over tls"
        client.close()
        with pytest.raises(WebSocketError, match="TLS"):
            WebSocket.connect(url, timeout=5)  # the system store does not trust the sandbox-style CA


# --- frames ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [0, 1, 125, 126, 65535, 65536, 300_000])
def test_messages_of_every_length_encoding_round_trip_masked(size):
    """7-, 16- and 64-bit lengths both ways; the server refuses unmasked client frames, so this also shows
    every frame the client sends is masked."""
    text = ("0123456789abcdef" * (size // 16 + 1))[:size]
    with websockets_server(echo) as url:
        client = WebSocket.connect(url, timeout=5)
        client.send_text(text)
        assert client.receive_text(timeout=5) == text
        client.close()


def test_non_ascii_text_survives_the_trip():
    with websockets_server(echo) as url:
        client = WebSocket.connect(url, timeout=5)
        client.send_text("café ✓ 🚀")
        assert client.receive_text(timeout=5) == "café ✓ 🚀"
        client.close()


def test_a_fragmented_message_is_reassembled():
    with websockets_server(lambda ws: ws.send(["first ", "second ", "third"])) as url:
        client = WebSocket.connect(url, timeout=5)
        assert client.receive_text(timeout=5) == "first second third"
        client.close()


def test_a_ping_is_answered_with_a_pong_while_reading():
    def handler(ws: ServerConnection) -> None:
        answered = ws.ping(b"are you there").wait(3)
        ws.send("pong seen" if answered else "no pong")

    with websockets_server(handler) as url:
        client = WebSocket.connect(url, timeout=5)
        assert client.receive_text(timeout=5) == "pong seen"
        client.close()


def test_a_server_close_raises_with_its_code_and_reason_and_is_echoed():
    seen: dict[str, object] = {}

    def handler(ws: ServerConnection) -> None:
        ws.close(4401, "Unauthorized")
        seen["echoed"] = ws.close_code  # the code the client sent back in its close frame

    with websockets_server(handler) as url:
        client = WebSocket.connect(url, timeout=5)
        with pytest.raises(WebSocketClosed) as closed:
            client.receive_text(timeout=5)
        assert (closed.value.code, closed.value.reason) == (4401, "Unauthorized")
        assert client.closed
    assert seen["echoed"] == 4401


def test_close_sends_a_normal_close_frame():
    seen: dict[str, object] = {}

    def handler(ws: ServerConnection) -> None:
        with contextlib.suppress(ConnectionClosed):
            for _ in ws:
                pass
        seen["code"] = ws.close_code

    with websockets_server(handler) as url:
        client = WebSocket.connect(url, timeout=5)
        client.close()
        assert client.closed
        time.sleep(0.2)
    assert seen["code"] == 1000


def test_a_timeout_leaves_the_connection_usable():
    with websockets_server(echo) as url:
        client = WebSocket.connect(url, timeout=5)
        started = time.monotonic()
        with pytest.raises(WebSocketTimeout):
            client.receive_text(timeout=0.3)
        assert time.monotonic() - started < 1.0
        client.send_text("still here")
        assert client.receive_text(timeout=5) == "still here"
        client.close()


def test_a_frame_split_across_a_timeout_is_not_lost():
    proceed = threading.Event()

    def script(connection: socket.socket, request: bytes) -> None:
        connection.sendall(upgrade_answer(request))
        frame = server_frame(0x1, b"x" * 1000)
        connection.sendall(frame[:500])
        proceed.wait(5)
        connection.sendall(frame[500:])
        time.sleep(0.2)

    with raw_server(script) as url:
        client = WebSocket.connect(url, timeout=5)
        with pytest.raises(WebSocketTimeout):
            client.receive_text(timeout=0.3)
        proceed.set()
        assert client.receive_text(timeout=5) == "x" * 1000


@pytest.mark.parametrize(
    ("frame", "expected"),
    [
        (server_frame(0x1, b"hi", masked=True), "masked frame"),
        (server_frame(0x2, b"\x00\x01"), "binary"),
        (server_frame(0x3, b""), "unknown opcode"),
        (server_frame(0x1, b"hi", first_extra=0x40), "reserved bits"),
        (server_frame(0x9, b"p", fin=False), "control frame"),
        (server_frame(0x0, b"tail"), "continuation frame without"),
        (server_frame(0x1, b"\xff\xfe"), "not UTF-8"),
        (bytes([0x81, 127]) + struct.pack("!Q", MAX_MESSAGE_BYTES + 1), "limit"),
    ],
    ids=["masked", "binary", "opcode", "rsv", "fragmented-ping", "stray-continuation", "utf8", "too-big"],
)
def test_a_protocol_violation_by_the_server_is_an_error_and_closes(frame, expected):
    def script(connection: socket.socket, request: bytes) -> None:
        connection.sendall(upgrade_answer(request) + frame)
        time.sleep(0.3)

    with raw_server(script) as url:
        client = WebSocket.connect(url, timeout=5)
        with pytest.raises(WebSocketError, match=expected):
            client.receive_text(timeout=5)
        assert client.closed


def test_bytes_that_arrive_with_the_handshake_answer_are_the_first_frame():
    def script(connection: socket.socket, request: bytes) -> None:
        connection.sendall(upgrade_answer(request) + server_frame(0x1, b"early"))
        time.sleep(0.2)

    with raw_server(script) as url:
        client = WebSocket.connect(url, timeout=5)
        assert client.receive_text(timeout=5) == "early"


def test_a_dropped_connection_is_reported_as_closed():
    def script(connection: socket.socket, request: bytes) -> None:
        connection.sendall(upgrade_answer(request))

    with raw_server(script) as url:
        client = WebSocket.connect(url, timeout=5)
        with pytest.raises(WebSocketClosed, match="without a close frame"):
            client.receive_text(timeout=5)


# --- the frame codec itself --------------------------------------------------------------------------------


@pytest.mark.parametrize(("size", "header_length"), [(0, 2), (125, 2), (126, 4), (65535, 4), (65536, 10)])
def test_encode_frame_uses_the_shortest_length_form_and_masks_with_the_key(size, header_length):
    payload = bytes(range(256)) * (size // 256 + 1)
    payload = payload[:size]
    key = b"\x01\x02\x03\x04"
    frame = encode_frame(0x1, payload, key)
    assert frame[0] == 0x81  # FIN + text
    assert frame[1] & 0x80  # MASK bit
    assert frame[header_length : header_length + 4] == key
    masked = frame[header_length + 4 :]
    assert bytes(b ^ key[i % 4] for i, b in enumerate(masked)) == payload


def test_parse_frame_waits_for_a_complete_frame_at_every_cut():
    frame = server_frame(0x1, b"y" * 70_000)
    for cut in (0, 1, 2, 5, 9, 10, 500, len(frame) - 1):
        assert parse_frame(frame[:cut]) is None
    parsed = parse_frame(frame + b"next")
    assert parsed is not None
    assert parsed[0].payload == b"y" * 70_000
    assert parsed[1] == len(frame)
