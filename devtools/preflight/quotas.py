"""Constraints botocore's models do not carry, each with the AWS documentation page that publishes it.

Numbers are the *default* quotas where a quota is adjustable (an account may have raised it, but a template
that fits the default deploys everywhere). Checked against the pages on the date of writing; when AWS changes
a number, change it here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.cloudformation.partitions import longest_partition_name, longest_region

from .limits import NON_WHITE_SPACE, CountLimit, StringLimit


@dataclass(frozen=True)
class Page:
    title: str
    url: str

    def cite(self) -> str:
        return f"{self.title} {self.url}"


LAMBDA_QUOTAS = Page("Lambda quotas", "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html")
LAMBDA_CREATE_FUNCTION = Page(
    "Lambda CreateFunction", "https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html"
)
IAM_QUOTAS = Page("IAM quotas", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html")
CODEPIPELINE_QUOTAS = Page(
    "CodePipeline quotas", "https://docs.aws.amazon.com/codepipeline/latest/userguide/limits.html"
)
CFN_QUOTAS = Page(
    "CloudFormation quotas", "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html"
)
CFN_CREATE_STACK = Page(
    "CloudFormation CreateStack",
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html",
)
CFN_LOGICAL_IDS = Page(
    "CloudFormation Resources section",
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html",
)
CFN_OUTPUTS_SECTION = Page(
    "CloudFormation Outputs section",
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html",
)
S3_BUCKET_NAMING = Page(
    "S3 bucket naming rules", "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html"
)
SNS_CREATE_TOPIC = Page("SNS CreateTopic", "https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html")
SQS_CREATE_QUEUE = Page(
    "SQS CreateQueue", "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html"
)
SSM_PUT_PARAMETER = Page(
    "SSM PutParameter", "https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html"
)

# --- Lambda -------------------------------------------------------------------------------------------------
# 4 KB for all of a function's environment variables together. Lambda measures the variables map serialized as
# compact JSON (its rejection message prints the measured string, `{"KEY":"value",...}`; an example is in
# https://github.com/github-aws-runners/terraform-aws-github-runner/issues/3594), so keys, values, quotes, colons
# and commas all count.
LAMBDA_ENVIRONMENT = StringLimit(source=LAMBDA_QUOTAS.cite(), max_length=4096, measure="bytes")
LAMBDA_LAYERS = CountLimit(source=LAMBDA_QUOTAS.cite(), maximum=5, unit="layers")
# botocore's FunctionName (max 140) admits a full ARN; a bare function name is limited to 64 characters (the
# API page, and botocore's own documentation string for the member).
LAMBDA_FUNCTION_NAME = StringLimit(source=LAMBDA_CREATE_FUNCTION.cite(), max_length=64)

# --- IAM (IAM does not count white space in policy sizes) ---------------------------------------------------
# Policy sizes are defaults where adjustable (the trust policy quota can be raised to 4096).
IAM_ROLE_TRUST_POLICY = StringLimit(source=IAM_QUOTAS.cite(), max_length=2048, measure=NON_WHITE_SPACE)
# Inline policies count in aggregate: all of a role's (user's, group's) inline policies together.
IAM_ROLE_INLINE_POLICIES = StringLimit(source=IAM_QUOTAS.cite(), max_length=10240, measure=NON_WHITE_SPACE)
IAM_USER_INLINE_POLICIES = StringLimit(source=IAM_QUOTAS.cite(), max_length=2048, measure=NON_WHITE_SPACE)
IAM_GROUP_INLINE_POLICIES = StringLimit(source=IAM_QUOTAS.cite(), max_length=5120, measure=NON_WHITE_SPACE)
IAM_MANAGED_POLICY = StringLimit(source=IAM_QUOTAS.cite(), max_length=6144, measure=NON_WHITE_SPACE)
# Managed policies attached: default 10 per role and per user (adjustable to 20), 10 per group (fixed).
IAM_MANAGED_POLICIES_PER_ROLE = CountLimit(source=IAM_QUOTAS.cite(), maximum=10, unit="managed policies")
IAM_MANAGED_POLICIES_PER_USER = CountLimit(source=IAM_QUOTAS.cite(), maximum=10, unit="managed policies")
IAM_MANAGED_POLICIES_PER_GROUP = CountLimit(source=IAM_QUOTAS.cite(), maximum=10, unit="managed policies")

# --- CodePipeline -------------------------------------------------------------------------------------------
CODEPIPELINE_ACTIONS_PER_STAGE = CountLimit(source=CODEPIPELINE_QUOTAS.cite(), minimum=1, maximum=50, unit="actions")
CODEPIPELINE_STAGES_PER_PIPELINE = CountLimit(source=CODEPIPELINE_QUOTAS.cite(), minimum=2, maximum=50, unit="stages")

# --- CloudFormation templates -------------------------------------------------------------------------------
# CDK Pipelines deploys every stage template from the pipeline's artifact bucket, and the CDK CLI uploads any
# template over 50 KiB to the bootstrap bucket, so the S3 limit is the one that binds (the 51,200-byte inline
# TemplateBody limit never does). CreateStack's TemplateURL allows a template of 1 MB, read here as 10^6 bytes,
# the smaller reading of "MB".
CFN_TEMPLATE_BODY = StringLimit(source=CFN_CREATE_STACK.cite(), max_length=1_000_000, measure="bytes")
CFN_RESOURCES = CountLimit(source=CFN_QUOTAS.cite(), maximum=500, unit="resources")
CFN_OUTPUTS = CountLimit(source=CFN_QUOTAS.cite(), maximum=200, unit="outputs")
CFN_PARAMETERS = CountLimit(source=CFN_QUOTAS.cite(), maximum=200, unit="parameters")
CFN_MAPPINGS = CountLimit(source=CFN_QUOTAS.cite(), maximum=200, unit="mappings")
CFN_MAPPING_ATTRIBUTES = CountLimit(source=CFN_QUOTAS.cite(), maximum=200, unit="attributes")
CFN_DESCRIPTION = StringLimit(source=CFN_QUOTAS.cite(), max_length=1024, measure="bytes")
CFN_OUTPUT_DESCRIPTION = StringLimit(source=CFN_OUTPUTS_SECTION.cite(), max_length=1024, measure="bytes")
CFN_PARAMETER_VALUE_BYTES = 4096
CFN_PARAMETER_VALUE = StringLimit(source=CFN_QUOTAS.cite(), max_length=CFN_PARAMETER_VALUE_BYTES, measure="bytes")
# Resource, output, parameter and mapping names: at most 255 characters (quotas page) and alphanumeric, A-Za-z0-9
# (the template anatomy pages).
CFN_NAME_LENGTH = StringLimit(source=CFN_QUOTAS.cite(), max_length=255)
CFN_LOGICAL_ID = StringLimit(source=CFN_LOGICAL_IDS.cite(), min_length=1, pattern=r"[A-Za-z0-9]+")
# A custom resource provider's response is at most 4,096 bytes (quotas page), which bounds the physical id and
# every attribute a custom resource returns.
CFN_CUSTOM_RESOURCE_RESPONSE_BYTES = 4096

# --- Names botocore leaves unconstrained --------------------------------------------------------------------
S3_BUCKET_NAME = StringLimit(
    source=S3_BUCKET_NAMING.cite(),
    min_length=3,
    max_length=63,
    pattern=r"[a-z0-9]([a-z0-9.-]*[a-z0-9])?",
    forbidden=(
        (r"\.\.", "contains two adjacent periods"),
        (r"^\d{1,3}(\.\d{1,3}){3}$", "is formatted as an IP address"),
        (r"^xn--", "starts with xn--"),
        (r"^sthree-", "starts with sthree-"),
        (r"^amzn-s3-demo-", "starts with amzn-s3-demo-"),
        (r"-s3alias$", "ends with -s3alias"),
        (r"--ol-s3$", "ends with --ol-s3"),
        (r"\.mrap$", "ends with .mrap"),
        (r"--x-s3$", "ends with --x-s3"),
    ),
)
# 1 to 256 ASCII letters, digits, underscores and hyphens; a FIFO topic's name ends with .fifo.
SNS_TOPIC_NAME = StringLimit(
    source=SNS_CREATE_TOPIC.cite(), min_length=1, max_length=256, pattern=r"[A-Za-z0-9_-]+(\.fifo)?"
)
# Up to 80 characters: alphanumerics, hyphens and underscores; a FIFO queue's name ends with .fifo (counted).
SQS_QUEUE_NAME = StringLimit(
    source=SQS_CREATE_QUEUE.cite(), min_length=1, max_length=80, pattern=r"[A-Za-z0-9_-]+(\.fifo)?"
)

# SSM parameter names: 1011 characters *including* the ARN prefix before the name (arn:<partition>:ssm:<region>:
# <account>:parameter/, taken at its longest here), only a-zA-Z0-9_.- plus / for hierarchies, no "aws"/"ssm"
# prefix, at most 15 levels (the API page, and botocore's documentation string for PutParameter's Name).
_SSM_ARN_PREFIX_WORST = len(f"arn:{longest_partition_name()}:ssm:{longest_region()}:123456789012:parameter/")
SSM_PARAMETER_NAME = StringLimit(
    source=SSM_PUT_PARAMETER.cite(),
    max_length=1011 - _SSM_ARN_PREFIX_WORST,
    pattern=r"[a-zA-Z0-9_.\-/]+",
    forbidden=(
        (r"(?i)^/?(aws|ssm)", "starts with aws or ssm"),
        (r"^/?([^/]+/){15,}[^/]+$", "has more than 15 hierarchy levels"),
    ),
)
# Values: 4 KB for the standard tier, 8 KB for the advanced tier.
SSM_PARAMETER_VALUE_ADVANCED_BYTES = 8192
SSM_PARAMETER_VALUE_STANDARD = StringLimit(source=SSM_PUT_PARAMETER.cite(), max_length=4096, measure="bytes")
SSM_PARAMETER_VALUE_ADVANCED = StringLimit(
    source=SSM_PUT_PARAMETER.cite(), max_length=SSM_PARAMETER_VALUE_ADVANCED_BYTES, measure="bytes"
)
