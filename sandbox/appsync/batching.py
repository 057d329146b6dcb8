"""AppSync's batched direct-Lambda resolvers: one batch event per field and execution level, sent when the request
is otherwise idle, and the per-request context that knows when it is."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from ..auth.authz import Caller
from .errors import lambda_unhandled

# (event or list of events) -> result; normally HandlerSet.call bound to "graphql"
InvokeLambda = Callable[[Any], Awaitable[Any]]


@dataclass
class RequestContext:
    caller: Caller
    headers: dict[str, str]
    variables: dict[str, Any]
    batchers: dict[tuple[str, str], Batcher] = field(default_factory=dict)
    in_flight: int = 0  # Lambda invocations of this request not yet answered
    resolver_calls: int = 0  # fields with a resolver started so far (AppSync's ResolverCountLimit)

    async def invoke(self, invoke: InvokeLambda, event: Any) -> Any:
        """Count the invocation in flight: a batch is only sent when nothing else could still add to it."""
        self.in_flight += 1
        try:
            return await invoke(event)
        finally:
            self.in_flight -= 1
            if self.in_flight == 0:
                for batcher in self.batchers.values():
                    batcher.wake()


class Batcher:
    """Collects the calls of one batched field and sends them as ONE batch event per execution level.

    graphql-core starts sibling resolvers before any completes, but a level's parents may arrive at different
    times (their own Lambda calls finish one by one). So the batch is sent once the request has no other
    Lambda call in flight and several event-loop passes added no item: a completed parent reaches its
    children's resolvers through a few nested gathers (one loop pass each), so one quiet pass is not enough.
    """

    QUIET_PASSES = 10

    def __init__(self, ctx: RequestContext, invoke: InvokeLambda, max_batch_size: int | None) -> None:
        self._ctx = ctx
        self._invoke = invoke
        self._max = max_batch_size
        self._pending: list[tuple[dict[str, Any], asyncio.Future]] = []
        self._seen = -1
        self._quiet = 0
        self._scheduled = False
        # The loop keeps only a weak reference to a task: a batch in flight stays here until it is done, or it
        # could be garbage-collected mid-send (https://docs.python.org/3/library/asyncio-task.html#asyncio.create_task).
        self._sending: set[asyncio.Task[None]] = set()

    def load(self, event: dict[str, Any]) -> asyncio.Future:
        future = asyncio.get_running_loop().create_future()
        self._pending.append((event, future))
        self.wake()
        return future

    def wake(self) -> None:
        if self._pending and not self._scheduled:
            self._scheduled = True
            self._seen = -1
            asyncio.get_running_loop().call_soon(self._tick)

    def _tick(self) -> None:
        if self._ctx.in_flight > 0:
            self._scheduled = False  # RequestContext.invoke wakes us when the request goes idle
            return
        if len(self._pending) != self._seen:
            self._seen, self._quiet = len(self._pending), 0
        else:
            self._quiet += 1
        if self._quiet < self.QUIET_PASSES:
            asyncio.get_running_loop().call_soon(self._tick)
            return
        pending, self._pending, self._scheduled = self._pending, [], False
        size = self._max or len(pending)
        for start in range(0, len(pending), size):
            task = asyncio.get_running_loop().create_task(self._send(pending[start : start + size]))
            self._sending.add(task)
            task.add_done_callback(self._sending.discard)

    async def _send(self, chunk: list[tuple[dict[str, Any], asyncio.Future]]) -> None:
        try:
            results = await self._ctx.invoke(self._invoke, [event for event, _ in chunk])
            if not isinstance(results, list) or len(results) != len(chunk):
                raise RuntimeError("Batch resolver returned a result of the wrong size")
        except Exception as exc:  # noqa: BLE001 - surfaces as Lambda:Unhandled on each item
            for _, future in chunk:
                if not future.done():
                    future.set_exception(lambda_unhandled(exc))
            return
        for (_, future), result in zip(chunk, results, strict=True):  # sizes checked above
            if not future.done():
                future.set_result(result)
