"""What `Ref` and `Fn::GetAtt` return for the resource types this project uses, as formats to render.

Placeholders: `{partition}`, `{region}`, `{account}`, `{urlsuffix}`, `{stack}` (pseudo parameters of the stack);
`{name}` the resource's physical name (its name property when the template sets it, else what CloudFormation
generates); `{prop:Key}` / `{prop:Key|default}` another property of the resource; `{id:N}` an identifier AWS
assigns, N characters long, or `{id:service/Shape}` whose length is the max botocore gives that shape.

Id lengths not in botocore come from the formats AWS documents: KMS key ids are UUIDs (36), AppSync API ids are
the 26 characters in front of `.appsync-api.` in GraphQL endpoint URLs, Pinpoint application ids are 32 hex
digits, a DynamoDB stream label is an ISO timestamp (23), Secrets Manager appends `-` and 6 random characters.
A type or attribute not listed renders at UNKNOWN_LENGTH (botocore's IAM `arnType` max: the longest ARN IAM
accepts), which is conservative for names and ARNs alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from .botocore_limits import shape_max_length

UNKNOWN_LENGTH = shape_max_length("iam", "arnType")


@dataclass(frozen=True)
class ResourceShape:
    ref: str
    attributes: Mapping[str, str] = field(default_factory=dict)
    name_property: str | None = None


def _shape(ref: str, *, name: str | None = None, **attributes: str) -> ResourceShape:
    return ResourceShape(ref=ref, attributes=MappingProxyType(attributes), name_property=name)


_ARN = "arn:{partition}"
_APPSYNC_API_ARN = _ARN + ":appsync:{region}:{account}:apis/{id:26}"
_USER_POOL_ID = "{id:cognito-idp/UserPoolIdType}"
_ROLE_ARN = _ARN + ":iam::{account}:role{prop:Path|/}{name}"
_MANAGED_POLICY_ARN = _ARN + ":iam::{account}:policy{prop:Path|/}{name}"
_SECRET_ARN = _ARN + ":secretsmanager:{region}:{account}:secret:{name}-{id:6}"
_QUEUE_URL = "https://sqs.{region}.{urlsuffix}/{account}/{name}"
_TOPIC_ARN = _ARN + ":sns:{region}:{account}:{name}"

SHAPES: Mapping[str, ResourceShape] = MappingProxyType(
    {
        "AWS::S3::Bucket": _shape(
            "{name}",
            name="BucketName",
            Arn=_ARN + ":s3:::{name}",
            DomainName="{name}.s3.{urlsuffix}",
            RegionalDomainName="{name}.s3.{region}.{urlsuffix}",
            DualStackDomainName="{name}.s3.dualstack.{region}.{urlsuffix}",
            WebsiteURL="http://{name}.s3-website-{region}.{urlsuffix}",
        ),
        "AWS::DynamoDB::Table": _shape(
            "{name}",
            name="TableName",
            Arn=_ARN + ":dynamodb:{region}:{account}:table/{name}",
            StreamArn=_ARN + ":dynamodb:{region}:{account}:table/{name}/stream/{id:23}",
        ),
        "AWS::IAM::Role": _shape("{name}", name="RoleName", Arn=_ROLE_ARN, RoleId="{id:iam/idType}"),
        "AWS::IAM::User": _shape("{name}", name="UserName", Arn=_ARN + ":iam::{account}:user{prop:Path|/}{name}"),
        "AWS::IAM::Group": _shape("{name}", name="GroupName", Arn=_ARN + ":iam::{account}:group{prop:Path|/}{name}"),
        "AWS::IAM::Policy": _shape("{name}", name="PolicyName", Id="{id:iam/idType}"),
        "AWS::IAM::ManagedPolicy": _shape(
            _MANAGED_POLICY_ARN, name="ManagedPolicyName", PolicyArn=_MANAGED_POLICY_ARN, PolicyId="{id:iam/idType}"
        ),
        "AWS::IAM::InstanceProfile": _shape(
            "{name}", name="InstanceProfileName", Arn=_ARN + ":iam::{account}:instance-profile{prop:Path|/}{name}"
        ),
        "AWS::Lambda::Function": _shape(
            "{name}", name="FunctionName", Arn=_ARN + ":lambda:{region}:{account}:function:{name}"
        ),
        "AWS::Lambda::Version": _shape(
            _ARN + ":lambda:{region}:{account}:function:{prop:FunctionName}:{id:lambda/Version}",
            Version="{id:lambda/Version}",
        ),
        "AWS::Lambda::LayerVersion": _shape(
            _ARN + ":lambda:{region}:{account}:layer:{name}:{id:lambda/Version}",
            name="LayerName",
            LayerVersionArn=_ARN + ":lambda:{region}:{account}:layer:{name}:{id:lambda/Version}",
        ),
        "AWS::SQS::Queue": _shape(
            _QUEUE_URL,
            name="QueueName",
            Arn=_ARN + ":sqs:{region}:{account}:{name}",
            QueueName="{name}",
            QueueUrl=_QUEUE_URL,
        ),
        "AWS::SNS::Topic": _shape(_TOPIC_ARN, name="TopicName", TopicArn=_TOPIC_ARN, TopicName="{name}"),
        "AWS::SNS::Subscription": _shape("{prop:TopicArn}:{id:36}"),
        "AWS::KMS::Key": _shape("{id:36}", Arn=_ARN + ":kms:{region}:{account}:key/{id:36}", KeyId="{id:36}"),
        "AWS::KMS::Alias": _shape("{name}", name="AliasName"),
        "AWS::Logs::LogGroup": _shape(
            "{name}", name="LogGroupName", Arn=_ARN + ":logs:{region}:{account}:log-group:{name}:*"
        ),
        "AWS::Logs::LogStream": _shape("{name}", name="LogStreamName"),
        "AWS::CodeBuild::Project": _shape(
            "{name}", name="Name", Arn=_ARN + ":codebuild:{region}:{account}:project/{name}"
        ),
        "AWS::CodePipeline::Pipeline": _shape("{name}", name="Name", Version="{id:10}"),
        "AWS::SecretsManager::Secret": _shape(_SECRET_ARN, name="Name", Id=_SECRET_ARN),
        "AWS::Cognito::UserPool": _shape(
            _USER_POOL_ID,
            name="UserPoolName",
            Arn=_ARN + ":cognito-idp:{region}:{account}:userpool/" + _USER_POOL_ID,
            ProviderName="cognito-idp.{region}.{urlsuffix}/" + _USER_POOL_ID,
            ProviderURL="https://cognito-idp.{region}.{urlsuffix}/" + _USER_POOL_ID,
            UserPoolId=_USER_POOL_ID,
        ),
        "AWS::Cognito::UserPoolClient": _shape(
            "{id:cognito-idp/ClientIdType}",
            name="ClientName",
            ClientId="{id:cognito-idp/ClientIdType}",
            ClientSecret="{id:cognito-idp/ClientSecretType}",
            Name="{name}",
        ),
        "AWS::Cognito::UserPoolDomain": _shape("{name}", name="Domain"),
        "AWS::Cognito::UserPoolGroup": _shape("{name}", name="GroupName"),
        "AWS::Cognito::IdentityPool": _shape(
            "{id:cognito-identity/IdentityPoolId}",
            name="IdentityPoolName",
            Id="{id:cognito-identity/IdentityPoolId}",
            Name="{name}",
        ),
        "AWS::AppSync::GraphQLApi": _shape(
            _APPSYNC_API_ARN,
            name="Name",
            Arn=_APPSYNC_API_ARN,
            ApiId="{id:26}",
            GraphQLEndpointArn=_APPSYNC_API_ARN,
            GraphQLUrl="https://{id:26}.appsync-api.{region}.{urlsuffix}/graphql",
            GraphQLDns="{id:26}.appsync-api.{region}.{urlsuffix}",
            RealtimeUrl="wss://{id:26}.appsync-realtime-api.{region}.{urlsuffix}/graphql",
            RealtimeDns="{id:26}.appsync-realtime-api.{region}.{urlsuffix}",
        ),
        "AWS::AppSync::DataSource": _shape(
            _APPSYNC_API_ARN + "/datasources/{name}",
            name="Name",
            DataSourceArn=_APPSYNC_API_ARN + "/datasources/{name}",
            Name="{name}",
        ),
        "AWS::AppSync::FunctionConfiguration": _shape(
            _APPSYNC_API_ARN + "/functions/{id:26}",
            name="Name",
            FunctionArn=_APPSYNC_API_ARN + "/functions/{id:26}",
            FunctionId="{id:26}",
            Name="{name}",
        ),
        "AWS::Pinpoint::App": _shape("{id:32}", Arn=_ARN + ":mobiletargeting:{region}:{account}:apps/{id:32}"),
        "AWS::KinesisFirehose::DeliveryStream": _shape(
            "{name}", name="DeliveryStreamName", Arn=_ARN + ":firehose:{region}:{account}:deliverystream/{name}"
        ),
        "AWS::CloudWatch::Alarm": _shape(
            "{name}", name="AlarmName", Arn=_ARN + ":cloudwatch:{region}:{account}:alarm:{name}"
        ),
        "AWS::SSM::Parameter": _shape("{name}", name="Name", Type="{prop:Type|String}", Value="{prop:Value}"),
        "AWS::Events::Rule": _shape("{name}", name="Name", Arn=_ARN + ":events:{region}:{account}:rule/{name}"),
    }
)


def is_custom_resource(resource_type: str) -> bool:
    return resource_type.startswith("Custom::") or resource_type == "AWS::CloudFormation::CustomResource"
