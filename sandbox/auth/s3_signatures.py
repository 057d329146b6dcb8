"""S3's query-string (presigned URL) and POST-policy signatures, verified with the issuer's secret as S3 does.

S3's checks in its order, and its error codes (PresignError): https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
"""

from __future__ import annotations

import datetime
import re
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from .issued_keys import Issued, lookup
from .sigv4 import SCOPE, SKEW, S3QuerySigner, http_headers, parse_timestamp, same


@dataclass(frozen=True)
class Presigned:
    issued: Issued
    signed_at: datetime.datetime
    expires_in: int


class PresignError(Exception):
    """An S3 presigned request refused: S3's error code, message and HTTP status."""

    def __init__(self, code: str, message: str, status: int = 403, **extra: str) -> None:
        super().__init__(message)
        self.code, self.message, self.status, self.extra = code, message, status, extra


def _issued_to(akid: str) -> Issued:
    """The credentials behind an access key id, or S3's InvalidAccessKeyId."""
    issued = lookup(akid)
    if issued is None:
        raise PresignError(
            "InvalidAccessKeyId",
            "The AWS Access Key Id you provided does not exist in our records.",
            AWSAccessKeyId=akid,
        )
    return issued


def _query_pairs(raw_query: str) -> list[tuple[str, str]]:
    pairs = []
    for part in raw_query.split("&"):
        if part:
            key, _, value = part.partition("=")
            pairs.append((unquote(key), unquote(value)))
    return pairs


def verify_presigned_url(
    method: str,
    raw_path: str,
    headers: Iterable[tuple[str, str]],
    *,
    now: Callable[[], float] = time.time,
) -> Presigned:
    """An S3 presigned URL (`X-Amz-Algorithm` ... `X-Amz-Signature` in the query): S3's checks, in its order."""
    pairs_h = list(headers)
    split = urlsplit(raw_path)
    query = _query_pairs(split.query)
    params = {k: v for k, v in query}
    if params.get("X-Amz-Algorithm") != "AWS4-HMAC-SHA256":
        raise PresignError("AuthorizationQueryParametersError", 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"', 400)
    scope = SCOPE.match(params.get("X-Amz-Credential", ""))
    signed_at = parse_timestamp(params.get("X-Amz-Date", ""))
    expires = params.get("X-Amz-Expires", "")
    signature = params.get("X-Amz-Signature", "")
    if scope is None or signed_at is None or not expires.isdigit() or not re.fullmatch(r"[0-9a-f]{64}", signature):
        raise PresignError(
            "AuthorizationQueryParametersError",
            "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, "
            "X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.",
            400,
        )
    if int(expires) > 604800:
        raise PresignError(
            "AuthorizationQueryParametersError",
            "X-Amz-Expires must be less than a week (in seconds) that is 604800",
            400,
        )
    current = now()
    issued = _issued_to(scope["akid"])
    if signed_at.timestamp() + int(expires) < current:
        raise PresignError(
            "AccessDenied",
            "Request has expired",
            403,
            **{
                "X-Amz-Expires": expires,
                "Expires": datetime.datetime.fromtimestamp(signed_at.timestamp() + int(expires), datetime.UTC).strftime(
                    "%Y-%m-%dT%H:%M:%SZ"
                ),
                "ServerTime": datetime.datetime.fromtimestamp(current, datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            },
        )
    if signed_at.timestamp() > current + SKEW.total_seconds():
        raise PresignError("AccessDenied", "Request is not yet valid")
    token = params.get("X-Amz-Security-Token")
    if token not in issued.tokens:
        raise PresignError("InvalidToken", "The provided token is malformed or otherwise invalid.", 400)
    if issued.expires is not None and issued.expires <= current:
        raise PresignError("ExpiredToken", "The provided token has expired.", 400)
    names = tuple(n for n in params.get("X-Amz-SignedHeaders", "").split(";") if n)
    signer = S3QuerySigner(Credentials(issued.access_key_id, issued.secret, None), scope["service"], scope["region"])
    signer.signed_names = names
    aws_request = AWSRequest(method=method, url="https://sandbox" + split.path)
    aws_request.headers = http_headers(pairs_h)
    aws_request.params = [(k, v) for k, v in query if k != "X-Amz-Signature"]
    aws_request.context["timestamp"] = params["X-Amz-Date"]
    canonical = signer.canonical_request(aws_request)
    expected = signer.signature(signer.string_to_sign(aws_request, canonical), aws_request)
    if scope["date"] != params["X-Amz-Date"][:8] or not same(expected, signature):
        raise PresignError(
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided. Check your key and "
            "signing method.",
            AWSAccessKeyId=scope["akid"],
        )
    return Presigned(issued, signed_at, int(expires))


def verify_post_policy_signature(fields: Mapping[str, str], *, now: Callable[[], float] = time.time) -> Issued:
    """The `x-amz-signature` of a POST form: the signing key of `x-amz-credential`'s scope over the base64 policy
    (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-authentication-HTTPPOST.html)."""
    scope = SCOPE.match(fields.get("x-amz-credential", ""))
    stamp = fields.get("x-amz-date", "")
    signature = fields.get("x-amz-signature", "")
    if fields.get("x-amz-algorithm") != "AWS4-HMAC-SHA256" or scope is None or parse_timestamp(stamp) is None:
        raise PresignError("InvalidArgument", "POST requires exactly one file upload per request.", 400)
    issued = _issued_to(scope["akid"])
    if fields.get("x-amz-security-token") not in issued.tokens:
        raise PresignError("InvalidToken", "The provided token is malformed or otherwise invalid.", 400)
    if issued.expires is not None and issued.expires <= now():
        raise PresignError("ExpiredToken", "The provided token has expired.", 400)
    signer = SigV4Auth(Credentials(issued.access_key_id, issued.secret, None), scope["service"], scope["region"])
    aws_request = AWSRequest(method="POST", url="https://sandbox/")
    aws_request.context["timestamp"] = scope["date"] + stamp[8:]
    expected = signer.signature(fields.get("policy", ""), aws_request)
    if not same(expected, signature):
        raise PresignError(
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided. Check your key and "
            "signing method.",
            AWSAccessKeyId=scope["akid"],
        )
    return issued
