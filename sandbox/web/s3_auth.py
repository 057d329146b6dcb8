"""S3 authentication on the TLS port, before web/s3_proxy.py forwards a request to moto (which checks none).

- Presigned URLs (`X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`, `X-Amz-SignedHeaders`,
  `X-Amz-Signature` in the query): signature recomputed with botocore's S3SigV4QueryAuth over the request as
  received, the credentials looked up in moto (auth/sigv4.py), and expiry (`X-Amz-Date` + `X-Amz-Expires`).
  https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
- Header-signed requests (`Authorization: AWS4-HMAC-SHA256 ...`): S3SigV4Auth over the signed headers, with the
  payload hash the client declared in `x-amz-content-sha256` (the body itself is not hashed).
- Browser-based POST uploads (multipart form with `policy` and `x-amz-signature`): the signature over the policy,
  the policy's `expiration`, every condition (exact, `eq`, `starts-with`, `content-length-range`), and no form
  field outside the conditions. https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html
- Anything else (unsigned requests, CORS preflights) is forwarded as before.

A refused request gets S3's XML error and never reaches moto, so nothing is stored.
https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
If `sandbox.iam.allowed(role, action, resource_arn)` exists, a verified request is also authorized as the
principal that signed it (the role of an assumed-role session).
"""

from __future__ import annotations

import datetime
import importlib
import json
import logging
import re
import secrets
import time
from collections.abc import Callable
from typing import Any
from xml.sax.saxutils import escape

from aiohttp import web

from ..auth.issued_keys import Issued
from ..auth.s3_signatures import PresignError, verify_post_policy_signature, verify_presigned_url
from ..auth.sigv4 import INVALID_TOKEN, SignatureError, SignedRequest, header_pairs, verify_header_signature

log = logging.getLogger("sandbox.s3")

MAX_FORM_BYTES = 256 * 1024 * 1024  # a POST upload is read whole to check its policy before moto sees it
_IGNORED_FIELDS = ("x-amz-signature", "file", "policy")
_BOUNDARY = re.compile(r'boundary="?([^";]+)"?', re.IGNORECASE)
_NAME = re.compile(r'\bname="([^"]*)"', re.IGNORECASE)
_FILENAME = re.compile(r'\bfilename="([^"]*)"', re.IGNORECASE)


def error_response(status: int, code: str, message: str, **extra: str) -> web.Response:
    request_id = secrets.token_hex(8).upper()
    parts = [f"<Code>{escape(code)}</Code>", f"<Message>{escape(message)}</Message>"]
    parts += [f"<{name}>{escape(value)}</{name}>" for name, value in extra.items()]
    parts += [f"<RequestId>{request_id}</RequestId>", f"<HostId>{secrets.token_urlsafe(24)}</HostId>"]
    body = '<?xml version="1.0" encoding="UTF-8"?>\n<Error>' + "".join(parts) + "</Error>"
    return web.Response(
        status=status, text=body, content_type="application/xml", headers={"x-amz-request-id": request_id}
    )


def _from_signature_error(exc: SignatureError, access_key: str) -> web.Response:
    """AppSync-style SignatureError (auth/sigv4.py) as S3 words it."""
    message = str(exc)
    if exc.error_type == "ExpiredTokenException":
        return error_response(400, "ExpiredToken", "The provided token has expired.")
    if message == INVALID_TOKEN:
        if exc.reason.startswith("unknown access key"):
            return error_response(
                403,
                "InvalidAccessKeyId",
                "The AWS Access Key Id you provided does not exist in our records.",
                AWSAccessKeyId=access_key,
            )
        return error_response(400, "InvalidToken", "The provided token is malformed or otherwise invalid.")
    if message.startswith(("Signature expired", "Signature not yet current")):
        return error_response(
            403, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large."
        )
    if exc.error_type == "IncompleteSignatureException":
        return error_response(400, "AuthorizationHeaderMalformed", message)
    return error_response(
        403,
        "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided. Check your key and signing "
        "method.",
        AWSAccessKeyId=access_key,
    )


def _allowed(issued: Issued, action: str, resource_arn: str) -> bool:
    """The sibling IAM module's decision for the signing role, when it exists; else allowed (documented)."""
    try:
        iam = importlib.import_module("sandbox.iam")
    except ImportError:
        return True
    allowed = getattr(iam, "allowed", None)
    if allowed is None or issued.role_arn is None:
        return True
    return bool(allowed(issued.role_arn, action, resource_arn))


def _object_arn(path: str) -> str:
    return "arn:aws:s3:::" + path.lstrip("/")


_ACTIONS = {"GET": "s3:GetObject", "HEAD": "s3:GetObject", "PUT": "s3:PutObject", "DELETE": "s3:DeleteObject"}


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


async def _read_limited(request: web.Request) -> bytes | None:
    chunks, total = [], 0
    async for chunk in request.content.iter_chunked(64 * 1024):
        total += len(chunk)
        if total > MAX_FORM_BYTES:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


async def check(request: web.Request, now: Callable[[], float] = time.time) -> web.StreamResponse | bytes | None:
    """A refusal (S3's error), or the body read whole (a POST form, to forward as read), or None: forward as is."""
    if request.method == "OPTIONS":
        return None
    query = request.raw_path.partition("?")[2]
    authorization = request.headers.get("Authorization", "")
    issued: Issued | None = None
    try:
        if "X-Amz-Signature=" in query or "X-Amz-Algorithm=" in query:
            issued = verify_presigned_url(
                request.method, request.raw_path, header_pairs(request.headers), now=now
            ).issued
        elif authorization.startswith("AWS4-HMAC-SHA256 "):
            try:
                issued = verify_header_signature(
                    authorization,
                    header_pairs(request.headers),
                    SignedRequest(request.method, request.raw_path),
                    service="s3",
                    now=now,
                    s3=True,
                )
            except SignatureError as exc:
                access_key = authorization.partition("Credential=")[2].partition("/")[0]
                log.info("refused %s %s: %s", request.method, request.path, exc.reason)
                return _from_signature_error(exc, access_key)
        elif request.method == "POST" and request.content_type == "multipart/form-data":
            return await _check_form(request, now)
    except PresignError as exc:
        log.info("refused %s %s: %s", request.method, request.path, exc.message)
        return error_response(exc.status, exc.code, exc.message, **exc.extra)
    if issued is not None and request.method in _ACTIONS:
        if not _allowed(issued, _ACTIONS[request.method], _object_arn(request.path)):
            return error_response(403, "AccessDenied", "Access Denied")
    return None


async def _check_form(request: web.Request, now: Callable[[], float]) -> web.StreamResponse | bytes:
    body = await _read_limited(request)
    if body is None:
        return error_response(
            400, "MaxPostPreDataLengthExceeded", "Your POST request fields preceeding the upload file was too large."
        )
    fields, filename, content = parse_form(body, request.headers.get("Content-Type", ""))
    if "x-amz-signature" not in fields and "policy" not in fields:
        return body  # an anonymous form upload: moto decides, as before
    if content is None:
        return error_response(400, "InvalidArgument", "POST requires exactly one file upload per request.")
    issued = verify_post_policy_signature(fields, now=now)
    bucket = request.path.lstrip("/").split("/", 1)[0]
    refused = check_post_policy(fields, bucket, filename, len(content), now())
    if refused is not None:
        log.info("refused a POST upload to %s: %s", bucket, refused.text)
        return refused
    key = fields.get("key", "").replace("${filename}", filename or "")
    if not _allowed(issued, "s3:PutObject", f"arn:aws:s3:::{bucket}/{key}"):
        return error_response(403, "AccessDenied", "Access Denied")
    return body
