"""Firehose stream that clients put analytics events to (identity-pool credentials) → analytics bucket."""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kinesisfirehose as firehose
from aws_cdk import aws_s3 as s3
from constructs import Construct

from .settings import BackendSettings
from .storage import private_bucket


class Analytics(Construct):
    def __init__(
        self, scope: Construct, construct_id: str, *, settings: BackendSettings, access_logs: s3.IBucket
    ) -> None:
        super().__init__(scope, construct_id)
        self.bucket = private_bucket(
            self,
            "Events",
            settings=settings,
            versioned=settings.protect_data,
            server_access_logs_bucket=access_logs,
            server_access_logs_prefix="analytics/",
            lifecycle_rules=[
                s3.LifecycleRule(
                    id="ColdAfter90Days",
                    transitions=[
                        s3.Transition(
                            storage_class=s3.StorageClass.INFREQUENT_ACCESS, transition_after=cdk.Duration.days(90)
                        )
                    ],
                )
            ],
        )
        self.stream = firehose.DeliveryStream(
            self,
            "Stream",
            destination=firehose.S3Bucket(
                self.bucket,
                data_output_prefix="events/!{timestamp:yyyy/MM/dd}/",
                error_output_prefix="errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/",
                buffering_interval=cdk.Duration.seconds(300),
                compression=firehose.Compression.GZIP,
            ),
            encryption=firehose.StreamEncryption.aws_owned_key(),
        )

    def grant_put(self, grantee: iam.IGrantable) -> None:
        self.stream.grant_put_records(grantee)
