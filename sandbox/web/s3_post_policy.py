"""Browser-based POST uploads: the multipart form parsed, and the checks S3 makes of a policy whose signature
verified: its `expiration`, every condition (exact, `eq`, `starts-with`, `content-length-range`), no form field
outside the conditions, and the file's size.
https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html
"""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

from aiohttp import web

from ..auth.s3_signatures import PresignError
from .s3_errors import error_response

_IGNORED_FIELDS = ("x-amz-signature", "file", "policy")
_BOUNDARY = re.compile(r'boundary="?([^";]+)"?', re.IGNORECASE)
_NAME = re.compile(r'\bname="([^"]*)"', re.IGNORECASE)
_FILENAME = re.compile(r'\bfilename="([^"]*)"', re.IGNORECASE)


def parse_form(body: bytes, content_type: str) -> tuple[dict[str, str], str | None, bytes | None]:
    """(fields by lowercased name, the file's filename, the file's bytes) of a multipart/form-data body.
    Fields after the file are ignored, as S3 ignores them."""
    match = _BOUNDARY.search(content_type)
    if not match:
        raise PresignError(
            "MalformedPOSTRequest", "The body of your POST request is not well-formed multipart/form-data.", 400
        )
    delimiter = b"--" + match.group(1).encode()
    fields: dict[str, str] = {}
    for chunk in body.split(delimiter)[1:]:
        if chunk.startswith(b"--"):
            break
        head, sep, content = chunk.partition(b"\r\n\r\n")
        if not sep:
            continue
        if content.endswith(b"\r\n"):
            content = content[:-2]
        disposition = next(
            (line.decode("latin-1") for line in head.split(b"\r\n") if line.lower().startswith(b"content-disposition")),
            "",
        )
        name = _NAME.search(disposition)
        if not name:
            continue
        if name.group(1).lower() == "file":
            filename = _FILENAME.search(disposition)
            return fields, filename.group(1) if filename else None, content
        fields[name.group(1).lower()] = content.decode("utf-8", "replace")
    return fields, None, None


def _expiration(value: Any) -> datetime.datetime | None:
    if not isinstance(value, str):
        return None
    for fmt in ("%Y-%m-%dT%H:%M:%S.%fZ", "%Y-%m-%dT%H:%M:%SZ"):
        try:
            return datetime.datetime.strptime(value, fmt).replace(tzinfo=datetime.UTC)
        except ValueError:
            continue
    return None


def _condition_text(condition: Any) -> str:
    return json.dumps(condition)


def check_post_policy(
    fields: dict[str, str], bucket: str, filename: str | None, size: int, now: float
) -> web.Response | None:
    """S3's checks of a policy whose signature verified: expiration, conditions, extra fields, size."""
    import base64

    try:
        policy = json.loads(base64.b64decode(fields.get("policy", ""), validate=True))
    except (ValueError, TypeError):
        return error_response(400, "InvalidPolicyDocument", "Invalid Policy: Invalid JSON.")
    if not isinstance(policy, dict) or not isinstance(policy.get("conditions"), list):
        return error_response(400, "InvalidPolicyDocument", "Invalid Policy: Invalid 'conditions' value.")
    expires = _expiration(policy.get("expiration"))
    if expires is None:
        return error_response(400, "InvalidPolicyDocument", "Invalid Policy: Invalid 'expiration' value.")
    if expires.timestamp() < now:
        return error_response(403, "AccessDenied", "Invalid according to Policy: Policy expired.")
    values = dict(fields)
    values["bucket"] = bucket
    if filename is not None and "key" in values:
        values["key"] = values["key"].replace("${filename}", filename)
    named: set[str] = set()
    size_range: tuple[int, int] | None = None
    for condition in policy["conditions"]:
        failed = _condition_failed(condition, values, named)
        if failed == "range":
            size_range = (int(condition[1]), int(condition[2]))
        elif failed:
            return error_response(
                403,
                "AccessDenied",
                f"Invalid according to Policy: Policy Condition failed: {_condition_text(condition)}",
            )
    extra = [
        name
        for name in fields
        if name not in named and name not in _IGNORED_FIELDS and not name.startswith("x-ignore-")
    ]
    if extra:
        return error_response(403, "AccessDenied", f"Invalid according to Policy: Extra input fields: {extra[0]}")
    if size_range is not None:
        low, high = size_range
        if size > high:
            return error_response(
                400,
                "EntityTooLarge",
                "Your proposed upload exceeds the maximum allowed size",
                ProposedSize=str(size),
                MaxSizeAllowed=str(high),
            )
        if size < low:
            return error_response(
                400,
                "EntityTooSmall",
                "Your proposed upload is smaller than the minimum allowed size",
                ProposedSize=str(size),
                MinSizeAllowed=str(low),
            )
    return None


def _condition_failed(condition: Any, values: dict[str, str], named: set[str]) -> bool | str:
    """False when met; True when not; "range" for a content-length-range (checked against the file last)."""
    if isinstance(condition, dict) and len(condition) == 1:
        ((name, expected),) = condition.items()
        named.add(name.lower())
        return values.get(name.lower()) != expected
    if not isinstance(condition, list) or len(condition) != 3:
        return True
    op = str(condition[0]).lower()
    if op == "content-length-range":
        return "range" if all(isinstance(v, int) for v in condition[1:]) else True
    field = str(condition[1])
    if not field.startswith("$"):
        return True
    name = field[1:].lower()
    named.add(name)
    value = values.get(name)
    if value is None:
        return True
    if op == "eq":
        return value != condition[2]
    if op == "starts-with":
        prefix = str(condition[2])
        if name == "content-type":  # a comma-separated list: every type must start with it
            return not all(part.strip().startswith(prefix) for part in value.split(","))
        return not value.startswith(prefix)
    return True
