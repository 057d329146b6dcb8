"""Canary alone: its schedule, the journey's environment and rights, the canary user's custom resource, the secret."""

from __future__ import annotations

import json
import string
from dataclasses import dataclass
from typing import Any

import pytest
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_lambda as lambda_
from aws_cdk.assertions import Template

from backend.auth_settings import PASSWORD_MIN_LENGTH
from backend.infra.canary import (
    JOURNEY_HANDLER,
    USER_POOL_ADMIN_ACTIONS,
    USER_RESOURCE_HANDLER,
    USER_RESOURCE_TYPE,
    Canary,
)
from backend.infra.functions import Functions
from backend.infra.nag import logical_id
from backend.naming import CANARY_DIMENSION, CANARY_DURATION_METRIC, CANARY_METRIC_NAMESPACE, CANARY_SUCCESS_METRIC

from .support import bare_stack, of_type, policy_statements, resource, settings

GRAPHQL_URL = "https://abc.appsync-api.us-east-1.amazonaws.com/graphql"
BASIC_EXECUTION = {
    "Fn::Join": [
        "",
        ["arn:", {"Ref": "AWS::Partition"}, ":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
    ]
}
# The symbols Cognito accepts in a password (Cognito developer guide, "Password policies").
COGNITO_SYMBOLS = set("^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+-")


@dataclass
class Built:
    canary: Canary
    functions: Functions
    pool: cognito.UserPool
    client: cognito.UserPoolClient
    template: Template

    def props(self, construct: Any) -> dict[str, Any]:
        return dict(resource(self.template, construct)["Properties"])

    def statements(self, function: lambda_.Function) -> list[dict[str, Any]]:
        return policy_statements(self.template, logical_id(function.role))

    @property
    def secret_ref(self) -> dict[str, str]:
        return {"Ref": logical_id(self.canary.secret)}

    @property
    def pool_arn(self) -> dict[str, Any]:
        return {"Fn::GetAtt": [logical_id(self.pool), "Arn"]}


def _build(*, every_minutes: int, protect_data: bool) -> Built:
    stack = bare_stack()
    env = settings(protect_data=protect_data)
    functions = Functions(stack, "Functions", settings=env)
    pool = cognito.UserPool(stack, "Pool")
    client = pool.add_client("Client")
    canary = Canary(
        stack,
        "Canary",
        settings=env,
        every_minutes=every_minutes,
        functions=functions,
        user_pool=pool,
        user_pool_client=client,
        graphql_url=GRAPHQL_URL,
    )
    return Built(canary, functions, pool, client, Template.from_stack(stack))


@pytest.fixture(scope="module")
def built() -> Built:
    return _build(every_minutes=7, protect_data=False)


@pytest.fixture(scope="module")
def protected() -> Built:
    return _build(every_minutes=1, protect_data=True)


@pytest.mark.parametrize(("fixture", "expression"), [("built", "rate(7 minutes)"), ("protected", "rate(1 minute)")])
def test_the_journey_runs_on_the_configured_interval(request, fixture: str, expression: str) -> None:
    b: Built = request.getfixturevalue(fixture)
    rule = b.props(b.canary.schedule)
    assert rule["ScheduleExpression"] == expression
    assert rule["State"] == "ENABLED"
    [target] = rule["Targets"]
    assert target["Arn"] == {"Fn::GetAtt": [logical_id(b.canary.journey), "Arn"]}
    interval_s = 7 * 60 if fixture == "built" else 60
    assert target["RetryPolicy"] == {"MaximumEventAgeInSeconds": interval_s}
    # A failed run is reported by its metric, never retried into a second datum of the same period.
    [invoke_config] = of_type(b.template, "AWS::Lambda::EventInvokeConfig").values()
    assert invoke_config["Properties"] == {
        "FunctionName": {"Ref": logical_id(b.canary.journey)},
        "MaximumEventAgeInSeconds": interval_s,
        "MaximumRetryAttempts": 0,
        "Qualifier": "$LATEST",
    }
    # EventBridge may invoke the journey, from this rule only.
    [permission] = of_type(b.template, "AWS::Lambda::Permission").values()
    assert permission["Properties"]["Principal"] == "events.amazonaws.com"
    assert permission["Properties"]["SourceArn"] == {"Fn::GetAtt": [logical_id(b.canary.schedule), "Arn"]}
    # No run before the canary user exists.
    assert logical_id(b.canary.user) in resource(b.template, b.canary.schedule)["DependsOn"]


def test_the_journey_gets_the_environment_of_the_runtime_contract(built: Built) -> None:
    assert built.props(built.canary.journey)["Environment"]["Variables"] == {
        "GRAPHQL_URL": GRAPHQL_URL,
        "USER_POOL_ID": {"Ref": logical_id(built.pool)},
        "USER_POOL_CLIENT_ID": {"Ref": logical_id(built.client)},
        "CANARY_SECRET_ARN": built.secret_ref,
        "CANARY_ENVIRONMENT": "test",
        "CANARY_METRIC_NAMESPACE": "MobileBackend/Canary",
        "CANARY_SUCCESS_METRIC": "JourneySucceeded",
        "CANARY_DURATION_METRIC": "JourneyDuration",
        "CANARY_DIMENSION": "Environment",
    }


@pytest.mark.parametrize(
    ("which", "handler", "memory", "timeout"),
    [("journey", JOURNEY_HANDLER, 256, 60), ("user_function", USER_RESOURCE_HANDLER, 128, 30)],
)
def test_both_functions_share_the_runtime_asset_without_layer_or_tracing(
    built: Built, which: str, handler: str, memory: int, timeout: int
) -> None:
    props = built.props(getattr(built.canary, which))
    assert props["Handler"] == handler
    assert (props["Runtime"], props["Architectures"]) == ("python3.14", ["arm64"])
    assert (props["MemorySize"], props["Timeout"]) == (memory, timeout)
    assert props["LoggingConfig"]["LogFormat"] == "JSON"
    assert "Layers" not in props and "TracingConfig" not in props  # standard library and boto3 only
    assert props["Code"] == built.props(built.functions.graphql)["Code"]  # the one backend/ asset
    role = resource(built.template, getattr(built.canary, which).role)["Properties"]
    assert role["ManagedPolicyArns"] == [BASIC_EXECUTION]


def test_the_journey_may_read_its_secret_and_publish_only_to_the_canary_namespace(built: Built) -> None:
    assert built.statements(built.canary.journey) == [
        {
            "Action": "secretsmanager:GetSecretValue",
            "Effect": "Allow",
            "Resource": built.secret_ref,
            "Sid": "ReadTheCanaryCredentials",
        },
        {
            "Action": "cloudwatch:PutMetricData",
            "Condition": {"StringEquals": {"cloudwatch:namespace": CANARY_METRIC_NAMESPACE}},
            "Effect": "Allow",
            "Resource": "*",
            "Sid": "PublishTheCanaryResults",
        },
    ]


def test_the_user_resource_manages_users_of_this_pool_only_and_reads_the_secret(built: Built) -> None:
    assert built.statements(built.canary.user_function) == [
        {
            "Action": sorted(USER_POOL_ADMIN_ACTIONS),
            "Effect": "Allow",
            "Resource": built.pool_arn,
            "Sid": "TheCanaryUserInThisPool",
        },
        {
            "Action": "secretsmanager:GetSecretValue",
            "Effect": "Allow",
            "Resource": built.secret_ref,
            "Sid": "ReadTheCanaryCredentials",
        },
    ]
    assert sorted(USER_POOL_ADMIN_ACTIONS) == [
        "cognito-idp:AdminCreateUser",
        "cognito-idp:AdminDeleteUser",
        "cognito-idp:AdminGetUser",
        "cognito-idp:AdminSetUserPassword",
    ]


def test_the_canary_user_is_a_custom_resource_served_by_its_own_function(built: Built) -> None:
    [(user_id, user)] = of_type(built.template, USER_RESOURCE_TYPE).items()
    assert user_id == logical_id(built.canary.user)
    assert USER_RESOURCE_TYPE == "Custom::CanaryUser"
    assert user["Properties"] == {
        "ServiceToken": {"Fn::GetAtt": [logical_id(built.canary.user_function), "Arn"]},
        "UserPoolId": {"Ref": logical_id(built.pool)},
        "SecretArn": built.secret_ref,
    }
    # Its function's rights are in place before the user is created, and until after it is deleted.
    policy = logical_id(built.canary.user_function.role.node.find_child("DefaultPolicy"))  # type: ignore[union-attr]
    assert {logical_id(built.canary.user_function), policy} <= set(user["DependsOn"])
    # No CDK provider framework: nothing but the two functions of the canary (and the runtime's three).
    assert len(of_type(built.template, "AWS::Lambda::Function")) == 5


@pytest.mark.parametrize(("fixture", "deletion"), [("built", "Delete"), ("protected", "Retain")])
def test_the_secret_holds_the_canary_user_and_a_password_the_pool_accepts(request, fixture: str, deletion: str) -> None:
    b: Built = request.getfixturevalue(fixture)
    secret = resource(b.template, b.canary.secret)
    assert secret["DeletionPolicy"] == deletion
    generated = secret["Properties"]["GenerateSecretString"]
    excluded = "\"'\\`"
    assert generated == {
        "SecretStringTemplate": json.dumps({"username": "canary@test.invalid"}),
        "GenerateStringKey": "password",
        "PasswordLength": 32,
        "ExcludeCharacters": excluded,
        "RequireEachIncludedType": True,
    }
    # Secrets Manager draws from letters, digits and ASCII punctuation; with every type required and these
    # exclusions, each password has a lower, an upper, a digit and a symbol Cognito accepts, past the minimum length.
    assert generated["PasswordLength"] >= PASSWORD_MIN_LENGTH
    assert set(string.punctuation) - set(excluded) <= COGNITO_SYMBOLS
    assert set(string.punctuation) - set(excluded)  # symbols are left to draw from
    assert "ExcludePunctuation" not in generated and "ExcludeNumbers" not in generated


@pytest.mark.parametrize(("fixture", "days", "deletion"), [("built", 14, "Delete"), ("protected", 365, "Retain")])
def test_each_canary_function_logs_to_its_own_group_with_the_stacks_retention(
    request, fixture: str, days: int, deletion: str
) -> None:
    b: Built = request.getfixturevalue(fixture)
    groups = set()
    for function in b.canary.functions:
        group_id = b.props(function)["LoggingConfig"]["LogGroup"]["Ref"]
        group = b.template.to_json()["Resources"][group_id]
        assert group["Properties"] == {"RetentionInDays": days}
        assert group["DeletionPolicy"] == deletion
        groups.add(group_id)
    assert len(groups) == 2


def test_the_metrics_are_the_runtimes_one_datum_per_run(built: Built) -> None:
    metrics = built.canary.metrics
    assert metrics.every_minutes == 7
    for metric, name in ((metrics.succeeded, CANARY_SUCCESS_METRIC), (metrics.duration, CANARY_DURATION_METRIC)):
        assert (metric.namespace, metric.metric_name) == (CANARY_METRIC_NAMESPACE, name)
        assert metric.dimensions == {CANARY_DIMENSION: "test"}
        assert metric.period.to_minutes() == 7
