"""botocore calls to the sandbox's own moto, answered by moto's WSGI app in this process instead of over loopback.

Over HTTP each call paid a new TCP connection and a new server thread (werkzeug's server answers
`Connection: close`), the HTTP round trip on both sides and the GIL hand-offs between them: about half of a
resolver's time. The answer is the same: the same WSGI app (with the sandbox's hooks, see `MotoServer`) builds
it from the same request. A `before-send` handler may return the response instead of botocore sending it
(https://docs.aws.amazon.com/botocore/latest/topics/events.html#before-send). The runtime makes its own
sessions, so the handler goes in botocore's list of handlers every new session registers (BUILTIN_HANDLERS,
which moto's own in-process mock also extends). Calls to any other endpoint (push outbox, AWS) go out as usual.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import unquote, urlsplit

from botocore.awsrequest import AWSResponse
from botocore.handlers import BUILTIN_HANDLERS

WsgiApp = Callable[..., Any]


class _RawBody(io.BytesIO):
    """What botocore reads a response body from (`stream()` for streaming outputs such as S3 GetObject)."""

    def stream(self, **_: Any) -> Iterator[bytes]:
        while chunk := self.read(64 * 1024):
            yield chunk


def _latin1(value: str) -> str:
    """WSGI carries str holding the request's bytes as latin-1 (PEP 3333), as werkzeug's server does."""
    return value.encode("utf-8").decode("latin-1")


def _body_bytes(body: Any) -> bytes:
    if body is None:
        return b""
    if isinstance(body, bytes | bytearray):
        return bytes(body)
    if isinstance(body, str):
        return body.encode("utf-8")
    data = body.read()  # a file-like body (streaming upload)
    return data.encode("utf-8") if isinstance(data, str) else data


class DirectMoto:
    """A `before-send` handler answering requests to `base_url` from `app`; disabled once the sandbox stops."""

    def __init__(self, base_url: str, app: WsgiApp) -> None:
        self.prefix = base_url.rstrip("/") + "/"
        self._app = app
        self.enabled = True
        self.calls = 0
        self.also_calls = 0  # of `calls`, those to an `also_answer` endpoint
        self._also: list[tuple[str, Callable[[str], bool]]] = []

    def also_answer(self, base_url: str, accepts_path: Callable[[str], bool]) -> None:
        """Also answer calls to `base_url` whose path `accepts_path` (the TLS port's S3 paths, see
        web/s3_proxy.py): what the proxy would forward to moto, answered here without the TLS round trip."""
        self._also.append((base_url.rstrip("/") + "/", accepts_path))

    def _also_accepts(self, url: str) -> bool:
        return any(url.startswith(prefix) and accepts(urlsplit(url).path) for prefix, accepts in self._also)

    def __call__(self, request: Any, **_: Any) -> AWSResponse | None:
        url = request.url
        if not self.enabled:
            return None
        if not (url + "/").startswith(self.prefix):
            if not self._also_accepts(url):
                return None
            self.also_calls += 1
        self.calls += 1
        parts = urlsplit(url)
        body = _body_bytes(request.body)
        environ: dict[str, Any] = {
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": parts.scheme,
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": True,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
            "REQUEST_METHOD": request.method,
            "SCRIPT_NAME": "",
            "PATH_INFO": _latin1(unquote(parts.path or "/")),
            "QUERY_STRING": _latin1(parts.query),
            "REMOTE_ADDR": "127.0.0.1",
            "SERVER_NAME": parts.hostname or "127.0.0.1",
            "SERVER_PORT": str(parts.port or 80),
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": parts.netloc,
            "CONTENT_LENGTH": str(len(body)),
        }
        for key, value in request.headers.items():
            text = value.decode("latin-1") if isinstance(value, bytes) else str(value)
            name = key.upper().replace("-", "_")
            if name in ("TRANSFER_ENCODING", "CONTENT_LENGTH"):
                # The body is read whole above: its length is known. werkzeug reads a `chunked` request without
                # wsgi.input_terminated as empty (botocore streams S3 uploads chunked over https).
                continue
            if name == "CONTENT_TYPE":
                environ[name] = text
            else:
                environ[f"HTTP_{name}"] = text
        status: list[Any] = []

        def start_response(status_line: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            status[:] = [int(status_line.split(" ", 1)[0]), headers]
            return lambda _data: None  # moto never uses write()

        result = self._app(environ, start_response)
        try:
            content = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        code, header_list = status
        headers: dict[str, str] = {}
        for name, value in header_list:  # repeated headers are comma-joined, as an HTTP client would see them
            headers[name] = f"{headers[name]},{value}" if name in headers else value
        return AWSResponse(url, code, headers, _RawBody(content))


def install(base_url: str, app: WsgiApp) -> DirectMoto:
    """From now on, every botocore session created in this process answers calls to `base_url` from `app`."""
    handler = DirectMoto(base_url, app)
    BUILTIN_HANDLERS.append(("before-send", handler))
    return handler


def uninstall(handler: DirectMoto) -> None:
    """Clients created meanwhile keep the handler registered: disabled, it lets their calls go out over HTTP."""
    handler.enabled = False
    if ("before-send", handler) in BUILTIN_HANDLERS:
        BUILTIN_HANDLERS.remove(("before-send", handler))
