"""The DynamoDB streams that feed the stream handler (push on comment, cascade delete), and where failures go.

Each table's stream gets one event source mapping. A failing batch is split (bisect) and retried; records
the handler still fails on, or that are older than a day, go to the on-failure queue, which the monitoring
alarms on. The handler reports failed records individually, so a retry repeats only what failed.
"""

from __future__ import annotations

from collections.abc import Sequence

import aws_cdk as cdk
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lambda_event_sources as sources
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from .settings import BackendSettings

BATCH_SIZE = 100
RETRY_ATTEMPTS = 5
# A record older than this is past helping (a push about an old comment); it goes to the failure queue.
MAX_RECORD_AGE = cdk.Duration.days(1)
# SQS's longest retention: time to look at a failure before it is gone.
FAILURE_RETENTION = cdk.Duration.days(14)


class Streams(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        settings: BackendSettings,
        handler: lambda_.IFunction,
        tables: Sequence[dynamodb.ITable],
    ) -> None:
        super().__init__(scope, construct_id)
        self.failures = sqs.Queue(
            self,
            "StreamFailures",
            retention_period=FAILURE_RETENTION,
            encryption=sqs.QueueEncryption.SQS_MANAGED,
            enforce_ssl=True,
            removal_policy=settings.removal_policy,
        )
        self.mappings = [self._mapping(table, handler) for table in tables]

    def _mapping(self, table: dynamodb.ITable, handler: lambda_.IFunction) -> lambda_.EventSourceMapping:
        if table.table_stream_arn is None:
            raise ValueError(f"table {table.node.path} has no stream to map to {handler.node.path}")
        mapping = lambda_.EventSourceMapping(
            self,
            f"{table.node.id}Mapping",
            target=handler,
            event_source_arn=table.table_stream_arn,
            starting_position=lambda_.StartingPosition.TRIM_HORIZON,
            batch_size=BATCH_SIZE,
            bisect_batch_on_error=True,
            retry_attempts=RETRY_ATTEMPTS,
            max_record_age=MAX_RECORD_AGE,
            report_batch_item_failures=True,
            on_failure=sources.SqsDlq(self.failures),  # also lets the handler send to the queue
        )
        table.grant_stream_read(handler)
        return mapping
