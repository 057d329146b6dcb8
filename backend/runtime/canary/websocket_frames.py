"""WebSocket frames on the wire (RFC 6455 section 5): masked client frames out, server frames parsed once complete."""

from __future__ import annotations

import struct
from dataclasses import dataclass

from .websocket_errors import WebSocketError

MAX_MESSAGE_BYTES = 1024 * 1024  # AppSync's own message limit is far below this

OP_CONTINUATION, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG = 0x0, 0x1, 0x2, 0x8, 0x9, 0xA
_CONTROL_OPCODES = frozenset({OP_CLOSE, OP_PING, OP_PONG})
_KNOWN_OPCODES = frozenset({OP_CONTINUATION, OP_TEXT, OP_BINARY}) | _CONTROL_OPCODES
CLOSE_NORMAL = 1000
CLOSE_PROTOCOL_ERROR = 1002


def encode_frame(opcode: int, payload: bytes, mask_key: bytes) -> bytes:
    """One final, masked frame (a client must mask every frame it sends)."""
    if len(mask_key) != 4:
        raise ValueError("the mask key is 4 bytes")
    length = len(payload)
    if length < 126:
        header = struct.pack("!BB", 0x80 | opcode, 0x80 | length)
    elif length < 1 << 16:
        header = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, length)
    else:
        header = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, length)
    return header + mask_key + _mask(payload, mask_key)


def _mask(payload: bytes, mask_key: bytes) -> bytes:
    # XOR with the key repeated: one big-integer operation instead of a Python loop over every byte.
    repeated = (mask_key * (len(payload) // 4 + 1))[: len(payload)]
    return (int.from_bytes(payload, "big") ^ int.from_bytes(repeated, "big")).to_bytes(len(payload), "big")


@dataclass(frozen=True)
class Frame:
    fin: bool
    opcode: int
    payload: bytes


def parse_frame(buffer: bytes | bytearray) -> tuple[Frame, int] | None:
    """The first complete server frame in `buffer` and how many bytes it took, or None when incomplete."""
    if len(buffer) < 2:
        return None
    first, second = buffer[0], buffer[1]
    if first & 0x70:
        raise WebSocketError("frame with reserved bits set (no extension was negotiated)")
    if second & 0x80:
        raise WebSocketError("masked frame from the server (RFC 6455 5.1)")
    opcode, length, offset = first & 0x0F, second & 0x7F, 2
    if opcode not in _KNOWN_OPCODES:
        raise WebSocketError(f"unknown opcode {opcode:#x}")
    if opcode in _CONTROL_OPCODES and (length > 125 or not first & 0x80):
        raise WebSocketError("control frame longer than 125 bytes or fragmented")
    if length == 126:
        if len(buffer) < 4:
            return None
        (length,) = struct.unpack_from("!H", buffer, 2)
        offset = 4
    elif length == 127:
        if len(buffer) < 10:
            return None
        (length,) = struct.unpack_from("!Q", buffer, 2)
        offset = 10
    if length > MAX_MESSAGE_BYTES:
        raise WebSocketError(f"frame of {length} bytes is over the {MAX_MESSAGE_BYTES}-byte limit")
    end = offset + length
    if len(buffer) < end:
        return None
    return Frame(bool(first & 0x80), opcode, bytes(buffer[offset:end])), end
