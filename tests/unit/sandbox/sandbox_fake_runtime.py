"""A tiny stand-in for backend.runtime: records every event and answers from canned data."""

from __future__ import annotations

import threading
from typing import Any

NOW = "2026-11-25T12:00:00.000Z"


def user(user_id: str) -> dict[str, Any]:
    return {"id": user_id, "username": f"user-{user_id}", "postCount": 1, "createdAt": NOW, "updatedAt": NOW}


def post(post_id: str, author_id: str = "u1", **extra: Any) -> dict[str, Any]:
    return {
        "id": post_id,
        "authorId": author_id,
        "title": f"title {post_id}",
        "content": "content",
        "status": "PUBLISHED",
        "likeCount": 0,
        "commentCount": 0,
        "version": 1,
        "createdAt": NOW,
        "updatedAt": NOW,
        **extra,
    }


class FakeRuntime:
    def __init__(self) -> None:
        self.graphql_events: list[Any] = []
        self.stream_events: list[dict[str, Any]] = []
        self.trigger_events: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    def reset(self) -> None:
        with self._lock:
            self.graphql_events.clear()

    def calls_for(self, type_name: str, field_name: str) -> list[Any]:
        """Handler invocations (event or batch list) for one field."""
        out = []
        for event in list(self.graphql_events):
            first = event[0] if isinstance(event, list) else event
            if first["info"]["parentTypeName"] == type_name and first["info"]["fieldName"] == field_name:
                out.append(event)
        return out

    # --- handlers -------------------------------------------------------------------------------
    def graphql(self, event: Any, _context: Any) -> Any:
        with self._lock:
            self.graphql_events.append(event)
        if isinstance(event, list):
            return [self._batch_item(e) for e in event]
        field = (event["info"]["parentTypeName"], event["info"]["fieldName"])
        args = event["arguments"]
        sub = event["identity"].get("sub") or event["identity"].get("username")
        if field == ("Query", "me"):
            return user(sub)
        if field == ("Query", "health"):
            return {"status": "ok", "version": "test", "time": NOW}
        if field == ("Query", "appConfig"):
            return {
                "supported": args["version"] != "0.0.1",
                "minimumVersion": "1.0.0",
                "switches": [{"name": "new_feed", "enabled": False}],
            }
        if field == ("Query", "getPost"):
            return self._get_post(args["id"])
        if field == ("Query", "listPosts"):
            return {"items": [post("p1", "u1"), post("p2", "u2"), post("p3", "u1")], "nextToken": None}
        if field == ("Post", "comments"):
            pid = event["source"]["id"]
            return {
                "items": [{"id": f"{pid}-c1", "postId": pid, "authorId": "u3", "content": "hi", "createdAt": NOW}],
                "nextToken": None,
            }
        if field == ("Mutation", "createPost"):
            return post("new", sub, title=args["input"]["title"])
        if field == ("Mutation", "createComment"):
            return {
                "id": "c-new",
                "postId": args["input"]["postId"],
                "authorId": sub,
                "content": args["input"]["content"],
                "createdAt": NOW,
            }
        if field == ("Mutation", "createUploadUrl"):
            return {"url": "https://example.com/upload", "fields": {"key": "k"}, "key": "k", "expiresAt": NOW}
        return {"error": {"type": "ValidationError", "message": f"fake runtime has no {field}"}}

    @staticmethod
    def _get_post(post_id: str) -> Any:
        """A post, or the ids the tests use for a NotFound answer, a thrown error and a malformed field."""
        if post_id == "missing":
            return {"error": {"type": "NotFound", "message": "Post missing not found"}}
        if post_id == "boom":
            raise RuntimeError("InternalError")
        if post_id == "bad-url":
            return post("bad-url", imageUrl="not a url")
        return post(post_id)

    def _batch_item(self, event: dict[str, Any]) -> Any:
        if event["info"]["fieldName"] == "likedByMe":
            return event["source"]["id"] == "p1"
        author_id = event["source"]["authorId"]
        if author_id == "ghost":
            return {"error": {"type": "NotFound", "message": "User ghost not found"}}
        return user(author_id)

    def stream(self, event: dict[str, Any], _context: Any) -> Any:
        with self._lock:
            self.stream_events.append(event)
        return {"batchItemFailures": []}

    def cognito_trigger(self, event: dict[str, Any], _context: Any) -> Any:
        with self._lock:
            self.trigger_events.append(event)
        return event

    def handlers(self) -> dict[str, Any]:
        return {"graphql": self.graphql, "stream": self.stream, "cognito_trigger": self.cognito_trigger}
