"""DynamoDB efficiency: requests each GraphQL operation sends, counted against in-process moto.

Every operation calls the real handler the way AppSync's Lambda data source would (one direct invocation per
root field, one batch invocation per batch-resolved field of a list). The baseline is what a naive
one-request-per-item implementation would send for the same data, computed from the data each run returned.
A Scan anywhere fails the bench: every access path of the contract is a key lookup or a Query.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from unittest import mock

import boto3
from moto import mock_aws

from backend.runtime import aws
from backend.runtime.graphql_handler import handler
from tests.unit.runtime import offline_runtime, tables
from tests.unit.runtime.events import batch_event, cognito_identity, field_event

from .measure import Row, median

REGION = "us-east-1"
RUNS = 3
FEED_PAGE = 20
WRITERS = 5
COMMENTS = 10
COMMENTERS = 4
# The selection of a post page, as AppSync hands it to the getPost resolver (selectionSetGraphQL/-List).
POST_PAGE = f"""{{
  id title content authorId commentCount
  author {{ id username displayName }}
  comments(limit: {FEED_PAGE}) {{ items {{ id content createdAt authorId author {{ id username }} }} nextToken }}
}}"""


class RequestLog:
    """DynamoDB requests as sent over the wire (``before-send``: once per HTTP attempt, retries included)."""

    def __init__(self) -> None:
        self.operations: Counter[str] = Counter()
        self.items_touched = 0  # a naive implementation's count: one request per item read or written

    def record(self, event_name: str, request: Any, **_: Any) -> None:
        operation = event_name.rsplit(".", 1)[-1]
        self.operations[operation] += 1
        body = json.loads(request.body or b"{}")
        if operation == "TransactWriteItems":
            self.items_touched += len(body["TransactItems"])
        elif operation in {"BatchWriteItem", "BatchGetItem"}:
            self.items_touched += sum(
                len(entry["Keys"]) if operation == "BatchGetItem" else len(entry)
                for entry in body["RequestItems"].values()
            )
        else:
            self.items_touched += 1

    def clear(self) -> None:
        self.operations.clear()
        self.items_touched = 0


@dataclass
class Measured:
    """One run of one operation: what we sent, what the naive implementation would send, and why."""

    log: Counter[str]
    baseline: int
    explanation: str


@dataclass
class Operation:
    name: str
    run: Callable[[], Measured]
    results: list[Measured] = field(default_factory=list)


class Caller:
    """One signed-in user calling the real handler with AppSync-shaped events."""

    def __init__(self, sub: str) -> None:
        self.identity = cognito_identity(sub)

    def field(
        self,
        parent: str,
        name: str,
        arguments: dict[str, Any] | None = None,
        source: dict[str, Any] | None = None,
        selection: str = "",
    ) -> Any:
        event = field_event(parent, name, arguments, identity=self.identity, source=source, selection=selection)
        return _checked(handler(event, None))

    def batch(self, parent: str, name: str, sources: list[dict[str, Any]]) -> list[Any]:
        results = handler(batch_event(parent, name, sources, identity=self.identity), None)
        if len(results) != len(sources):
            raise RuntimeError(f"{parent}.{name} batch answered {len(results)} of {len(sources)} items")
        return [_checked(result) for result in results]


def _checked(result: Any) -> Any:
    if isinstance(result, dict) and "error" in result:
        raise RuntimeError(f"the handler answered an error envelope: {result['error']}")
    return result


class Scenario:
    """Seeded data plus the five operations; each operation resets the request log right before it starts."""

    def __init__(self, log: RequestLog) -> None:
        self.log = log
        self.writers = [Caller(f"writer-{i}") for i in range(WRITERS)]
        self.reader = Caller("reader")
        # More posts than one page, so the feed query has to stop at the page size (and hand out a nextToken).
        for i in range(FEED_PAGE + WRITERS):
            self.writers[i % WRITERS].field("Mutation", "createPost", {"input": {"title": f"post {i}", "content": "x"}})
        self.discussed = self.writers[0].field(
            "Mutation", "createPost", {"input": {"title": "discussed", "content": "x"}}
        )
        for i in range(COMMENTS):
            self.writers[i % COMMENTERS].field(
                "Mutation", "createComment", {"input": {"postId": self.discussed["id"], "content": f"comment {i}"}}
            )
        # Writes go to their own post, so the read operations see the same data on every run.
        self.target = self.writers[0].field("Mutation", "createPost", {"input": {"title": "target", "content": "x"}})
        self.created = 0

    def list_posts(self) -> Measured:
        self.log.clear()
        page = self.reader.field("Query", "listPosts", {"limit": FEED_PAGE})
        authors = self.reader.batch("Post", "author", page["items"])
        if len(page["items"]) != FEED_PAGE or not page["nextToken"]:
            raise RuntimeError(f"listPosts returned {len(page['items'])} posts, expected a full page of {FEED_PAGE}")
        if [a["id"] for a in authors] != [p["authorId"] for p in page["items"]]:
            raise RuntimeError("Post.author answered the wrong authors")
        posts = len(page["items"])
        distinct = len({p["authorId"] for p in page["items"]})
        return Measured(
            self.log.operations.copy(),
            1 + posts,
            f"naive: 1 Query + 1 GetItem per post's author = 1+{posts}; ours batches the {distinct} distinct authors",
        )

    def get_post_with_comments(self) -> Measured:
        self.log.clear()
        post = self.reader.field("Query", "getPost", {"id": self.discussed["id"]}, selection=POST_PAGE)
        (author,) = self.reader.batch("Post", "author", [post])
        comments = self.reader.field("Post", "comments", {"limit": FEED_PAGE}, source=post)["items"]
        comment_authors = self.reader.batch("Comment", "author", comments)
        if author["id"] != post["authorId"] or len(comments) != COMMENTS:
            raise RuntimeError(f"getPost answered author {author['id']} and {len(comments)} comments")
        if [a["id"] for a in comment_authors] != [c["authorId"] for c in comments]:
            raise RuntimeError("Comment.author answered the wrong authors")
        distinct = len({c["authorId"] for c in comments})
        return Measured(
            self.log.operations.copy(),
            3 + len(comments),
            f"naive: GetItem post + GetItem author + Query comments + 1 GetItem per comment's author = "
            f"3+{len(comments)}; ours: getPost reads ahead (its selection) the comments page and, in one "
            f"BatchGetItem, the post's author and the {distinct} distinct comment authors; the nested fields "
            "answer from the post",
        )

    def _mutation(self, name: str, arguments: dict[str, Any], caller: Caller) -> tuple[dict[str, Any], RequestLog]:
        self.log.clear()
        return caller.field("Mutation", name, arguments), self.log

    def create_post(self) -> Measured:
        self.created += 1
        post, log = self._mutation(
            "createPost", {"input": {"title": f"new {self.created}", "content": "x"}}, self.writers[1]
        )
        if post["authorId"] != "writer-1" or post["version"] != 1:
            raise RuntimeError(f"createPost answered {post}")
        return Measured(
            log.operations.copy(),
            log.items_touched,
            f"naive: one write per item touched (post + author's postCount) = {log.items_touched}, and not atomic",
        )

    def create_comment(self) -> Measured:
        before = self.reader.field("Query", "getPost", {"id": self.target["id"]})["commentCount"]
        comment, log = self._mutation(
            "createComment", {"input": {"postId": self.target["id"], "content": "hi"}}, self.reader
        )
        touched, sent = log.items_touched, log.operations.copy()
        after = self.reader.field("Query", "getPost", {"id": self.target["id"]})["commentCount"]
        if comment["postId"] != self.target["id"] or after != before + 1:
            raise RuntimeError(f"createComment: commentCount went {before} -> {after}")
        return Measured(
            sent,
            touched,
            f"naive: one write per item touched (comment + post's commentCount + profile) = {touched}; "
            "the push goes out from the stream handler, not this request",
        )

    def like_post(self) -> Measured:
        # A new liker each run, so every run really records a like (a repeated like is a no-op by contract).
        self.created += 1
        liker = Caller(f"liker-{self.created}")
        before = self.reader.field("Query", "getPost", {"id": self.target["id"]})["likeCount"]
        post, log = self._mutation("likePost", {"id": self.target["id"]}, liker)
        touched, sent = log.items_touched, log.operations.copy()
        if post["likeCount"] != before + 1:
            raise RuntimeError(f"likePost: likeCount went {before} -> {post['likeCount']}")
        return Measured(
            sent, touched, f"naive: PutItem like + UpdateItem likeCount + GetItem post to return it = {touched}"
        )


def _format(operations: Counter[str]) -> str:
    return " + ".join(f"{name} {count}" for name, count in sorted(operations.items()))


@contextmanager
def _offline_backend() -> Iterator[RequestLog]:
    """moto with the contract's tables; the runtime's env and client caches restored afterwards."""
    endpoints = offline_runtime.redirects(os.environ)
    values = offline_runtime.environment(
        REGION,
        PUSH_APP_ID="",
        APP_VERSION="bench",
        POWERTOOLS_SERVICE_NAME="bench",
        POWERTOOLS_LOG_LEVEL="WARNING",
        POWERTOOLS_METRICS_DISABLED="true",  # EMF lines would go to stdout, into the table
    )
    with mock.patch.dict(os.environ, values):
        for name in endpoints:
            del os.environ[name]
        with mock_aws():
            os.environ["PAGINATION_SECRET_ARN"] = tables.create_all(boto3.session.Session(region_name=REGION))
            offline_runtime.reset()
            try:
                log = RequestLog()
                aws.dynamodb().meta.events.register("before-send.dynamodb", log.record)
                yield log
            finally:
                offline_runtime.reset()


def run(runs: int = RUNS) -> list[Row]:
    with _offline_backend() as log:
        scenario = Scenario(log)
        operations = [
            Operation(f"listPosts({FEED_PAGE}) + author", scenario.list_posts),
            Operation(f"getPost + author + comments({COMMENTS}) + author", scenario.get_post_with_comments),
            Operation("createPost", scenario.create_post),
            Operation("createComment", scenario.create_comment),
            Operation("likePost", scenario.like_post),
        ]
        for _ in range(runs):
            for operation in operations:
                operation.results.append(operation.run())
    rows = []
    for operation in operations:
        scans = sum(result.log["Scan"] for result in operation.results)
        if scans:
            raise RuntimeError(f"{operation.name} issued {scans} Scan requests; every access must be keyed")
        last = operation.results[-1]
        rows.append(
            Row(
                f"dynamodb req/op: {operation.name}",
                median([sum(result.log.values()) for result in operation.results]),
                median([result.baseline for result in operation.results]),
                "req",
                runs,
                note=f"ours: {_format(last.log)}; Scan 0. {last.explanation}",
                extra={
                    "requests": dict(last.log),
                    "scans": 0,
                    "requests_per_run": [sum(result.log.values()) for result in operation.results],
                },
            )
        )
    return rows
