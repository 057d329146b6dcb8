"""Upload helpers: a tiny valid PNG and the multipart POST of a presigned POST target."""

from __future__ import annotations

import json
import struct
import zlib
from typing import Any

import requests

from .gql import HTTP_TIMEOUT
from .target import Target


def tiny_png(rgb: tuple[int, int, int] = (255, 0, 0)) -> bytes:
    """A valid 1x1 PNG of one colour."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1x1, 8-bit RGB
    pixels = zlib.compress(b"\x00" + bytes(rgb))  # filter byte + one pixel
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def form_fields(upload_target: dict[str, Any]) -> dict[str, str]:
    """`fields` is AWSJSON: AppSync returns it as a JSON string."""
    fields = upload_target["fields"]
    return json.loads(fields) if isinstance(fields, str) else fields


def post_upload(target: Target, upload_target: dict[str, Any], body: bytes, content_type: str) -> requests.Response:
    """The browser-style upload: the policy fields first, then the file."""
    return requests.post(
        upload_target["url"],
        data=form_fields(upload_target),
        files={"file": ("image.png", body, content_type)},
        timeout=HTTP_TIMEOUT,
        verify=target.tls_verify,
    )
