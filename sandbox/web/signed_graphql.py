"""What a SigV4 signature on `/graphql` covers, and AppSync's answer when it does not verify.

AppSync answers a request whose signature is refused with the error type of the failure: an unknown key or
session token `UnauthorizedException` (401), a signature that does not match or is dated outside 15 minutes
`InvalidSignatureException` (403), a malformed one `IncompleteSignatureException` (403); the body is AppSync's
`{"errors": [{"errorType", "message"}]}` (docs/aws-sources.md, "SigV4 verification").
"""

from __future__ import annotations

from aiohttp import web

from ..auth.sigv4 import SignedRequest
from ..auth.tokens import AuthError


async def signed_request(request: web.Request) -> SignedRequest | None:
    """The method, raw path and body a SigV4 `Authorization` header signs; None for other callers (the body
    is then read only once the caller is known)."""
    if not request.headers.get("Authorization", "").startswith("AWS4-HMAC-SHA256 "):
        return None
    body = b""
    if request.method == "POST":
        try:
            body = await request.read()  # aiohttp keeps it: the route reads the same bytes again
        except Exception:  # noqa: BLE001 - an unreadable body cannot match the signature; the route says why
            body = b""
    return SignedRequest(request.method, request.raw_path, body)


def auth_error_response(exc: AuthError) -> web.Response:
    error_type = getattr(exc, "error_type", "UnauthorizedException")
    status = getattr(exc, "status", 401)
    return web.json_response({"errors": [{"errorType": error_type, "message": str(exc)}]}, status=status)
