"""MediaStorage alone: a private, TLS-only, versioned media bucket logging to its access-log bucket."""

from __future__ import annotations

import pytest
from aws_cdk.assertions import Template

from backend.infra.nag import logical_id
from backend.infra.storage import MediaStorage

from .support import bare_stack, of_type, resource, settings

ORIGINS = ("http://localhost:3000", "https://app.example.com")
BLOCK_ALL = {
    "BlockPublicAcls": True,
    "BlockPublicPolicy": True,
    "IgnorePublicAcls": True,
    "RestrictPublicBuckets": True,
}
SSE_S3 = {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}


def _build(**overrides) -> tuple[MediaStorage, Template]:
    stack = bare_stack()
    storage = MediaStorage(stack, "Storage", settings=settings(**overrides))
    return storage, Template.from_stack(stack)


@pytest.fixture(scope="module")
def removable() -> tuple[MediaStorage, Template]:
    return _build(protect_data=False, cors_origins=ORIGINS)


@pytest.fixture(scope="module")
def protected() -> tuple[MediaStorage, Template]:
    return _build(protect_data=True)


def test_media_bucket_is_private_versioned_logged_and_expires_leftovers(removable) -> None:
    storage, template = removable
    props = resource(template, storage.media)["Properties"]
    assert props["PublicAccessBlockConfiguration"] == BLOCK_ALL
    assert props["BucketEncryption"] == SSE_S3
    assert props["OwnershipControls"] == {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}  # no ACLs
    assert props["VersioningConfiguration"] == {"Status": "Enabled"}
    assert props["LoggingConfiguration"] == {
        "DestinationBucketName": {"Ref": logical_id(storage.access_logs)},
        "LogFilePrefix": "media/",
    }
    assert props["LifecycleConfiguration"] == {
        "Rules": [
            {
                "Id": "AbortIncompleteUploads",
                "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1},
                "Status": "Enabled",
            },
            {
                "Id": "ExpireReplacedVersions",
                "NoncurrentVersionExpiration": {"NoncurrentDays": 30},
                "Status": "Enabled",
            },
        ]
    }


def test_cors_allows_exactly_the_configured_origins_and_is_absent_without_them(removable, protected) -> None:
    storage, template = removable
    assert resource(template, storage.media)["Properties"]["CorsConfiguration"] == {
        "CorsRules": [
            {
                "AllowedOrigins": list(ORIGINS),
                "AllowedMethods": ["GET", "POST", "PUT"],
                "AllowedHeaders": ["*"],
                "ExposedHeaders": ["ETag"],
                "MaxAge": 3000,
            }
        ]
    }
    storage, template = protected
    assert "CorsConfiguration" not in resource(template, storage.media)["Properties"]


@pytest.mark.parametrize(("fixture", "days"), [("removable", 14), ("protected", 365)])
def test_access_log_bucket_accepts_log_delivery_and_keeps_logs_for_the_retention(
    request, fixture: str, days: int
) -> None:
    storage, template = request.getfixturevalue(fixture)
    logs = resource(template, storage.access_logs)["Properties"]
    assert logs["PublicAccessBlockConfiguration"] == BLOCK_ALL
    assert logs["BucketEncryption"] == SSE_S3
    assert logs["OwnershipControls"] == {"Rules": [{"ObjectOwnership": "BucketOwnerPreferred"}]}
    assert logs["LifecycleConfiguration"] == {"Rules": [{"ExpirationInDays": days, "Status": "Enabled"}]}
    assert "VersioningConfiguration" not in logs
    [policy] = [
        p
        for p in of_type(template, "AWS::S3::BucketPolicy").values()
        if p["Properties"]["Bucket"] == {"Ref": logical_id(storage.access_logs)}
    ]
    delivery = [
        s
        for s in policy["Properties"]["PolicyDocument"]["Statement"]
        if s["Effect"] == "Allow" and s["Principal"] == {"Service": "logging.s3.amazonaws.com"}
    ]
    assert delivery == [
        {
            "Action": "s3:PutObject",
            "Condition": {
                "ArnLike": {"aws:SourceArn": {"Fn::GetAtt": [logical_id(storage.media), "Arn"]}},
                "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}},
            },
            "Effect": "Allow",
            "Principal": {"Service": "logging.s3.amazonaws.com"},
            "Resource": {"Fn::Join": ["", [{"Fn::GetAtt": [logical_id(storage.access_logs), "Arn"]}, "/media/*"]]},
        }
    ]


@pytest.mark.parametrize("fixture", ["removable", "protected"])
def test_both_buckets_refuse_requests_without_tls(request, fixture: str) -> None:
    storage, template = request.getfixturevalue(fixture)
    for bucket in (storage.media, storage.access_logs):
        bucket_id = logical_id(bucket)
        [policy] = [
            p
            for p in of_type(template, "AWS::S3::BucketPolicy").values()
            if p["Properties"]["Bucket"] == {"Ref": bucket_id}
        ]
        assert policy["Properties"]["PolicyDocument"]["Statement"][0] == {
            "Action": "s3:*",
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
            "Effect": "Deny",
            "Principal": {"AWS": "*"},
            "Resource": [
                {"Fn::GetAtt": [bucket_id, "Arn"]},
                {"Fn::Join": ["", [{"Fn::GetAtt": [bucket_id, "Arn"]}, "/*"]]},
            ],
        }


def test_removable_buckets_are_deleted_and_emptied_with_the_stack(removable) -> None:
    storage, template = removable
    for bucket in (storage.media, storage.access_logs):
        synthesized = resource(template, bucket)
        assert (synthesized["DeletionPolicy"], synthesized["UpdateReplacePolicy"]) == ("Delete", "Delete")
    emptied = [r["Properties"]["BucketName"] for r in of_type(template, "Custom::S3AutoDeleteObjects").values()]
    assert sorted(emptied, key=str) == sorted(
        [{"Ref": logical_id(storage.media)}, {"Ref": logical_id(storage.access_logs)}], key=str
    )


def test_protected_buckets_are_retained_and_never_emptied(protected) -> None:
    storage, template = protected
    for bucket in (storage.media, storage.access_logs):
        synthesized = resource(template, bucket)
        assert (synthesized["DeletionPolicy"], synthesized["UpdateReplacePolicy"]) == ("Retain", "Retain")
    assert of_type(template, "Custom::S3AutoDeleteObjects") == {}
    assert "Tags" not in resource(template, storage.media)["Properties"]  # no aws-cdk:auto-delete-objects marker
