"""Tell the release team when an override decided something: the pipeline's notification topic (the same one
that announces approvals, failures and rollbacks, pipeline/notifications.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError


def publisher(session: Any, topic_arn: str | None, say: Callable[[str], None]) -> Callable[[str, str], None]:
    """publish(subject, message): best effort; a failure is one line in the step's log, the decision stands."""

    def publish(subject: str, message: str) -> None:
        if not topic_arn:
            say(f"note: no notification topic configured; not announced: {subject}")
            return
        try:
            session.client("sns", region_name=topic_arn.split(":")[3]).publish(
                TopicArn=topic_arn, Subject=subject[:100], Message=message
            )
        except (ClientError, BotoCoreError) as exc:
            say(f"warning: could not announce '{subject}' on {topic_arn}: {exc}")

    return publish
