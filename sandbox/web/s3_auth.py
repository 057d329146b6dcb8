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

import importlib
import logging
import time
from collections.abc import Callable

from aiohttp import web

from ..auth.issued_keys import Issued
from ..auth.s3_signatures import PresignError, verify_post_policy_signature, verify_presigned_url
from ..auth.sigv4 import SignatureError, SignedRequest, header_pairs, verify_header_signature
from .s3_errors import error_response, from_signature_error
from .s3_post_policy import check_post_policy, parse_form

log = logging.getLogger("sandbox.s3")

MAX_FORM_BYTES = 256 * 1024 * 1024  # a POST upload is read whole to check its policy before moto sees it


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
                return from_signature_error(exc, access_key)
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
