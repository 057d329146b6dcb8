"""Physical names: one bad and one good value per name property (botocore shapes or documented rules)."""

from __future__ import annotations

import pytest

from .helpers import failures, resource

# (resource type, property path below Properties, other required properties, good value, bad value, expected text)
CASES = [
    ("AWS::S3::Bucket", "BucketName", {}, "media-bucket.v2", "Media_Bucket", "does not match"),
    ("AWS::S3::Bucket", "BucketName", {}, "abc", "ab", "< min 3"),
    ("AWS::S3::Bucket", "BucketName", {}, "a" * 63, "a" * 64, "> max 63"),
    ("AWS::S3::Bucket", "BucketName", {}, "my.bucket", "my..bucket", "contains two adjacent periods"),
    ("AWS::S3::Bucket", "BucketName", {}, "192.168.5.a", "192.168.5.4", "is formatted as an IP address"),
    ("AWS::S3::Bucket", "BucketName", {}, "xn-bucket", "xn--bucket", "starts with xn--"),
    ("AWS::S3::Bucket", "BucketName", {}, "media-s3", "media-s3alias", "ends with -s3alias"),
    ("AWS::DynamoDB::Table", "TableName", {}, "users", "us", "< min 3"),
    ("AWS::DynamoDB::Table", "TableName", {}, "users.v1", "users/v1", "does not match"),
    ("AWS::DynamoDB::Table", "GlobalSecondaryIndexes", {}, [{"IndexName": "byFeed"}], [{"IndexName": "by"}], "< min 3"),
    (
        "AWS::DynamoDB::Table",
        "LocalSecondaryIndexes",
        {},
        [{"IndexName": "byDate"}],
        [{"IndexName": "by date"}],
        "does not match",
    ),
    (
        "AWS::AppSync::DataSource",
        "Name",
        {"ApiId": "x", "Type": "NONE"},
        "LambdaSource",
        "lambda-source",
        "does not match",
    ),
    ("AWS::Cognito::UserPool", "UserPoolName", {}, "app users", "app#users", "does not match"),
    ("AWS::Cognito::UserPool", "UserPoolName", {}, "p" * 128, "p" * 129, "> max 128"),
    ("AWS::Cognito::UserPoolClient", "ClientName", {"UserPoolId": "x"}, "web", "web/app", "does not match"),
    ("AWS::Cognito::UserPoolDomain", "Domain", {"UserPoolId": "x"}, "my-app-auth", "My_App", "does not match"),
    (
        "AWS::Cognito::IdentityPool",
        "IdentityPoolName",
        {"AllowUnauthenticatedIdentities": False},
        "app_identities",
        "app:identities",
        "does not match",
    ),
    (
        "AWS::SSM::Parameter",
        "Name",
        {"Type": "String", "Value": "v"},
        "/app/dev/url",
        "/aws/app",
        "starts with aws or ssm",
    ),
    ("AWS::SSM::Parameter", "Name", {"Type": "String", "Value": "v"}, "/app/dev/url", "/app/dev url", "does not match"),
    (
        "AWS::SSM::Parameter",
        "Name",
        {"Type": "String", "Value": "v"},
        "/" + "/".join("l" * 15),
        "/" + "/".join("l" * 16),
        "has more than 15 hierarchy levels",
    ),
    ("AWS::CloudWatch::Alarm", "AlarmName", {}, "a" * 255, "a" * 256, "> max 255"),
    ("AWS::Logs::LogGroup", "LogGroupName", {}, "/aws/lambda/api", "/aws/lambda/my api", "does not match"),
    ("AWS::SNS::Topic", "TopicName", {}, "alarms.fifo", "alarms.v2", "does not match"),
    ("AWS::SNS::Topic", "TopicName", {}, "t" * 256, "t" * 257, "> max 256"),
    ("AWS::KinesisFirehose::DeliveryStream", "DeliveryStreamName", {}, "events", "events stream", "does not match"),
    ("AWS::KinesisFirehose::DeliveryStream", "DeliveryStreamName", {}, "s" * 64, "s" * 65, "> max 64"),
    ("AWS::SQS::Queue", "QueueName", {}, "q" * 75 + ".fifo", "q" * 76 + ".fifo", "> max 80"),
    ("AWS::SQS::Queue", "QueueName", {}, "jobs-dlq", "jobs.dlq", "does not match"),
]


@pytest.mark.parametrize(
    ("resource_type", "prop", "required", "good", "bad", "expected"),
    CASES,
    ids=[f"{case[0]}.{case[1]}:{case[5]}" for case in CASES],
)
def test_a_bad_name_fails_and_a_good_one_passes(resource_type, prop, required, good, bad, expected):
    assert failures({"Named": resource(resource_type, **required, **{prop: good})}) == []
    found = failures({"Named": resource(resource_type, **required, **{prop: bad})})
    assert len(found) == 1, found
    assert found[0].startswith(f"Test.template.json: Named: Properties.{prop}")
    assert expected in found[0]


def test_a_name_known_only_at_deploy_time_counts_at_its_worst_case_length():
    # Another bucket's generated name may be 63 characters; "-logs" makes 68.
    resources = {
        "Media": resource("AWS::S3::Bucket"),
        "Logs": resource("AWS::S3::Bucket", BucketName={"Fn::Join": ["-", [{"Ref": "Media"}, "logs"]]}),
    }
    assert failures(resources, stack_name="S" * 60) == [
        "Test.template.json: Logs: Properties.BucketName: 68 chars (worst case) > max 63 "
        "(S3 bucket naming rules https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html)"
    ]
    with_account = {"Fn::Join": ["-", ["logs", {"Ref": "AWS::AccountId"}]]}
    assert failures({"Logs": resource("AWS::S3::Bucket", BucketName=with_account)}, account=None) == []
