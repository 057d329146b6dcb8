"""Which CloudFormation property is the API value of which botocore member (or hand-kept quota).

A path walks the resource as written in the template: `.Key` a mapping key, `[*]` every list item, `<value>`
every value of a mapping, `<key>` every key of a mapping (the key itself is the checked value, e.g. an
environment variable's name). A property can carry several rules (Lambda's FunctionName: botocore's pattern and
the 64-character quota); each reports on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from . import quotas
from .botocore_limits import Member, Shape
from .limits import IntegerRange, StringLimit


@dataclass(frozen=True)
class PropertyRule:
    resource_type: str
    path: str
    limit: StringLimit | IntegerRange


# (resource type, property path, where botocore keeps the constraint)
_BOTOCORE: tuple[tuple[str, str, Member | Shape], ...] = (
    # CodePipeline: every action configuration value is an ActionConfigurationValue (1..1000).
    ("AWS::CodePipeline::Pipeline", "Properties.Name", Member("codepipeline", "CreatePipeline", "pipeline.name")),
    (
        "AWS::CodePipeline::Pipeline",
        "Properties.Stages[*].Name",
        Member("codepipeline", "CreatePipeline", "pipeline.stages.name"),
    ),
    (
        "AWS::CodePipeline::Pipeline",
        "Properties.Stages[*].Actions[*].Name",
        Member("codepipeline", "CreatePipeline", "pipeline.stages.actions.name"),
    ),
    (
        "AWS::CodePipeline::Pipeline",
        "Properties.Stages[*].Actions[*].Namespace",
        Member("codepipeline", "CreatePipeline", "pipeline.stages.actions.namespace"),
    ),
    (
        "AWS::CodePipeline::Pipeline",
        "Properties.Stages[*].Actions[*].RunOrder",
        Member("codepipeline", "CreatePipeline", "pipeline.stages.actions.runOrder"),
    ),
    (
        "AWS::CodePipeline::Pipeline",
        "Properties.Stages[*].Actions[*].TimeoutInMinutes",
        Member("codepipeline", "CreatePipeline", "pipeline.stages.actions.timeoutInMinutes"),
    ),
    (
        "AWS::CodePipeline::Pipeline",
        "Properties.Stages[*].Actions[*].Configuration.<key>",
        Member("codepipeline", "CreatePipeline", "pipeline.stages.actions.configuration.<key>"),
    ),
    (
        "AWS::CodePipeline::Pipeline",
        "Properties.Stages[*].Actions[*].Configuration.<value>",
        Member("codepipeline", "CreatePipeline", "pipeline.stages.actions.configuration.<value>"),
    ),
    (
        "AWS::CodePipeline::Pipeline",
        "Properties.Stages[*].Actions[*].InputArtifacts[*].Name",
        Member("codepipeline", "CreatePipeline", "pipeline.stages.actions.inputArtifacts.name"),
    ),
    (
        "AWS::CodePipeline::Pipeline",
        "Properties.Stages[*].Actions[*].OutputArtifacts[*].Name",
        Member("codepipeline", "CreatePipeline", "pipeline.stages.actions.outputArtifacts.name"),
    ),
    (
        "AWS::CodePipeline::Pipeline",
        "Properties.Variables[*].Name",
        Member("codepipeline", "CreatePipeline", "pipeline.variables.name"),
    ),
    # IAM names, paths and descriptions.
    ("AWS::IAM::Role", "Properties.RoleName", Member("iam", "CreateRole", "RoleName")),
    ("AWS::IAM::Role", "Properties.Path", Member("iam", "CreateRole", "Path")),
    ("AWS::IAM::Role", "Properties.Description", Member("iam", "CreateRole", "Description")),
    ("AWS::IAM::Role", "Properties.MaxSessionDuration", Member("iam", "CreateRole", "MaxSessionDuration")),
    ("AWS::IAM::Role", "Properties.Policies[*].PolicyName", Member("iam", "PutRolePolicy", "PolicyName")),
    ("AWS::IAM::User", "Properties.UserName", Member("iam", "CreateUser", "UserName")),
    ("AWS::IAM::User", "Properties.Path", Member("iam", "CreateUser", "Path")),
    ("AWS::IAM::User", "Properties.Policies[*].PolicyName", Member("iam", "PutUserPolicy", "PolicyName")),
    ("AWS::IAM::Group", "Properties.GroupName", Member("iam", "CreateGroup", "GroupName")),
    ("AWS::IAM::Group", "Properties.Path", Member("iam", "CreateGroup", "Path")),
    ("AWS::IAM::Group", "Properties.Policies[*].PolicyName", Member("iam", "PutGroupPolicy", "PolicyName")),
    ("AWS::IAM::Policy", "Properties.PolicyName", Member("iam", "PutRolePolicy", "PolicyName")),
    ("AWS::IAM::RolePolicy", "Properties.PolicyName", Member("iam", "PutRolePolicy", "PolicyName")),
    ("AWS::IAM::ManagedPolicy", "Properties.ManagedPolicyName", Member("iam", "CreatePolicy", "PolicyName")),
    ("AWS::IAM::ManagedPolicy", "Properties.Path", Member("iam", "CreatePolicy", "Path")),
    ("AWS::IAM::ManagedPolicy", "Properties.Description", Member("iam", "CreatePolicy", "Description")),
    (
        "AWS::IAM::InstanceProfile",
        "Properties.InstanceProfileName",
        Member("iam", "CreateInstanceProfile", "InstanceProfileName"),
    ),
    # Lambda.
    ("AWS::Lambda::Function", "Properties.FunctionName", Member("lambda", "CreateFunction", "FunctionName")),
    ("AWS::Lambda::Function", "Properties.MemorySize", Member("lambda", "CreateFunction", "MemorySize")),
    ("AWS::Lambda::Function", "Properties.Timeout", Member("lambda", "CreateFunction", "Timeout")),
    ("AWS::Lambda::Function", "Properties.Description", Member("lambda", "CreateFunction", "Description")),
    ("AWS::Lambda::Function", "Properties.Handler", Member("lambda", "CreateFunction", "Handler")),
    (
        "AWS::Lambda::Function",
        "Properties.EphemeralStorage.Size",
        Member("lambda", "CreateFunction", "EphemeralStorage.Size"),
    ),
    (
        "AWS::Lambda::Function",
        "Properties.Environment.Variables.<key>",
        Member("lambda", "CreateFunction", "Environment.Variables.<key>"),
    ),
    ("AWS::Lambda::LayerVersion", "Properties.LayerName", Member("lambda", "PublishLayerVersion", "LayerName")),
    # CodeBuild.
    ("AWS::CodeBuild::Project", "Properties.Name", Member("codebuild", "CreateProject", "name")),
    ("AWS::CodeBuild::Project", "Properties.Description", Member("codebuild", "CreateProject", "description")),
    (
        "AWS::CodeBuild::Project",
        "Properties.TimeoutInMinutes",
        Member("codebuild", "CreateProject", "timeoutInMinutes"),
    ),
    (
        "AWS::CodeBuild::Project",
        "Properties.QueuedTimeoutInMinutes",
        Member("codebuild", "CreateProject", "queuedTimeoutInMinutes"),
    ),
    (
        "AWS::CodeBuild::Project",
        "Properties.Environment.EnvironmentVariables[*].Name",
        Member("codebuild", "CreateProject", "environment.environmentVariables.name"),
    ),
    (
        "AWS::CodeBuild::Project",
        "Properties.Environment.EnvironmentVariables[*].Type",
        Member("codebuild", "CreateProject", "environment.environmentVariables.type"),
    ),
    # DynamoDB: CreateTable's TableName member now also takes an ARN (TableArn, up to 1024), so the name rule is
    # the TableName shape itself.
    ("AWS::DynamoDB::Table", "Properties.TableName", Shape("dynamodb", "TableName")),
    (
        "AWS::DynamoDB::Table",
        "Properties.GlobalSecondaryIndexes[*].IndexName",
        Member("dynamodb", "CreateTable", "GlobalSecondaryIndexes.IndexName"),
    ),
    (
        "AWS::DynamoDB::Table",
        "Properties.LocalSecondaryIndexes[*].IndexName",
        Member("dynamodb", "CreateTable", "LocalSecondaryIndexes.IndexName"),
    ),
    (
        "AWS::DynamoDB::Table",
        "Properties.AttributeDefinitions[*].AttributeName",
        Member("dynamodb", "CreateTable", "AttributeDefinitions.AttributeName"),
    ),
    # AppSync: the GraphQL API's own name has no published constraint (botocore `String`); data source and
    # function names do.
    ("AWS::AppSync::DataSource", "Properties.Name", Member("appsync", "CreateDataSource", "name")),
    ("AWS::AppSync::FunctionConfiguration", "Properties.Name", Member("appsync", "CreateFunction", "name")),
    # Cognito.
    ("AWS::Cognito::UserPool", "Properties.UserPoolName", Member("cognito-idp", "CreateUserPool", "PoolName")),
    (
        "AWS::Cognito::UserPoolClient",
        "Properties.ClientName",
        Member("cognito-idp", "CreateUserPoolClient", "ClientName"),
    ),
    ("AWS::Cognito::UserPoolDomain", "Properties.Domain", Member("cognito-idp", "CreateUserPoolDomain", "Domain")),
    (
        "AWS::Cognito::IdentityPool",
        "Properties.IdentityPoolName",
        Member("cognito-identity", "CreateIdentityPool", "IdentityPoolName"),
    ),
    # Systems Manager, CloudWatch, Logs, Firehose, Secrets Manager, KMS, EventBridge.
    ("AWS::SSM::Parameter", "Properties.Name", Member("ssm", "PutParameter", "Name")),
    ("AWS::SSM::Parameter", "Properties.Description", Member("ssm", "PutParameter", "Description")),
    ("AWS::CloudWatch::Alarm", "Properties.AlarmName", Member("cloudwatch", "PutMetricAlarm", "AlarmName")),
    (
        "AWS::CloudWatch::Alarm",
        "Properties.AlarmDescription",
        Member("cloudwatch", "PutMetricAlarm", "AlarmDescription"),
    ),
    (
        "AWS::CloudWatch::Alarm",
        "Properties.EvaluationPeriods",
        Member("cloudwatch", "PutMetricAlarm", "EvaluationPeriods"),
    ),
    ("AWS::Logs::LogGroup", "Properties.LogGroupName", Member("logs", "CreateLogGroup", "logGroupName")),
    ("AWS::Logs::LogStream", "Properties.LogStreamName", Member("logs", "CreateLogStream", "logStreamName")),
    (
        "AWS::KinesisFirehose::DeliveryStream",
        "Properties.DeliveryStreamName",
        Member("firehose", "CreateDeliveryStream", "DeliveryStreamName"),
    ),
    ("AWS::SecretsManager::Secret", "Properties.Name", Member("secretsmanager", "CreateSecret", "Name")),
    ("AWS::KMS::Alias", "Properties.AliasName", Member("kms", "CreateAlias", "AliasName")),
    ("AWS::Events::Rule", "Properties.Name", Member("events", "PutRule", "Name")),
)

# (resource type, property path, hand-kept limit from quotas.py)
_QUOTAS: tuple[tuple[str, str, StringLimit], ...] = (
    ("AWS::Lambda::Function", "Properties.FunctionName", quotas.LAMBDA_FUNCTION_NAME),
    ("AWS::S3::Bucket", "Properties.BucketName", quotas.S3_BUCKET_NAME),
    ("AWS::SNS::Topic", "Properties.TopicName", quotas.SNS_TOPIC_NAME),
    ("AWS::SQS::Queue", "Properties.QueueName", quotas.SQS_QUEUE_NAME),
    ("AWS::SSM::Parameter", "Properties.Name", quotas.SSM_PARAMETER_NAME),
)


@cache
def property_rules() -> tuple[PropertyRule, ...]:
    rules = [PropertyRule(kind, path, ref.resolve()) for kind, path, ref in _BOTOCORE]
    rules += [PropertyRule(kind, path, limit) for kind, path, limit in _QUOTAS]
    return tuple(rules)


@cache
def rules_for(resource_type: str) -> tuple[PropertyRule, ...]:
    return tuple(rule for rule in property_rules() if rule.resource_type == resource_type)


@cache
def name_max_length(resource_type: str, name_property: str) -> int | None:
    """The tightest published max length of a type's physical-name property (shared with the renderer)."""
    limits = [
        rule.limit
        for rule in rules_for(resource_type)
        if rule.path == f"Properties.{name_property}" and isinstance(rule.limit, StringLimit)
    ]
    maxima = [limit.max_length for limit in limits if limit.max_length is not None]
    return min(maxima) if maxima else None
