"""Private media bucket (per-user prefixes, presigned access only) and its access-log bucket."""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_s3 as s3
from constructs import Construct

from .settings import BackendSettings


def private_bucket(scope: Construct, construct_id: str, *, settings: BackendSettings, **kwargs: object) -> s3.Bucket:
    """A bucket with public access blocked, TLS enforced, S3-managed encryption, removable unless protected."""
    kwargs.setdefault("object_ownership", s3.ObjectOwnership.BUCKET_OWNER_ENFORCED)
    return s3.Bucket(
        scope,
        construct_id,
        block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
        encryption=s3.BucketEncryption.S3_MANAGED,
        enforce_ssl=True,
        removal_policy=settings.removal_policy,
        auto_delete_objects=not settings.protect_data,
        **kwargs,  # type: ignore[arg-type]
    )


class MediaStorage(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, settings: BackendSettings) -> None:
        super().__init__(scope, construct_id)
        self.access_logs = private_bucket(
            self,
            "AccessLogs",
            settings=settings,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,  # log delivery writes objects
            lifecycle_rules=[s3.LifecycleRule(expiration=cdk.Duration.days(settings.log_retention_days))],
        )
        self.media = private_bucket(
            self,
            "Media",
            settings=settings,
            versioned=True,
            server_access_logs_bucket=self.access_logs,
            server_access_logs_prefix="media/",
            cors=[
                s3.CorsRule(
                    allowed_methods=[s3.HttpMethods.GET, s3.HttpMethods.POST, s3.HttpMethods.PUT],
                    allowed_origins=list(settings.cors_origins),
                    allowed_headers=["*"],
                    exposed_headers=["ETag"],
                    max_age=3000,
                )
            ]
            if settings.cors_origins
            else None,
            lifecycle_rules=[
                s3.LifecycleRule(
                    id="AbortIncompleteUploads", abort_incomplete_multipart_upload_after=cdk.Duration.days(1)
                ),
                s3.LifecycleRule(id="ExpireReplacedVersions", noncurrent_version_expiration=cdk.Duration.days(30)),
            ],
        )
