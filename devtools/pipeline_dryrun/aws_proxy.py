"""A recording proxy between a step and the sandbox's moto: which AWS calls the step made and what moto answered.

A step that talks to AWS gets AWS_ENDPOINT_URL pointing here (every SDK the steps use honours it: AWS CLI/botocore
and the AWS SDK for JavaScript v3 in the CDK CLI and cdk-assets,
https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html); each request is passed on to moto
unchanged (Host included: moto reads no signature, and reads S3 path-style for an IP-address host) and recorded
as one AwsCall. When a step fails, the calls say exactly which one moto did not answer (moto_limits.py).

What identifies a call, by protocol (https://smithy.io/2.0/aws/protocols/):
- the service: the SigV4 credential scope of the Authorization header (`.../<region>/<service>/aws4_request`);
- awsJson: `X-Amz-Target: <Prefix>.<Operation>`; awsQuery/ec2Query: `Action=<Operation>` in the form body or the
  query string; rpcv2Cbor: `/service/<name>/operation/<Operation>`; restXml/restJson (S3, Lambda): the method and
  path, and for S3 the operation its method and sub-resource name (`GET ?location` = GetBucketLocation).
"""

from __future__ import annotations

import http.client
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "expect",
    }
)
SCOPE = re.compile(r"Credential=[^/]+/\d{8}/([^/]+)/([a-z0-9-]+)/aws4_request")
CBOR_OPERATION = re.compile(r"/service/[^/]+/operation/([A-Za-z0-9]+)")
UPSTREAM_TIMEOUT_S = 300.0


@dataclass(frozen=True)
class AwsCall:
    service: str  # the SigV4 signing name: s3, sts, cloudformation, codepipeline, ssm, monitoring, ...
    operation: str
    status: int
    region: str = ""
    error: str = ""  # `<code>: <message>` of a 4xx/5xx answer

    @property
    def name(self) -> str:
        return f"{self.service}:{self.operation}"

    def describe(self) -> str:
        return f"{self.name} (HTTP {self.status}{': ' + self.error if self.error else ''})"


def _s3_operation(method: str, path: str, query: dict[str, list[str]]) -> str:
    parts = [p for p in path.split("/") if p]
    keys = set(query)
    on_object = len(parts) > 1
    if not parts:
        return "ListBuckets" if method == "GET" else f"{method} /"
    named = {
        ("GET", "location"): "GetBucketLocation",
        ("GET", "encryption"): "GetBucketEncryption",
        ("GET", "versioning"): "GetBucketVersioning",
        ("GET", "policy"): "GetBucketPolicy",
        ("GET", "acl"): "GetObjectAcl" if on_object else "GetBucketAcl",
        ("POST", "uploads"): "CreateMultipartUpload",
        ("POST", "uploadId"): "CompleteMultipartUpload",
        ("PUT", "partNumber"): "UploadPart",
        ("DELETE", "uploadId"): "AbortMultipartUpload",
        ("POST", "delete"): "DeleteObjects",
    }
    for (verb, key), operation in named.items():
        if method == verb and key in keys:
            return operation
    if on_object:
        return {"GET": "GetObject", "HEAD": "HeadObject", "PUT": "PutObject", "DELETE": "DeleteObject"}.get(
            method, f"{method} object"
        )
    if method == "GET":
        return "ListObjectsV2" if query.get("list-type") == ["2"] else "ListObjects"
    return {"HEAD": "HeadBucket", "PUT": "CreateBucket", "DELETE": "DeleteBucket"}.get(method, f"{method} bucket")


def identify(method: str, target: str, headers: Any, body: bytes) -> tuple[str, str, str]:
    """(service, region, operation) of a request."""
    scope = SCOPE.search(headers.get("Authorization") or "")
    region, service = (scope.group(1), scope.group(2)) if scope else ("", "")
    split = urlsplit(target)
    query = parse_qs(split.query, keep_blank_values=True)
    if amz_target := headers.get("X-Amz-Target"):
        return service, region, amz_target.rsplit(".", 1)[-1]
    if match := CBOR_OPERATION.search(split.path):
        return service, region, match.group(1)
    form = {}
    if "x-www-form-urlencoded" in (headers.get("Content-Type") or ""):
        form = parse_qs(body.decode("utf-8", errors="replace"))
    if action := (form.get("Action") or query.get("Action")):
        return service, region, action[0]
    if service == "s3":
        return service, region, _s3_operation(method, split.path, query)
    return service, region, f"{method} {split.path}"


def error_of(status: int, body: bytes) -> str:
    """`<code>: <message>` from an XML, JSON or HTML error answer (first line, at most 300 characters)."""
    if status < 400:
        return ""
    text = body.decode("utf-8", errors="replace")
    code = message = ""
    if match := re.search(r"<Code>(.*?)</Code>", text, re.S):
        code = match.group(1)
    if match := re.search(r"<Message>(.*?)</Message>", text, re.S):
        message = match.group(1)
    if not (code or message):
        try:
            parsed = json.loads(text)
        except ValueError:
            parsed = None
        if isinstance(parsed, dict):
            code = str(parsed.get("__type") or parsed.get("code") or parsed.get("Code") or "").rsplit("#", 1)[-1]
            message = str(parsed.get("message") or parsed.get("Message") or "")
        elif match := re.search(r"<title>(.*?)</title>", text, re.S | re.I):
            message = match.group(1)
        else:
            message = text
    line = (message.strip().splitlines() or [""])[0]
    return f"{code}: {line}"[:300] if code else line[:300]


class RecordingProxy:
    """`start()`, then `url` for AWS_ENDPOINT_URL; `calls` in the order they were answered."""

    def __init__(self, upstream: str, *, host: str = "127.0.0.1") -> None:
        parts = urlsplit(upstream)
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError(f"the recording proxy forwards to plain http, not {upstream!r}")
        self.upstream_host, self.upstream_port = parts.hostname, parts.port or 80
        self.host = host
        self.calls: list[AwsCall] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        assert self._server is not None, "start() first"
        return f"http://{self.host}:{self._server.server_port}"

    def record(self, call: AwsCall) -> None:
        with self._lock:
            self.calls.append(call)

    def since(self, index: int) -> list[AwsCall]:
        with self._lock:
            return list(self.calls[index:])

    def start(self) -> RecordingProxy:
        self._server = ThreadingHTTPServer((self.host, 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="aws-proxy", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join()

    def __enter__(self) -> RecordingProxy:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def forward(
        self, method: str, target: str, headers: Any, body: bytes
    ) -> tuple[int, str, list[tuple[str, str]], bytes]:
        connection = http.client.HTTPConnection(self.upstream_host, self.upstream_port, timeout=UPSTREAM_TIMEOUT_S)
        try:
            sent = {k: v for k, v in headers.items() if k.lower() not in HOP_BY_HOP and k.lower() != "content-length"}
            if body or method in ("PUT", "POST", "PATCH"):
                sent["Content-Length"] = str(len(body))
            connection.request(method, target, body=body or None, headers=sent)
            response = connection.getresponse()
            data = response.read()
            kept = [(k, v) for k, v in response.getheaders() if k.lower() not in HOP_BY_HOP]
            return response.status, response.reason, kept, data
        finally:
            connection.close()


def _read_body(handler: BaseHTTPRequestHandler) -> bytes:
    if "chunked" in (handler.headers.get("Transfer-Encoding") or "").lower():
        chunks: list[bytes] = []
        while True:
            size = int(handler.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)
            if size == 0:
                while handler.rfile.readline() not in (b"\r\n", b"\n", b""):  # trailers
                    pass
                return b"".join(chunks)
            chunks.append(handler.rfile.read(size))
            handler.rfile.readline()
    length = int(handler.headers.get("Content-Length") or 0)
    return handler.rfile.read(length) if length else b""


def _handler(proxy: RecordingProxy) -> Callable[..., BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive and `Expect: 100-continue`, as the SDKs expect

        def log_message(self, format: str, *args: Any) -> None:  # the base class's name
            return

        def _any(self) -> None:
            body = _read_body(self)
            service, region, operation = identify(self.command, self.path, self.headers, body)
            try:
                status, reason, headers, data = proxy.forward(self.command, self.path, self.headers, body)
            except OSError as exc:
                status, reason, headers = 502, "Bad Gateway", [("Content-Type", "text/plain")]
                data = f"pipeline-dryrun proxy: the sandbox's moto did not answer: {exc}".encode()
            proxy.record(AwsCall(service, operation, status, region, error_of(status, data)))
            self.send_response_only(status, reason)
            length_sent = False
            for name, value in headers:
                if name.lower() == "content-length":
                    length_sent = True
                    if self.command == "HEAD":  # HEAD: the object's length, no body
                        self.send_header(name, value)
                        continue
                    value = str(len(data))
                self.send_header(name, value)
            if not length_sent:
                self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD" and data:
                self.wfile.write(data)

        do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = do_PATCH = do_OPTIONS = _any

    return Handler
