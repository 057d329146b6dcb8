"""SigV4 signatures verified with the credentials the sandbox actually issued, as AWS verifies them.

The secret of an access key id comes from what issued it: moto's STS backend (AssumeRole and the identity-pool
credentials of aws_standins/identity_pool.py, which are STS sessions there too), moto's IAM users' access keys, or the
sandbox's own dummy keys (`testing`, the runtime's and the integration suite's). The signature is recomputed with
botocore's signer (its canonical request, string to sign and signing key), never a hand-written HMAC chain, and
compared in constant time. Requests dated more than 15 minutes from now are refused, as AWS refuses them:
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html ("Signature expired").
S3's presigned URLs and POST policies are verified in s3_signatures.py with the signers and helpers here.
"""

from __future__ import annotations

import datetime
import hmac
import re
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from botocore.auth import S3SigV4Auth, S3SigV4QueryAuth, SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.compat import HTTPHeaders
from botocore.credentials import Credentials

from .issued_keys import Issued, lookup
from .tokens import AuthError

SIGV4_TIMESTAMP = "%Y%m%dT%H%M%SZ"
SKEW = datetime.timedelta(minutes=15)  # AWS accepts a request dated up to 15 minutes either side of its clock
MISMATCH = (
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access "
    "Key and signing method. Consult the service documentation for details."
)
INVALID_TOKEN = "The security token included in the request is invalid."  # noqa: S105 - AWS's error message
EXPIRED_TOKEN = "The security token included in the request is expired"  # noqa: S105 - AWS's error message

_HEADER = re.compile(
    r"^AWS4-HMAC-SHA256 Credential=(?P<akid>[^/\s,]+)/(?P<date>\d{8})/(?P<region>[^/\s,]+)/(?P<service>[^/\s,]+)"
    r"/aws4_request,\s*SignedHeaders=(?P<signed>[a-z0-9;._-]+),\s*Signature=(?P<signature>[0-9a-f]{64})$"
)
SCOPE = re.compile(r"^(?P<akid>[^/\s]+)/(?P<date>\d{8})/(?P<region>[^/\s]+)/(?P<service>[^/\s]+)/aws4_request$")


class SignatureError(AuthError):
    """A SigV4 signature that does not verify. `error_type` and `status` are what AppSync answers with."""

    def __init__(self, message: str, reason: str, *, error_type: str = "UnauthorizedException", status: int = 401):
        super().__init__(message, reason)
        self.error_type, self.status = error_type, status


def parse_timestamp(value: str) -> datetime.datetime | None:
    try:
        return datetime.datetime.strptime(value, SIGV4_TIMESTAMP).replace(tzinfo=datetime.UTC)
    except (TypeError, ValueError):
        return None


def check_skew(signed_at: datetime.datetime, now: float) -> None:
    """AWS's window for header signatures: 15 minutes either side."""
    current = datetime.datetime.fromtimestamp(now, datetime.UTC)
    stamp, current_stamp = signed_at.strftime(SIGV4_TIMESTAMP), current.strftime(SIGV4_TIMESTAMP)
    if signed_at < current - SKEW:
        earliest = (current - SKEW).strftime(SIGV4_TIMESTAMP)
        raise SignatureError(
            f"Signature expired: {stamp} is now earlier than {earliest} ({current_stamp} - 15 min.)",
            "signed more than 15 minutes ago",
            error_type="InvalidSignatureException",
            status=403,
        )
    if signed_at > current + SKEW:
        latest = (current + SKEW).strftime(SIGV4_TIMESTAMP)
        raise SignatureError(
            f"Signature not yet current: {stamp} is still later than {latest} ({current_stamp} + 15 min.)",
            "dated more than 15 minutes ahead",
            error_type="InvalidSignatureException",
            status=403,
        )


def credentials_for(access_key_id: str, session_token: str | None, now: float) -> Issued:
    issued = lookup(access_key_id)
    if issued is None:
        raise SignatureError(INVALID_TOKEN, f"unknown access key {access_key_id}")
    if session_token not in issued.tokens:
        raise SignatureError(INVALID_TOKEN, f"session token does not belong to {access_key_id}")
    if issued.expires is not None and issued.expires <= now:
        raise SignatureError(
            EXPIRED_TOKEN, f"credentials of {access_key_id} expired", error_type="ExpiredTokenException", status=403
        )
    return issued


def same(expected: str, given: str) -> bool:
    return hmac.compare_digest(expected.encode(), given.encode())


class _Signer:
    """Mixin: botocore's signer, with the headers the client named in SignedHeaders (not botocore's choice)
    and the client's own timestamp."""

    signed_names: tuple[str, ...] = ()

    def headers_to_sign(self, request: AWSRequest) -> HTTPHeaders:
        selected = HTTPHeaders()
        for name in self.signed_names:
            for value in request.headers.get_all(name) or []:
                selected[name] = value
        return selected


class _HeaderSigner(_Signer, SigV4Auth):
    pass


class _S3HeaderSigner(_Signer, S3SigV4Auth):
    pass


class S3QuerySigner(_Signer, S3SigV4QueryAuth):
    pass


def http_headers(pairs: Iterable[tuple[str, str]]) -> HTTPHeaders:
    headers = HTTPHeaders()
    for name, value in pairs:
        headers[name.lower()] = value
    return headers


def header_pairs(headers: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(name, value) for every header, repeated names included (aiohttp's multidicts), strings only."""
    items = headers.items()
    return [(k, v) for k, v in items if isinstance(k, str) and isinstance(v, str)]


def _find(pairs: Iterable[tuple[str, str]], name: str) -> str | None:
    return next((v for k, v in pairs if k.lower() == name), None)


@dataclass(frozen=True)
class SignedRequest:
    """What a header signature covers besides the headers: method, path with query (as sent), and the body."""

    method: str
    path: str
    body: bytes = b""


def verify_header_signature(
    authorization: str,
    headers: Iterable[tuple[str, str]],
    request: SignedRequest,
    *,
    service: str,
    now: Callable[[], float] = time.time,
    s3: bool = False,
) -> Issued:
    """Verify `Authorization: AWS4-HMAC-SHA256 ...` over this request; the issuer's credentials, else SignatureError."""
    pairs = list(headers)
    match = _HEADER.match(authorization.strip())
    if not match:
        raise SignatureError(MISMATCH, "malformed SigV4 header")  # 401 UnauthorizedException, as before
    if match["service"] != service:
        raise SignatureError(
            f"Credential should be scoped to correct service: '{service}'.",
            f"signed for service {match['service']}",
            error_type="InvalidSignatureException",
            status=403,
        )
    stamp = _find(pairs, "x-amz-date")
    signed_at = parse_timestamp(stamp or "")
    if signed_at is None:
        raise SignatureError(
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
            "no X-Amz-Date",
            error_type="IncompleteSignatureException",
            status=403,
        )
    check_skew(signed_at, now())
    names = tuple(match["signed"].split(";"))
    present = {k.lower() for k, _ in pairs}
    missing = [n for n in names if n not in present]
    if missing or "host" not in names:
        reason = f"'{missing[0]}' is named as a SignedHeader, but it does not exist in the HTTP request."
        raise SignatureError(
            reason if missing else "'Host' must be a 'SignedHeader' in the AWS Authorization.",
            "signed headers missing",
            error_type="IncompleteSignatureException",
            status=403,
        )
    issued = credentials_for(match["akid"], _find(pairs, "x-amz-security-token"), now())
    credentials = Credentials(issued.access_key_id, issued.secret, None)
    signer: _Signer
    signer = (_S3HeaderSigner if s3 else _HeaderSigner)(credentials, match["service"], match["region"])
    signer.signed_names = names
    aws_request = AWSRequest(method=request.method, url="https://sandbox" + request.path, data=request.body)
    aws_request.headers = http_headers(pairs)
    aws_request.context["timestamp"] = stamp
    if not s3:
        declared = aws_request.headers.get("X-Amz-Content-SHA256")
        body_hash = SigV4Auth.payload(signer, aws_request)
        if declared is not None and declared != body_hash:
            raise SignatureError(
                MISMATCH, "x-amz-content-sha256 is not the body's", error_type="InvalidSignatureException", status=403
            )
    if match["date"] != stamp[:8]:  # type: ignore[index]
        raise SignatureError(
            MISMATCH, "credential scope date is not X-Amz-Date's", error_type="InvalidSignatureException", status=403
        )
    canonical = signer.canonical_request(aws_request)
    expected = signer.signature(signer.string_to_sign(aws_request, canonical), aws_request)
    if not same(expected, match["signature"]):
        raise SignatureError(MISMATCH, "signature mismatch", error_type="InvalidSignatureException", status=403)
    return issued
