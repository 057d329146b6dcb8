"""S3's XML error responses, and a SigV4 SignatureError (auth/sigv4.py, AppSync's words) as S3 words it.
https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
"""

from __future__ import annotations

import secrets
from xml.sax.saxutils import escape

from aiohttp import web

from ..auth.sigv4 import INVALID_TOKEN, SignatureError


def error_response(status: int, code: str, message: str, **extra: str) -> web.Response:
    request_id = secrets.token_hex(8).upper()
    parts = [f"<Code>{escape(code)}</Code>", f"<Message>{escape(message)}</Message>"]
    parts += [f"<{name}>{escape(value)}</{name}>" for name, value in extra.items()]
    parts += [f"<RequestId>{request_id}</RequestId>", f"<HostId>{secrets.token_urlsafe(24)}</HostId>"]
    body = '<?xml version="1.0" encoding="UTF-8"?>\n<Error>' + "".join(parts) + "</Error>"
    return web.Response(
        status=status, text=body, content_type="application/xml", headers={"x-amz-request-id": request_id}
    )


def from_signature_error(exc: SignatureError, access_key: str) -> web.Response:
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
