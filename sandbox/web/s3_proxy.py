"""S3 on the TLS port: path-style requests whose first path segment is one of the sandbox's buckets are forwarded
to moto unchanged, so presigned upload and image URLs are https (iOS App Transport Security and Android's
cleartext rules refuse plain http).

Nothing is rewritten: method, raw path and query, headers (Host as the client sent it) and the body (streamed)
go to moto, and moto's status, headers and body come back. moto does not verify S3 signatures (its auth check runs
only after INITIAL_NO_AUTH_ACTION_COUNT requests, infinite unless set: moto/core/authorization.py), so
web/s3_auth.py verifies them first (presigned URLs, header signatures, POST policies) and refuses with S3's
errors; what it lets through reaches moto unchanged. moto treats an IP-address Host as path-style (moto/s3/responses.py
`subdomain_based_buckets`). Browsers' CORS preflights (OPTIONS) go to moto too, which answers them from the
bucket's CORS rules as provisioned from the template.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable

import aiohttp
from aiohttp import web
from yarl import URL

from . import s3_auth

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

# Hop-by-hop headers belong to one connection, not to the request (RFC 9110 section 7.6.1).
_HOP_BY_HOP = frozenset(
    h.lower() for h in ("Connection", "Keep-Alive", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade")
)
_CHUNK = 64 * 1024


class S3Proxy:
    """An aiohttp middleware; `buckets` is filled in once provisioning has created them."""

    def __init__(self, upstream: str, buckets: Iterable[str] = ()) -> None:
        self.upstream = upstream.rstrip("/")
        self.buckets: frozenset[str] = frozenset(buckets)
        self.forwarded = 0
        self.clock: Callable[[], float] = time.time  # signature dates and expiries
        self._session: aiohttp.ClientSession | None = None

    def is_bucket_path(self, path: str) -> bool:
        return path.lstrip("/").split("/", 1)[0] in self.buckets

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not self.buckets or not self.is_bucket_path(request.path):
            return await handler(request)
        checked = await s3_auth.check(request, now=self.clock)  # signatures and POST policies (web/s3_auth.py)
        if isinstance(checked, web.StreamResponse):
            return checked
        return await self._forward(request, checked)

    async def _forward(self, request: web.Request, read: bytes | None = None) -> web.StreamResponse:
        if self._session is None:  # on the loop that serves requests
            self._session = aiohttp.ClientSession(auto_decompress=False)
        self.forwarded += 1
        headers = [(k, v) for k, v in request.headers.items() if k.lower() not in _HOP_BY_HOP]
        body: bytes | AsyncIterator[bytes] | None = None
        if read is not None:  # already read whole to check it: forwarded as read
            body = read
            if request.content_length is None:
                headers.append(("Content-Length", str(len(read))))
        elif request.content_length is not None:
            body = request.content.iter_chunked(_CHUNK) if request.content_length else None
        elif request.body_exists:  # chunked upload: moto's server wants a length, so read it whole
            data = await request.read()
            headers.append(("Content-Length", str(len(data))))
            body = data
        async with self._session.request(
            request.method,
            URL(self.upstream + request.raw_path, encoded=True),  # the path and query exactly as sent
            headers=headers,
            data=body,
            skip_auto_headers=("Accept", "Accept-Encoding", "User-Agent", "Content-Type"),
            allow_redirects=False,
        ) as upstream:
            response = web.StreamResponse(status=upstream.status, reason=upstream.reason)
            for name, value in upstream.headers.items():
                if name.lower() not in _HOP_BY_HOP:
                    response.headers.add(name, value)
            await response.prepare(request)
            async for chunk in upstream.content.iter_chunked(_CHUNK):
                await response.write(chunk)
            await response.write_eof()
            return response

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
