"""The canary's journey, as a real user makes it: sign in, subscribe, post, see the post arrive, read it, delete it.

Steps, in order (each bounded by its own timeout and all of them by the journey's budget):
signIn (Cognito USER_PASSWORD_AUTH) → connect (realtime connection_ack) → subscribe (onCreatePost start_ack) →
createPost → receivePost (onCreatePost event with the created id) → getPost → deletePost → close (stop,
complete, close frame). The first failing step ends the journey; a post created before that is still deleted
(best effort, outside the measured steps) so failed runs do not pile up posts.
"""

from __future__ import annotations

import ssl
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from botocore.config import Config

from . import documents
from .appsync_realtime import AppSyncRealtime, RealtimeError
from .graphql_http import GraphQLError, execute
from .websocket_errors import WebSocketError

SIGN_IN, CONNECT, SUBSCRIBE = "signIn", "connect", "subscribe"
CREATE_POST, RECEIVE_POST, GET_POST, DELETE_POST, CLOSE = "createPost", "receivePost", "getPost", "deletePost", "close"
STEPS = (SIGN_IN, CONNECT, SUBSCRIBE, CREATE_POST, RECEIVE_POST, GET_POST, DELETE_POST, CLOSE)

# Seconds. A healthy journey takes about a second; these bound a hung dependency, and the budget keeps the
# whole run (plus the cleanup and publishing the metric) well inside the function's 60 s.
STEP_TIMEOUTS_S = {
    SIGN_IN: 10.0,  # informational: the Cognito client's own timeouts bound it (journey_cognito_config)
    CONNECT: 8.0,
    SUBSCRIBE: 5.0,
    CREATE_POST: 8.0,
    RECEIVE_POST: 8.0,
    GET_POST: 8.0,
    DELETE_POST: 8.0,
    CLOSE: 3.0,
}
JOURNEY_BUDGET_S = 40.0
CLEANUP_TIMEOUT_S = 5.0
MAX_REASON_CHARS = 500


@dataclass(frozen=True)
class JourneyTarget:
    graphql_url: str
    user_pool_client_id: str
    ca_file: str | None = None  # a CA bundle (the sandbox's); None: the system's trust store


@dataclass(frozen=True)
class StepTiming:
    step: str
    duration_ms: int
    passed: bool


@dataclass(frozen=True)
class JourneyResult:
    succeeded: bool
    duration_ms: int  # from the start of signIn to the end of the last step run
    steps: tuple[StepTiming, ...]
    failed_step: str | None = None
    reason: str | None = None
    post_left_behind: str | None = None  # a created post the cleanup could not delete

    @classmethod
    def failed_before_start(cls, step: str, reason: str) -> JourneyResult:
        """A failure before the journey could start (e.g. the credentials could not be read)."""
        return cls(False, 0, (StepTiming(step, 0, False),), step, reason[:MAX_REASON_CHARS])

    def summary(self) -> dict[str, Any]:
        """JSON-ready: what the handler logs and returns."""
        summary: dict[str, Any] = {
            "succeeded": self.succeeded,
            "durationMs": self.duration_ms,
            "steps": {timing.step: timing.duration_ms for timing in self.steps},
        }
        if not self.succeeded:
            summary.update(failedStep=self.failed_step, reason=self.reason)
        if self.post_left_behind:
            summary["postLeftBehind"] = self.post_left_behind
        return summary


class StepFailed(Exception):
    """A step got an answer, but not the right one."""


StepListener = Callable[[StepTiming], None]


def journey_cognito_config() -> Config:
    """botocore settings for the sign-in client: two attempts of at most 2 s connect + 3 s read, inside the signIn
    step's 10 s (InitiateAuth answers in well under a second)."""
    return Config(connect_timeout=2, read_timeout=3, retries={"mode": "standard", "total_max_attempts": 2})


def run_journey(
    target: JourneyTarget,
    username: str,
    password: str,
    cognito: Any,
    *,
    on_step: StepListener | None = None,
    budget_s: float = JOURNEY_BUDGET_S,
) -> JourneyResult:
    """Run every step once; never raises for a failing step (the result names it and why)."""
    return _Journey(target, username, password, cognito).run(on_step, budget_s)


@dataclass
class _Journey:
    target: JourneyTarget
    username: str
    password: str = field(repr=False)
    cognito: Any
    id_token: str = field(default="", repr=False)
    realtime: AppSyncRealtime | None = None
    subscription: str = ""
    title: str = field(default_factory=lambda: f"canary {uuid.uuid4()}")
    post_id: str | None = None
    post_deleted: bool = False

    def run(self, on_step: StepListener | None, budget_s: float) -> JourneyResult:
        actions: dict[str, Callable[[float], None]] = {
            SIGN_IN: self.sign_in,
            CONNECT: self.connect,
            SUBSCRIBE: self.subscribe,
            CREATE_POST: self.create_post,
            RECEIVE_POST: self.receive_post,
            GET_POST: self.get_post,
            DELETE_POST: self.delete_post,
            CLOSE: self.close,
        }
        started = time.monotonic()
        deadline = started + budget_s
        timings: list[StepTiming] = []
        failed_step = reason = None
        try:
            for step in STEPS:
                step_started = time.monotonic()
                try:
                    limit = min(STEP_TIMEOUTS_S[step], deadline - step_started)
                    if limit <= 0:
                        raise StepFailed(f"the journey's {budget_s:.0f} s budget ran out before this step")
                    actions[step](limit)
                except Exception as error:  # noqa: BLE001 - any failure is the step's result, never the caller's exception
                    failed_step, reason = step, self._reason(error)
                timing = StepTiming(step, _ms(time.monotonic() - step_started), failed_step is None)
                timings.append(timing)
                if on_step:
                    on_step(timing)
                if failed_step:
                    break
            duration_ms = _ms(time.monotonic() - started)
        finally:
            left_behind = self._clean_up()
        return JourneyResult(failed_step is None, duration_ms, tuple(timings), failed_step, reason, left_behind)

    # --- the steps: each gets the seconds it may take ---------------------------------------------------
    def sign_in(self, _timeout: float) -> None:
        answer = self.cognito.initiate_auth(
            ClientId=self.target.user_pool_client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": self.username, "PASSWORD": self.password},
        )
        if answer.get("ChallengeName"):
            raise StepFailed(f"Cognito asked for the {answer['ChallengeName']} challenge instead of signing in")
        self.id_token = answer["AuthenticationResult"]["IdToken"]

    def connect(self, timeout: float) -> None:
        self.realtime = AppSyncRealtime.connect(
            self.target.graphql_url, self.id_token, timeout=timeout, ssl_context=self._tls
        )

    def subscribe(self, timeout: float) -> None:
        assert self.realtime is not None
        self.subscription = self.realtime.subscribe(documents.ON_CREATE_POST, timeout=timeout)

    def create_post(self, timeout: float) -> None:
        content = "A synthetic check by the canary; it deletes this post within seconds."
        post = self._graphql(documents.CREATE_POST, {"input": {"title": self.title, "content": content}}, timeout)
        created = post.get("createPost") or {}
        if not created.get("id"):
            raise StepFailed("createPost returned no id")
        self.post_id = created["id"]
        self._expect_title(created, "createPost")

    def receive_post(self, timeout: float) -> None:
        assert self.realtime is not None
        event = self.realtime.wait_for_data(
            self.subscription, lambda data: (data.get("onCreatePost") or {}).get("id") == self.post_id, timeout=timeout
        )
        self._expect_title(event["onCreatePost"], "the onCreatePost event")

    def get_post(self, timeout: float) -> None:
        post = self._graphql(documents.GET_POST, {"id": self.post_id}, timeout).get("getPost")
        if not post or post.get("id") != self.post_id:
            raise StepFailed(f"getPost returned {post!r} for {self.post_id}")
        self._expect_title(post, "getPost")

    def delete_post(self, timeout: float) -> None:
        deleted = self._graphql(documents.DELETE_POST, {"id": self.post_id}, timeout).get("deletePost")
        if not deleted or deleted.get("id") != self.post_id:
            raise StepFailed(f"deletePost returned {deleted!r} for {self.post_id}")
        self.post_deleted = True

    def close(self, timeout: float) -> None:
        assert self.realtime is not None
        started = time.monotonic()
        self.realtime.unsubscribe(self.subscription, timeout=timeout)
        realtime, self.realtime = self.realtime, None
        realtime.close(timeout=max(0.1, timeout - (time.monotonic() - started)))

    # --- helpers -----------------------------------------------------------------------------------------
    def _graphql(self, query: str, variables: dict[str, Any], timeout: float) -> dict[str, Any]:
        return execute(self.target.graphql_url, self.id_token, query, variables, timeout=timeout, ssl_context=self._tls)

    @cached_property
    def _tls(self) -> ssl.SSLContext:
        # One context for the run: loading the trust store costs more than the handshakes it verifies.
        return ssl.create_default_context(cafile=self.target.ca_file)

    def _expect_title(self, post: dict[str, Any], where: str) -> None:
        if post.get("title") != self.title:
            raise StepFailed(f"{where} has title {post.get('title')!r}, expected {self.title!r}")

    def _reason(self, error: Exception) -> str:
        text = describe_error(error)
        if self.password:  # whatever a library put in its message, the password never leaves here
            text = text.replace(self.password, "***")
        return (text or type(error).__name__)[:MAX_REASON_CHARS]

    def _clean_up(self) -> str | None:
        """Close a connection a failed step left open; delete a post the journey could not delete itself."""
        if self.realtime is not None:
            self.realtime.close(timeout=1.0)
            self.realtime = None
        if self.post_id is None or self.post_deleted:
            return None
        try:
            self._graphql(documents.DELETE_POST, {"id": self.post_id}, CLEANUP_TIMEOUT_S)
        except Exception:  # noqa: BLE001 - cleanup is best effort: the post left behind is reported
            return self.post_id
        return None


def _ms(seconds: float) -> int:
    return max(0, round(seconds * 1000))


def describe_error(error: Exception) -> str:
    """One line: our own errors say what happened already; an AWS error as `Code: message`; else its type."""
    if isinstance(error, StepFailed | GraphQLError | RealtimeError | WebSocketError):
        return str(error)
    aws_error = getattr(error, "response", None)
    if isinstance(aws_error, dict) and isinstance(aws_error.get("Error"), dict):
        return f"{aws_error['Error'].get('Code')}: {aws_error['Error'].get('Message')}"
    return f"{type(error).__name__}: {error}"
