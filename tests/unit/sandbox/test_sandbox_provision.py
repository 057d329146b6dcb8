"""Provisioning from the (hand-made) stage template: resources in moto carry the template's properties."""

from __future__ import annotations

import os

import pytest

from pipeline.cloudformation.intrinsics import Resolver, Unresolved


@pytest.fixture(scope="module")
def provisioned(running_sandbox):
    return running_sandbox.sandbox.provisioned


def test_tables_keys_indexes_and_streams(running_sandbox, provisioned):
    ddb = running_sandbox.client("dynamodb")
    posts = ddb.describe_table(TableName=provisioned.tables["PostsTableC82B36F0"])["Table"]
    assert posts["KeySchema"] == [{"AttributeName": "id", "KeyType": "HASH"}]
    (index,) = posts["GlobalSecondaryIndexes"]
    assert index["IndexName"] == "byFeed"
    assert [k["AttributeName"] for k in index["KeySchema"]] == ["feed", "createdAt"]
    assert posts["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}
    comments = ddb.describe_table(TableName=provisioned.tables["CommentsTableBB7E4D5A"])["Table"]
    assert [k["AttributeName"] for k in comments["KeySchema"]] == ["postId", "commentKey"]
    users = ddb.describe_table(TableName=provisioned.tables["UsersTable9725E9C8"])["Table"]
    assert "StreamSpecification" not in users
    assert sorted(provisioned.stream_tables) == sorted([posts["TableName"], comments["TableName"]])
    # retries as the event source mappings say (the posts mapping leaves it to the default)
    assert provisioned.stream_retry_attempts == {comments["TableName"]: 4}


def test_user_pool_client_and_groups(running_sandbox, provisioned):
    idp = running_sandbox.client("cognito-idp")
    pool = idp.describe_user_pool(UserPoolId=provisioned.user_pool_id)["UserPool"]
    assert pool["Policies"]["PasswordPolicy"]["MinimumLength"] == 12
    assert pool["UsernameAttributes"] == ["email"]
    assert pool["AutoVerifiedAttributes"] == ["email"]
    assert pool["MfaConfiguration"] == "OPTIONAL"
    (client_id,) = provisioned.client_ids
    client = idp.describe_user_pool_client(UserPoolId=provisioned.user_pool_id, ClientId=client_id)["UserPoolClient"]
    assert "ALLOW_USER_PASSWORD_AUTH" in client["ExplicitAuthFlows"]
    assert "ClientSecret" not in client
    groups = idp.list_groups(UserPoolId=provisioned.user_pool_id)["Groups"]
    assert [g["GroupName"] for g in groups] == ["admins"]
    assert provisioned.post_confirmation_pool_ids == {provisioned.user_pool_id}


def test_identity_pool_bucket_cors_firehose_secret(running_sandbox, provisioned):
    outputs = provisioned.outputs
    identity = running_sandbox.client("cognito-identity").describe_identity_pool(
        IdentityPoolId=outputs["IdentityPoolId"]
    )
    assert identity["CognitoIdentityProviders"][0]["ClientId"] == provisioned.client_ids[0]
    assert identity["CognitoIdentityProviders"][0]["ProviderName"].endswith(provisioned.user_pool_id)
    cors = running_sandbox.client("s3").get_bucket_cors(Bucket=outputs["MediaBucketName"])["CORSRules"][0]
    assert cors["AllowedOrigins"] == ["http://localhost:3000"] and cors["ExposeHeaders"] == ["ETag"]
    assert cors["MaxAgeSeconds"] == 3000
    stream = running_sandbox.client("firehose").describe_delivery_stream(
        DeliveryStreamName=outputs["AnalyticsStreamName"]
    )
    destination = stream["DeliveryStreamDescription"]["Destinations"][0]
    assert destination["ExtendedS3DestinationDescription"]["BucketARN"] == "arn:aws:s3:::sandbox-analyticsbucket"
    secret = running_sandbox.client("secretsmanager").get_secret_value(SecretId=os.environ["PAGINATION_SECRET_ARN"])
    assert len(secret["SecretString"]) >= 32


def test_runtime_environment_comes_from_the_function_environment(running_sandbox, provisioned):
    env = provisioned.runtime_environment()
    assert env["USERS_TABLE"] == provisioned.tables["UsersTable9725E9C8"]
    assert env["POSTS_TABLE"] == provisioned.tables["PostsTableC82B36F0"]
    assert env["MEDIA_BUCKET"] == provisioned.outputs["MediaBucketName"]
    assert env["PAGINATION_SECRET_ARN"].startswith("arn:aws:secretsmanager:us-east-1:123456789012:secret:")
    assert env["APP_VERSION"] == "1.2.3"
    assert env["POSTS_INDEX_NOTE"] == f"{env['POSTS_TABLE']}/byFeed"
    for key in ("USERS_TABLE", "POSTS_TABLE", "COMMENTS_TABLE", "MEDIA_BUCKET", "PAGINATION_SECRET_ARN"):
        assert os.environ[key] == env[key]
    assert os.environ["PUSH_APP_ID"] == running_sandbox.sandbox.outbox.app_id
    assert os.environ["AWS_ENDPOINT_URL"] == running_sandbox.moto_url


def test_outputs_are_resolved_from_the_template(provisioned, running_sandbox):
    assert provisioned.outputs["GraphQLUrl"] == running_sandbox.url
    assert provisioned.outputs["Region"] == "us-east-1"
    assert provisioned.outputs["UserPoolClientId"] == provisioned.client_ids[0]


def test_resolver_intrinsics():
    resolver = Resolver({"Table": {"Ref": "t1", "Arn": "arn:t1"}}, {"AWS::Region": "us-east-1"})
    assert (
        resolver.resolve({"Fn::Sub": "${Table}@${AWS::Region}/${Table.Arn}/${!Literal}"})
        == "t1@us-east-1/arn:t1/${Literal}"
    )
    assert resolver.resolve({"Fn::Join": ["-", ["a", {"Ref": "Table"}]]}) == "a-t1"
    assert resolver.resolve({"Fn::Select": [1, {"Fn::Split": [":", "x:y:z"]}]}) == "y"
    with pytest.raises(Unresolved):
        resolver.resolve({"Ref": "Missing"})
    assert resolver.try_resolve({"Fn::GetAtt": ["Table", "Nope"]}, "fallback") == "fallback"
