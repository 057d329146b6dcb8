"""moto's server on a loopback port (fixed or free), in this process (so the sandbox can reach its state directly)."""

from __future__ import annotations

import logging
import os
import re
import socket
import threading
from collections.abc import Callable
from typing import Any

from .moto_direct import DirectMoto
from .moto_direct import install as install_direct
from .moto_direct import uninstall as uninstall_direct

DUMMY_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
}


def use_dummy_credentials(region: str) -> None:
    """Never let the sandbox (or the runtime inside it) pick up real credentials."""
    for key in (
        "AWS_PROFILE",
        "AWS_DEFAULT_PROFILE",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "AWS_WEB_IDENTITY_TOKEN_FILE",
    ):
        os.environ.pop(key, None)
    os.environ.update(DUMMY_CREDENTIALS)
    os.environ["AWS_DEFAULT_REGION"] = region
    os.environ["AWS_REGION"] = region


# DynamoDB calls that can add stream records: the stream poller is woken after each one instead of polling often.
# https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Operations_Amazon_DynamoDB.html
DYNAMODB_WRITES = frozenset(
    f"DynamoDB_20120810.{op}"
    for op in (
        "PutItem",
        "UpdateItem",
        "DeleteItem",
        "BatchWriteItem",
        "TransactWriteItems",
        "ExecuteStatement",
        "BatchExecuteStatement",
        "ExecuteTransaction",
    )
)
# SigV4's credential scope names the service: `Credential=AKID/date/region/SERVICE/aws4_request`.
# https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
_SERVICE_IN_SCOPE = re.compile(r"Credential=[^/]+/\d{8}/[^/]+/([a-z0-9-]+)/aws4_request")


# Requests that only read: they don't make the persisted state (state.py) stale. Everything else is counted
# as a change, which errs on the side of saving. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/
_READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_READ_ONLY_TARGET_PREFIXES = ("DynamoDBStreams_20120810.", "DynamoDB_20120810.")  # DynamoDB writes: DYNAMODB_WRITES


def _changes_state(environ: dict[str, Any]) -> bool:
    if environ.get("REQUEST_METHOD") in _READ_ONLY_METHODS:
        return False
    target = environ.get("HTTP_X_AMZ_TARGET") or ""
    return target in DYNAMODB_WRITES or not target.startswith(_READ_ONLY_TARGET_PREFIXES)


# A `before_first` setup that calls moto itself marks its client with this (botocore `user_agent_extra`).
SETUP_AGENT = "sandbox-setup"


class MotoServer:
    """moto's WSGI app on werkzeug's threaded server (what moto's ThreadedMotoServer runs) for other processes,
    and answering this process's botocore calls directly (moto_direct.py); wrapped so the sandbox can react to
    requests: `on_dynamodb_write` listeners run after every DynamoDB write, and
    `before_first(service, fn)` runs fn once before the first request to that service (lazy setup);
    `changes` counts requests that may have changed moto's state (for periodic saving)."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        logging.getLogger("werkzeug").setLevel(logging.WARNING)  # moto's per-request access log is noise here
        self.host = host
        self.port = port
        self.changes = 0
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self._write_listeners: list[Callable[[], None]] = []
        self._before_first: dict[str, Callable[[], None]] = {}
        self._before_lock = threading.Lock()
        # moto's backends are not thread-safe (TransactWriteItems deep-copies tables that a concurrent write is
        # changing: "dictionary changed size during iteration"), so one request at a time. moto holds the GIL
        # while it works anyway; the lock only stops requests interleaving.
        self._moto_lock = threading.RLock()
        self._direct: DirectMoto | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def lock(self) -> threading.RLock:
        """Held while moto serves a request: hold it to read moto's backends consistently."""
        return self._moto_lock

    def on_dynamodb_write(self, listener: Callable[[], None]) -> None:
        self._write_listeners.append(listener)

    def before_first(self, service: str, setup: Callable[[], None]) -> None:
        self._before_first[service] = setup

    def _run_before_first(self, environ: dict[str, Any]) -> None:
        if SETUP_AGENT in environ.get("HTTP_USER_AGENT", ""):
            return  # the setup's own requests
        match = _SERVICE_IN_SCOPE.search(environ.get("HTTP_AUTHORIZATION", ""))
        if not match or match[1] not in self._before_first:
            return
        with self._before_lock:  # concurrent first requests wait until the one setup is done
            setup = self._before_first.get(match[1])
            if setup is not None:
                setup()
                del self._before_first[match[1]]

    def _wrap(self, app: Callable[..., Any]) -> Callable[..., Any]:
        def wrapped(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
            if self._before_first:
                self._run_before_first(environ)
            with self._moto_lock:
                response = app(environ, start_response)  # moto builds the whole response here
                if _changes_state(environ):
                    self.changes += 1
            if environ.get("HTTP_X_AMZ_TARGET") in DYNAMODB_WRITES:
                for listener in self._write_listeners:
                    listener()
            return response

        return wrapped

    def start(self) -> MotoServer:
        from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
        from werkzeug.serving import make_server

        from . import botocore_models, moto_composite_alarms, moto_pipeline, moto_transactions

        botocore_models.install()
        moto_transactions.install()  # relies on the one-request-at-a-time lock below
        moto_composite_alarms.install()
        moto_pipeline.install()  # GetPipelineState, TemplateURL on an IP: the pipeline dry run's AWS steps

        app = self._wrap(DomainDispatcherApplication(create_backend_app))
        # Bound here: a busy port raises OSError(EADDRINUSE) for the caller's one line, where werkzeug's own bind
        # would print its two lines and sys.exit(1). Port 0: the OS picks a free one.
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        with socket.create_server((self.host, self.port), family=family) as listening:
            self._server = make_server(self.host, self.port, app, threaded=True, fd=listening.fileno())
        self.port = self._server.port  # werkzeug: the bound port (server_port is set only when it binds)
        self._thread = threading.Thread(target=self._server.serve_forever, name="moto", daemon=True)
        self._thread.start()
        # botocore clients of this process (provisioning, stream poller, the runtime) skip the loopback HTTP
        self._direct = install_direct(self.url, app)
        return self

    def answer_directly_for(self, base_url: str, accepts_path: Callable[[str], bool]) -> None:
        """This process's botocore calls to `base_url` (paths `accepts_path` picks) are answered by moto too."""
        assert self._direct is not None, "start() first"
        self._direct.also_answer(base_url, accepts_path)

    def stop(self) -> None:
        if self._direct is not None:
            uninstall_direct(self._direct)
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join()
