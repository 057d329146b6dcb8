"""Analytics alone: a Firehose stream (AWS-owned key) into a private events bucket; who may put records."""

from __future__ import annotations

import pytest
from aws_cdk import aws_s3 as s3
from aws_cdk.assertions import Template

from backend.infra.analytics import Analytics
from backend.infra.nag import logical_id

from .support import bare_stack, inline_function, of_type, policy_statements, resource, settings


def _build(protect: bool) -> tuple[Analytics, Template, dict[str, str]]:
    stack = bare_stack()
    access_logs = s3.Bucket(stack, "AccessLogs")
    analytics = Analytics(stack, "Analytics", settings=settings(protect_data=protect), access_logs=access_logs)
    client = inline_function(stack, "Client")
    analytics.grant_put(client)
    return (
        analytics,
        Template.from_stack(stack),
        {"access_logs": logical_id(access_logs), "client_role": logical_id(client.role)},
    )


@pytest.fixture(scope="module")
def built() -> dict[bool, tuple[Analytics, Template, dict[str, str]]]:
    return {protect: _build(protect) for protect in (False, True)}


def test_stream_delivers_gzipped_batches_by_date_into_the_events_bucket(built) -> None:
    analytics, template, _ = built[False]
    props = resource(template, analytics.stream)["Properties"]
    assert props["DeliveryStreamType"] == "DirectPut"  # clients put records themselves
    assert props["DeliveryStreamEncryptionConfigurationInput"] == {"KeyType": "AWS_OWNED_CMK"}
    destination = props["ExtendedS3DestinationConfiguration"]
    assert destination["BucketARN"] == {"Fn::GetAtt": [logical_id(analytics.bucket), "Arn"]}
    assert destination["Prefix"] == "events/!{timestamp:yyyy/MM/dd}/"
    assert destination["ErrorOutputPrefix"] == "errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/"
    assert destination["BufferingHints"]["IntervalInSeconds"] == 300
    assert destination["CompressionFormat"] == "GZIP"
    assert destination["CloudWatchLoggingOptions"]["Enabled"] is True


@pytest.mark.parametrize("protect", [False, True], ids=["removable", "protected"])
def test_events_bucket_is_private_logged_and_goes_cold_after_90_days(built, protect: bool) -> None:
    analytics, template, ids = built[protect]
    props = resource(template, analytics.bucket)["Properties"]
    assert props["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True,
        "BlockPublicPolicy": True,
        "IgnorePublicAcls": True,
        "RestrictPublicBuckets": True,
    }
    assert props["BucketEncryption"] == {
        "ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]
    }
    assert props["LoggingConfiguration"] == {
        "DestinationBucketName": {"Ref": ids["access_logs"]},
        "LogFilePrefix": "analytics/",
    }
    assert props["LifecycleConfiguration"] == {
        "Rules": [
            {
                "Id": "ColdAfter90Days",
                "Status": "Enabled",
                "Transitions": [{"StorageClass": "STANDARD_IA", "TransitionInDays": 90}],
            }
        ]
    }
    [policy] = [
        p
        for p in of_type(template, "AWS::S3::BucketPolicy").values()
        if p["Properties"]["Bucket"] == {"Ref": logical_id(analytics.bucket)}
    ]
    assert policy["Properties"]["PolicyDocument"]["Statement"][0]["Condition"] == {
        "Bool": {"aws:SecureTransport": "false"}
    }
    assert policy["Properties"]["PolicyDocument"]["Statement"][0]["Effect"] == "Deny"


@pytest.mark.parametrize(
    ("protect", "policy", "versioning", "emptied"),
    [(False, "Delete", None, True), (True, "Retain", {"Status": "Enabled"}, False)],
    ids=["removable", "protected"],
)
def test_protect_data_versions_and_retains_the_events(
    built, protect: bool, policy: str, versioning, emptied: bool
) -> None:
    analytics, template, _ = built[protect]
    bucket = resource(template, analytics.bucket)
    assert (bucket["DeletionPolicy"], bucket["UpdateReplacePolicy"]) == (policy, policy)
    assert bucket["Properties"].get("VersioningConfiguration") == versioning
    auto_delete = [r["Properties"]["BucketName"] for r in of_type(template, "Custom::S3AutoDeleteObjects").values()]
    assert auto_delete == ([{"Ref": logical_id(analytics.bucket)}] if emptied else [])


def test_grant_put_allows_putting_records_to_this_stream_only(built) -> None:
    analytics, template, ids = built[False]
    assert policy_statements(template, ids["client_role"]) == [
        {
            "Action": ["firehose:PutRecord", "firehose:PutRecordBatch"],
            "Effect": "Allow",
            "Resource": {"Fn::GetAtt": [logical_id(analytics.stream), "Arn"]},
        }
    ]
