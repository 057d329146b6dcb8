"""cdk-nag (AwsSolutions) acknowledgements for the backend stack, each on the narrowest construct with its reason.

cdk-nag 3 needs one acknowledgement per finding id (`Rule[finding]`); ids that embed logical ids are computed
from the constructs, so a rename cannot silently widen an acknowledgement.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import aws_cdk as cdk
from constructs import Construct, IConstruct

if TYPE_CHECKING:
    from .canary import Canary
    from .stack import MobileBackendStack

BASIC_EXECUTION = (
    "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]"
)
APPSYNC_LOGS = (
    "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSAppSyncPushToCloudWatchLogs]"
)
S3_WILDCARD_ACTIONS = [
    f"AwsSolutions-IAM5[Action::s3:{a}]" for a in ("Abort*", "DeleteObject*", "GetBucket*", "GetObject*", "List*")
]


def acknowledge(scope: IConstruct, reason: str, *rule_ids: str) -> None:
    cdk.Validations.of(scope).acknowledge(*(cdk.Acknowledgment(id=rule, reason=reason) for rule in rule_ids))


def logical_id(construct: IConstruct | None) -> str:
    """The logical id CloudFormation sees for an L2's default child (or an L1 itself)."""
    if construct is None:
        raise ValueError("no construct (an L2's optional child, such as a function's role, is missing)")
    resource = construct if isinstance(construct, cdk.CfnElement) else construct.node.default_child
    stack = cdk.Stack.of(construct)
    return stack.resolve(stack.get_logical_id(resource))  # type: ignore[arg-type]


def acknowledge_backend_findings(stack: MobileBackendStack) -> None:
    functions = stack.functions
    for function in functions.all:
        acknowledge(
            function,
            "X-Ray (xray:PutTraceSegments/PutTelemetryRecords) and the stream mapping's dynamodb:ListStreams "
            "support only Resource '*'.",
            "AwsSolutions-IAM5[Resource::*]",
        )
        acknowledge(
            function,
            "AWSLambdaBasicExecutionRole only allows writing this function's CloudWatch logs.",
            BASIC_EXECUTION,
        )
    for table in (stack.tables.posts, stack.tables.devices):
        index_finding = f"AwsSolutions-IAM5[Resource::<{logical_id(table)}.Arn>/index/*]"
        acknowledge(
            functions.graphql,
            f"Queries the GSIs of {table.node.id} (feeds, token lookup); the grant is that table's indexes only.",
            index_finding,
        )
        acknowledge(
            functions.stream,
            f"Queries the GSIs of {table.node.id} during cascades and push; that table's indexes only.",
            index_finding,
        )
    media_private = f"AwsSolutions-IAM5[Resource::<{logical_id(stack.storage.media)}.Arn>/private/*]"
    acknowledge(
        functions.graphql,
        "Media objects are per user under private/<sub>/ (created at runtime); the caller's sub is checked in code.",
        media_private,
    )
    acknowledge(
        functions.stream,
        "Cascade delete removes the image of a deleted post, which can be under any user's private/ prefix.",
        media_private,
    )
    acknowledge(
        stack.auth.authenticated_role,
        "Each signed-in user reaches only private/<own sub>/ via the sub session tag; the wildcard "
        "is the object key below it.",
        f"AwsSolutions-IAM5[Resource::<{logical_id(stack.storage.media)}.Arn>/private/<aws:PrincipalTag/sub>/*]",
    )
    acknowledge(
        functions.pagination_secret,
        "Rotating the nextToken HMAC key would invalidate every page token in flight; it has no external consumer.",
        "AwsSolutions-SMG4",
    )
    acknowledge(
        stack.streams.failures,
        "This queue is itself the on-failure destination of the stream handler.",
        "AwsSolutions-SQS3",
    )
    acknowledge(
        stack.auth.identity_pool,
        "Guests are apps before sign-in asking whether their version is still supported (appConfig): the "
        "unauthenticated role's only grant is appsync:GraphQL on that field and its types. An AppSync API key "
        "instead would expire within 365 days and be embedded in every shipped app.",
        "AwsSolutions-COG7",
    )
    acknowledge(
        stack.auth.user_pool,
        "MFA is optional by product decision (TOTP offered to every user; admins are encouraged to enable it).",
        "AwsSolutions-COG2",
    )
    api = stack.graphql.api
    acknowledge(api, "AWSAppSyncPushToCloudWatchLogs only allows AppSync to write this API's logs.", APPSYNC_LOGS)
    acknowledge(
        stack.graphql.data_source,
        "AppSync invokes the resolver function and its versions/aliases (<arn>:*); no other function.",
        f"AwsSolutions-IAM5[Resource::<{logical_id(functions.graphql)}.Arn>:*]",
    )
    if stack.settings.protect_data:
        acknowledge(
            api,
            "Request logs exclude verbose content in protected environments: headers carry tokens "
            "and payloads personal data.",
            "AwsSolutions-ASC3",
        )
    else:
        for table in stack.tables.all:
            acknowledge(
                table,
                "Non-protected environment: data is disposable, PITR is on where protect_data is true.",
                "AwsSolutions-DDB3",
            )
    _acknowledge_log_retention(stack)
    if stack.canary is not None:
        _acknowledge_canary(stack.canary)
    if stack.analytics is not None:
        destination_role = stack.analytics.stream.node.find_child("S3 Destination Role")
        acknowledge(
            destination_role,
            "Firehose's S3 destination writes objects under its own analytics bucket only (generated "
            "by the Firehose L2).",
            *S3_WILDCARD_ACTIONS,
            f"AwsSolutions-IAM5[Resource::<{logical_id(stack.analytics.bucket)}.Arn>/*]",
        )


def _acknowledge_canary(canary: Canary) -> None:
    for function in canary.functions:
        acknowledge(
            function,
            "AWSLambdaBasicExecutionRole only allows writing this function's CloudWatch logs.",
            BASIC_EXECUTION,
        )
    acknowledge(
        canary.journey,
        "cloudwatch:PutMetricData supports no resource-level permissions (Service Authorization Reference); the "
        "statement's cloudwatch:namespace condition limits it to the canary's own namespace.",
        "AwsSolutions-IAM5[Resource::*]",
    )
    acknowledge(
        canary.secret,
        "The password of a synthetic user with a normal user's rights, set in the pool by the canary's custom "
        "resource; rotating it would need a rotation function that also resets the Cognito password.",
        "AwsSolutions-SMG4",
    )


def _acknowledge_log_retention(stack: cdk.Stack) -> None:
    """The singleton LogRetention function CDK adds for the AppSync log group's retention."""
    for child in stack.node.children:
        # CDK's internal provider class comes back as a plain Construct proxy; checking that first (in Python)
        # spares two jsii calls per child of the stack.
        if type(child) is Construct and child.node.id.startswith("LogRetention"):
            acknowledge(
                child,
                "CDK's LogRetention provider sets retention on log groups AppSync creates by name; "
                "it has no fixed ARN.",
                "AwsSolutions-IAM5[Resource::*]",
                BASIC_EXECUTION,
            )
