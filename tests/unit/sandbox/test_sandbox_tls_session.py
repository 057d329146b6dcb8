"""After its TLS handshake the sandbox sends nothing until the client asks: no TLS 1.3 session tickets.

Why it matters: the `websockets` sync client reads its socket in a background thread while its caller writes the
upgrade request. Tickets arriving in that moment put the reader inside the TLS read while the writer writes on the
same TLS connection, which OpenSSL does not support; under load the request was lost and the handshake hung
(sandbox/web/tls.py has the sources)."""

from __future__ import annotations

import select
import socket
import ssl


def _endpoint(url: str) -> tuple[str, int]:
    host, port = url.split("/")[2].rsplit(":", 1)
    return host, int(port)


def test_after_the_tls_handshake_the_sandbox_sends_nothing_until_asked(running_sandbox):
    host, port = _endpoint(running_sandbox.url)
    context = ssl.create_default_context(cafile=running_sandbox.ca)
    with (
        socket.create_connection((host, port), timeout=10) as raw,
        context.wrap_socket(raw, server_hostname=host) as tls,
    ):
        assert tls.version() == "TLSv1.3"  # the version that sends tickets after the handshake
        readable, _, _ = select.select([tls], [], [], 1.0)
        assert readable == [], "the sandbox sent TLS records nobody asked for (session tickets)"
        # and the connection still answers a request
        tls.sendall(f"GET /graphql HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode())
        assert tls.recv(64).startswith(b"HTTP/1.1 ")
