"""Lambda entry point for the posts and comments table streams: ``runtime.stream_handler.handler``.

- comments INSERT → push to the post author's devices;
- posts REMOVE → delete the post's comments and likes.
Records are processed with Powertools batch processing; failed records are reported individually
(``ReportBatchItemFailures``) so only they are retried.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.batch.types import PartialItemFailureResponse
from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from .logic import cascade, push
from .observability import context_or_local, logger, metrics
from .settings import get_settings

processor = BatchProcessor(event_type=EventType.DynamoDBStreams)


def table_name_of(arn: str | None) -> str:
    """``arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>`` → ``<name>``."""
    parts = (arn or "").split(":", 5)
    resource = parts[5] if len(parts) == 6 else ""
    segments = resource.split("/")
    return segments[1] if len(segments) > 1 and segments[0] == "table" else ""


def handle_record(record: DynamoDBRecord) -> None:
    settings = get_settings()
    table = table_name_of(record.event_source_arn)
    event_name = record.raw_event.get("eventName")
    change = record.dynamodb
    if change is None:  # every DynamoDB stream record has one; nothing to act on otherwise
        return
    if table == settings.comments_table and event_name == "INSERT":
        push.notify_post_author(change.new_image)
    elif table == settings.posts_table and event_name == "REMOVE":
        cascade.delete_post_children(change.keys["id"])


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
def _handle(event: dict[str, Any], context: LambdaContext) -> PartialItemFailureResponse:
    return process_partial_response(event=event, record_handler=handle_record, processor=processor, context=context)


def handler(event: dict[str, Any], context: LambdaContext | None = None) -> PartialItemFailureResponse:
    return _handle(event, context_or_local(context))
