"""Properties of the MobileBackend stack per environment (dev: removable; prod: protected)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pytest
from aws_cdk.assertions import Match, Template

from backend.infra.canary import JOURNEY_HANDLER, USER_RESOURCE_HANDLER
from backend.infra.functions import POWERTOOLS_VERSION, pinned_powertools_version
from backend.infra.monitoring import STREAM_DLQ_BACKLOG
from backend.infra.nag import logical_id
from backend.infra.schema_fields import guest_fields, iam_fields, resolved_fields
from config import load_config
from pipeline.project_root import PROJECT_ROOT

from .helpers import as_list, only, resources


def only_id(template: Mapping[str, Any], resource_type: str) -> str:
    """The logical id of the template's one resource of that type."""
    [only] = resources(template, resource_type)
    return only


@pytest.fixture(scope="module")
def dev(default_synth) -> Template:
    return Template.from_stack(default_synth.pipeline.stages["dev"].stack)


@pytest.fixture(scope="module")
def prod(default_synth) -> Template:
    return Template.from_stack(default_synth.pipeline.stages["prod"].stack)


def test_tables_keys_indexes_streams_and_billing(dev: Template) -> None:
    tables = {
        t["Properties"]["KeySchema"][0]["AttributeName"]
        + "/"
        + "/".join(k["AttributeName"] for k in t["Properties"]["KeySchema"][1:]): t["Properties"]
        for t in resources(dev.to_json(), "AWS::DynamoDB::Table").values()
    }
    assert set(tables) == {"id/", "postId/commentKey", "postId/userId", "userId/token"}
    assert all(p["BillingMode"] == "PAY_PER_REQUEST" for p in tables.values())
    posts = next(
        p for p in tables.values() if any(i["IndexName"] == "byFeed" for i in p.get("GlobalSecondaryIndexes", []))
    )
    indexes = {i["IndexName"]: [k["AttributeName"] for k in i["KeySchema"]] for i in posts["GlobalSecondaryIndexes"]}
    assert indexes == {"byFeed": ["feed", "createdAt"], "byAuthor": ["authorId", "createdAt"]}
    assert posts["StreamSpecification"] == {"StreamViewType": "NEW_AND_OLD_IMAGES"}
    assert tables["postId/commentKey"]["StreamSpecification"] == {"StreamViewType": "NEW_AND_OLD_IMAGES"}
    devices = tables["userId/token"]["GlobalSecondaryIndexes"]
    assert devices == [
        {
            "IndexName": "byToken",
            "KeySchema": [{"AttributeName": "token", "KeyType": "HASH"}],
            "Projection": {"ProjectionType": "KEYS_ONLY"},
        }
    ]
    assert "StreamSpecification" not in tables["postId/userId"]


def test_retention_follows_protect_data(dev: Template, prod: Template) -> None:
    for template, policy, protected in ((dev, "Delete", False), (prod, "Retain", True)):
        for table in resources(template.to_json(), "AWS::DynamoDB::Table").values():
            assert table["DeletionPolicy"] == policy
            assert table["Properties"]["DeletionProtectionEnabled"] is protected
            assert table["Properties"]["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is protected
        for bucket in resources(template.to_json(), "AWS::S3::Bucket").values():
            assert bucket["DeletionPolicy"] == policy
        pool = only(template.to_json(), "AWS::Cognito::UserPool")
        assert pool["DeletionPolicy"] == policy
        assert pool["Properties"]["DeletionProtection"] == ("ACTIVE" if protected else "INACTIVE")
    # Only a removable environment empties its buckets on delete.
    assert resources(dev.to_json(), "Custom::S3AutoDeleteObjects")
    assert not resources(prod.to_json(), "Custom::S3AutoDeleteObjects")


def test_user_pool_and_client(dev: Template) -> None:
    dev.has_resource_properties(
        "AWS::Cognito::UserPool",
        {
            "UsernameAttributes": ["email"],
            "MfaConfiguration": "OPTIONAL",
            "EnabledMfas": ["SOFTWARE_TOKEN_MFA"],
            "Policies": {
                "PasswordPolicy": Match.object_like(
                    {
                        "MinimumLength": 12,
                        "RequireSymbols": True,
                        "RequireNumbers": True,
                        "RequireUppercase": True,
                        "RequireLowercase": True,
                    }
                )
            },
            "UserPoolAddOns": {"AdvancedSecurityMode": "AUDIT"},
            "LambdaConfig": {"PostConfirmation": Match.any_value()},
        },
    )
    dev.has_resource_properties("AWS::Cognito::UserPoolGroup", {"GroupName": "admins"})
    client = only(dev.to_json(), "AWS::Cognito::UserPoolClient")["Properties"]
    assert client["GenerateSecret"] is False
    assert set(client["ExplicitAuthFlows"]) == {
        "ALLOW_USER_SRP_AUTH",
        "ALLOW_USER_PASSWORD_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
    }
    assert "AllowedOAuthFlows" not in client  # no OAuth flow at all, so no implicit grant
    assert client["AllowedOAuthFlowsUserPoolClient"] is False


def _identity_pool_role(template: Mapping[str, Any], amr: str) -> str:
    """The logical id of the role the identity pool's role attachment gives `authenticated` or `unauthenticated`."""
    [attachment] = resources(template, "AWS::Cognito::IdentityPoolRoleAttachment").values()
    return attachment["Properties"]["Roles"][amr]["Fn::GetAtt"][0]


def _api_field_arn(template: Mapping[str, Any], type_name: str, field_name: str) -> dict:
    api = only_id(template, "AWS::AppSync::GraphQLApi")
    return {"Fn::Join": ["", [{"Fn::GetAtt": [api, "Arn"]}, f"/types/{type_name}/fields/{field_name}"]]}


def test_identity_role_reaches_only_own_prefix_and_analytics(dev: Template) -> None:
    template = dev.to_json()
    role_id = _identity_pool_role(template, "authenticated")
    trust = template["Resources"][role_id]["Properties"]["AssumeRolePolicyDocument"]["Statement"]
    assert {a for s in trust for a in as_list(s["Action"])} == {"sts:AssumeRoleWithWebIdentity", "sts:TagSession"}
    assert all(s["Condition"]["StringEquals"]["cognito-identity.amazonaws.com:aud"] for s in trust)
    policy = next(
        p for p in resources(template, "AWS::IAM::Policy").values() if {"Ref": role_id} in p["Properties"]["Roles"]
    )
    by_sid = {s.get("Sid"): s for s in policy["Properties"]["PolicyDocument"]["Statement"]}
    s3_statement = by_sid["OwnMediaPrefixOnly"]
    assert json.dumps(s3_statement["Resource"]).endswith('/private/${aws:PrincipalTag/sub}/*"]]}')
    actions = {a for s in policy["Properties"]["PolicyDocument"]["Statement"] for a in as_list(s["Action"])}
    assert actions == {
        "s3:GetObject",
        "s3:PutObject",
        "s3:DeleteObject",
        "firehose:PutRecord",
        "firehose:PutRecordBatch",
    }
    dev.has_resource_properties("AWS::Cognito::IdentityPoolPrincipalTag", {"PrincipalTags": {"sub": "sub"}})
    trust_amr = trust[0]["Condition"]["ForAnyValue:StringLike"]["cognito-identity.amazonaws.com:amr"]
    assert trust_amr == "authenticated"


@pytest.mark.parametrize("environment", ["dev", "prod"])
def test_guests_may_call_exactly_app_config_and_its_types(request, environment: str) -> None:
    """Apps before sign-in: unauthenticated identities are on, and the guest role may call appConfig (with its
    types' fields) and nothing else: no other action, no other field, no wildcard such as Query/fields/*."""
    template = request.getfixturevalue(environment).to_json()
    [pool] = resources(template, "AWS::Cognito::IdentityPool").values()
    assert pool["Properties"]["AllowUnauthenticatedIdentities"] is True
    role_id = _identity_pool_role(template, "unauthenticated")
    assert role_id != _identity_pool_role(template, "authenticated")
    role = template["Resources"][role_id]["Properties"]
    assert "ManagedPolicyArns" not in role and "Policies" not in role
    [trust] = role["AssumeRolePolicyDocument"]["Statement"]
    assert trust["Condition"]["ForAnyValue:StringLike"] == {"cognito-identity.amazonaws.com:amr": "unauthenticated"}
    assert trust["Condition"]["StringEquals"] == {
        "cognito-identity.amazonaws.com:aud": {"Ref": only_id(template, "AWS::Cognito::IdentityPool")}
    }
    statements = [
        s
        for p in resources(template, "AWS::IAM::Policy").values()
        if {"Ref": role_id} in p["Properties"]["Roles"]
        for s in p["Properties"]["PolicyDocument"]["Statement"]
    ]
    assert [(s["Effect"], s["Action"]) for s in statements] == [("Allow", "appsync:GraphQL")]
    granted = as_list(statements[0]["Resource"])
    expected = [_api_field_arn(template, t, f) for t, f in guest_fields()]
    assert sorted(map(json.dumps, granted)) == sorted(map(json.dumps, expected))
    assert ("Query", "appConfig") in guest_fields() and ("Query", "health") not in guest_fields()
    assert {t for t, _ in guest_fields()} == {"Query", "AppConfig", "FeatureSwitch"}
    assert "*" not in json.dumps(granted)


def test_the_graphql_function_gets_its_environments_client_settings(dev: Template, prod: Template) -> None:
    config = load_config()
    for name, template in (("dev", dev), ("prod", prod)):
        functions = resources(template.to_json(), "AWS::Lambda::Function").values()
        [graphql] = [f for f in functions if f["Properties"].get("Handler") == "runtime.graphql_handler.handler"]
        raw = graphql["Properties"]["Environment"]["Variables"]["CLIENT_CONFIG"]
        assert " " not in raw  # compact
        expected = config.clients_for(name)
        assert json.loads(raw) == {"minimum_versions": expected.minimum_versions, "switches": expected.switches}
        others = [f for f in functions if f["Properties"].get("Handler") != "runtime.graphql_handler.handler"]
        assert all("CLIENT_CONFIG" not in json.dumps(f["Properties"].get("Environment")) for f in others)


def test_api_auth_modes_logging_tracing_limits(dev: Template, prod: Template) -> None:
    # Verbose content (request headers with the caller's token) is excluded in every environment by default.
    for template, introspection, verbose_excluded in ((dev, "ENABLED", True), (prod, "DISABLED", True)):
        template.has_resource_properties(
            "AWS::AppSync::GraphQLApi",
            {
                "AuthenticationType": "AMAZON_COGNITO_USER_POOLS",
                "AdditionalAuthenticationProviders": [{"AuthenticationType": "AWS_IAM"}],
                "XrayEnabled": True,
                "QueryDepthLimit": 10,
                "IntrospectionConfig": introspection,
                "LogConfig": Match.object_like(
                    {"ExcludeVerboseContent": verbose_excluded, "CloudWatchLogsRoleArn": Match.any_value()}
                ),
            },
        )


def test_every_query_mutation_and_computed_field_has_a_js_resolver(dev: Template) -> None:
    template = dev.to_json()
    found = {
        (r["Properties"]["TypeName"], r["Properties"]["FieldName"]): r["Properties"]
        for r in resources(template, "AWS::AppSync::Resolver").values()
    }
    expected = {(f.type_name, f.field_name) for f in resolved_fields()}
    assert set(found) == expected
    assert ("Query", "listMyDevices") in found and ("Mutation", "unregisterDevice") in found
    assert not any(t == "Subscription" for t, _ in found)
    for (type_name, field_name), props in found.items():
        assert props["Runtime"] == {"Name": "APPSYNC_JS", "RuntimeVersion": "1.0.0"}
        assert props["Kind"] == "UNIT"
        batched = (type_name, field_name) in {("Post", "author"), ("Comment", "author"), ("Post", "likedByMe")}
        assert ("'BatchInvoke'" in props["Code"]) is batched
        assert props.get("MaxBatchSize") == (100 if batched else None)
        assert "util.error(result.error.message, result.error.type)" in props["Code"]


def test_lambda_asset_runtime_layer_and_env(dev: Template, default_synth) -> None:
    functions = {
        f["Properties"]["Handler"]: f["Properties"]
        for f in resources(dev.to_json(), "AWS::Lambda::Function").values()
        if f["Properties"].get("Handler", "").startswith("runtime.")
    }
    assert set(functions) == {
        "runtime.graphql_handler.handler",
        "runtime.stream_handler.handler",
        "runtime.cognito_trigger.handler",
    }
    for props in functions.values():
        assert props["Runtime"] == "python3.14" and props["Architectures"] == ["arm64"]
        assert props["TracingConfig"] == {"Mode": "Active"}
        assert "Layers" not in props  # Powertools is in the code asset (backend/infra/lambda_asset.py)
    env = functions["runtime.graphql_handler.handler"]["Environment"]["Variables"]
    assert {
        "USERS_TABLE",
        "POSTS_TABLE",
        "COMMENTS_TABLE",
        "LIKES_TABLE",
        "DEVICES_TABLE",
        "MEDIA_BUCKET",
        "PAGINATION_SECRET_ARN",
        "PUSH_APP_ID",
        "APP_VERSION",
        "POWERTOOLS_SERVICE_NAME",
        "POWERTOOLS_METRICS_NAMESPACE",
        "POWERTOOLS_LOG_LEVEL",
    } <= set(env)
    # A secret's Ref is its ARN: the variable names the stack's one secret (the pagination key) itself.
    assert env["PAGINATION_SECRET_ARN"] == {"Ref": only_id(dev.to_json(), "AWS::SecretsManager::Secret")}


def test_powertools_in_the_asset_is_the_dev_pin(tmp_path) -> None:

    pins = (PROJECT_ROOT / "requirements-dev.txt").read_text()
    assert f"aws-lambda-powertools=={POWERTOOLS_VERSION}" in pins
    unpinned = tmp_path / "requirements.txt"
    unpinned.write_text("aws-lambda-powertools>=3\n")
    with pytest.raises(ValueError, match="expected a pinned"):
        pinned_powertools_version(unpinned)


def test_stream_handler_retries_bisects_and_dead_letters(dev: Template) -> None:
    mappings = list(resources(dev.to_json(), "AWS::Lambda::EventSourceMapping").values())
    assert len(mappings) == 2
    for mapping in mappings:
        props = mapping["Properties"]
        assert props["BisectBatchOnFunctionError"] is True
        assert props["MaximumRetryAttempts"] == 5
        assert props["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
        assert "StreamFailures" in json.dumps(props["DestinationConfig"]["OnFailure"])


def test_graphql_function_grants_are_scoped(dev: Template) -> None:
    template = dev.to_json()
    fn = next(
        f
        for f in resources(template, "AWS::Lambda::Function").values()
        if f["Properties"].get("Handler") == "runtime.graphql_handler.handler"
    )
    role_id = fn["Properties"]["Role"]["Fn::GetAtt"][0]
    policy = [
        s
        for p in resources(template, "AWS::IAM::Policy").values()
        if {"Ref": role_id} in p["Properties"]["Roles"]
        for s in p["Properties"]["PolicyDocument"]["Statement"]
    ]
    for statement in policy:
        actions = as_list(statement["Action"])
        resource = json.dumps(statement["Resource"])
        if any(a.startswith("s3:") for a in actions):
            assert sorted(actions) == ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"]
            assert "StorageMedia" in resource and resource.endswith('"/private/*"]]}')
        elif any(a.startswith("secretsmanager:") for a in actions):
            assert "PaginationSecret" in resource
        elif any(a.startswith("dynamodb:") for a in actions):
            assert "Data" in resource and "*" not in resource.replace("/index/*", "")
        else:
            assert statement["Resource"] == "*" and set(actions) == {
                "xray:PutTraceSegments",
                "xray:PutTelemetryRecords",
            }


def test_media_bucket_private_tls_versioned_cors_logged(dev: Template) -> None:
    template = dev.to_json()
    media = next(
        b["Properties"]
        for b in resources(template, "AWS::S3::Bucket").values()
        if "CorsConfiguration" in b["Properties"]
    )
    assert media["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True,
        "BlockPublicPolicy": True,
        "IgnorePublicAcls": True,
        "RestrictPublicBuckets": True,
    }
    assert media["VersioningConfiguration"] == {"Status": "Enabled"}
    assert media["CorsConfiguration"]["CorsRules"][0]["AllowedOrigins"] == ["http://localhost:3000"]
    assert media["LoggingConfiguration"]["LogFilePrefix"] == "media/"
    assert {r["Id"] for r in media["LifecycleConfiguration"]["Rules"]} == {
        "AbortIncompleteUploads",
        "ExpireReplacedVersions",
    }
    tls = [
        s
        for p in resources(template, "AWS::S3::BucketPolicy").values()
        for s in p["Properties"]["PolicyDocument"]["Statement"]
        if s.get("Condition", {}).get("Bool", {}).get("aws:SecureTransport") == "false"
    ]
    assert len(tls) == len(resources(template, "AWS::S3::Bucket"))


def test_alarms_cover_the_required_metrics(dev: Template) -> None:
    alarms = list(resources(dev.to_json(), "AWS::CloudWatch::Alarm").values())
    metrics = {a["Properties"].get("MetricName") for a in alarms}
    assert {
        "5XXError",
        "Latency",
        "Errors",
        "Throttles",
        "DeliveryToS3.Success",
        "NumberOfMessagesSent",  # new stream failures (gating)
        "ApproximateNumberOfMessagesVisible",  # stream failures still waiting (mails only)
    } <= metrics
    # Every table's throttling alarm counts a quiet period as 0 (FILL): it clears once throttling stops.
    tables = set(resources(dev.to_json(), "AWS::DynamoDB::Table"))
    throttled = {
        m["MetricStat"]["Metric"]["Dimensions"][0]["Value"]["Ref"]
        for a in alarms
        for m in a["Properties"].get("Metrics", [])
        if "MetricStat" in m and m["MetricStat"]["Metric"]["MetricName"] == "ReadThrottleEvents"
    }
    assert throttled == tables
    assert {e["Expression"] for a in alarms for e in a["Properties"].get("Metrics", []) if "Expression" in e} == {
        "FILL(reads, 0) + FILL(writes, 0)"
    }
    topic = only_id(dev.to_json(), "AWS::SNS::Topic")
    assert [a["Properties"]["AlarmActions"] for a in alarms] == [[{"Ref": topic}]] * len(alarms)
    dev.has_resource_properties("AWS::SNS::Subscription", {"Protocol": "email", "Endpoint": "dev-alerts@example.com"})
    assert resources(dev.to_json(), "AWS::CloudWatch::Dashboard")


def test_the_canary_runs_in_the_gated_environment_only(dev: Template, prod: Template) -> None:
    config = load_config()
    assert not config.environment("dev").canary_enabled and config.environment("prod").canary_enabled
    every = config.environment("prod").canary.every_minutes
    handlers = {f["Properties"].get("Handler") for f in resources(prod.to_json(), "AWS::Lambda::Function").values()}
    assert {JOURNEY_HANDLER, USER_RESOURCE_HANDLER} <= handlers
    [rule] = [
        r["Properties"]
        for r in resources(prod.to_json(), "AWS::Events::Rule").values()
        if r["Properties"].get("ScheduleExpression")
    ]
    assert rule["ScheduleExpression"] == f"rate({every} minutes)"
    assert len(resources(prod.to_json(), "Custom::CanaryUser")) == 1
    canary_alarms = {
        a["Properties"]["MetricName"]: a["Properties"]
        for a in resources(prod.to_json(), "AWS::CloudWatch::Alarm").values()
        if a["Properties"].get("Namespace") == "MobileBackend/Canary"
    }
    assert set(canary_alarms) == {"JourneySucceeded", "JourneyDuration"}
    assert {a["Period"] for a in canary_alarms.values()} == {every * 60}
    assert canary_alarms["JourneySucceeded"]["Dimensions"] == [{"Name": "Environment", "Value": "prod"}]
    # dev is not gated: no canary, no function, no schedule, no alarm.
    dev_handlers = {f["Properties"].get("Handler") for f in resources(dev.to_json(), "AWS::Lambda::Function").values()}
    assert not {JOURNEY_HANDLER, USER_RESOURCE_HANDLER} & dev_handlers
    assert not resources(dev.to_json(), "Custom::CanaryUser")
    assert "MobileBackend/Canary" not in json.dumps(resources(dev.to_json(), "AWS::CloudWatch::Alarm"))


def test_the_prod_gate_is_any_alarm_of_its_gating_kinds_and_not_the_backlog(default_synth, prod: Template) -> None:
    stack = default_synth.pipeline.stages["prod"].stack
    kinds = load_config().environment("prod").gate_alarm_kinds
    assert "stream_dlq" in kinds and "canary" in kinds

    def ids(kind: str) -> set[str]:
        return {logical_id(alarm) for alarm in stack.monitoring.alarms_by_kind[kind]}

    [gate] = resources(prod.to_json(), "AWS::CloudWatch::CompositeAlarm").values()
    parts = gate["Properties"]["AlarmRule"]["Fn::Join"][1]
    members = {p["Fn::GetAtt"][0] for p in parts if isinstance(p, dict)}
    assert members == set().union(*(ids(kind) for kind in kinds))
    assert all(p in ('(ALARM("', '") OR ALARM("', '"))') for p in parts if isinstance(p, str))
    assert not ids(STREAM_DLQ_BACKLOG) & members
    assert ids(STREAM_DLQ_BACKLOG)  # the backlog alarm exists, and mails


def test_push_app_without_channels_when_no_secrets(dev: Template) -> None:
    assert len(resources(dev.to_json(), "AWS::Pinpoint::App")) == 1
    for channel in ("AWS::Pinpoint::APNSChannel", "AWS::Pinpoint::GCMChannel", "AWS::Pinpoint::APNSSandboxChannel"):
        assert not resources(dev.to_json(), channel)
    assert not [
        t
        for t in dev.to_json()["Resources"].values()
        if t["Type"] in ("AWS::Pinpoint::Campaign", "AWS::Pinpoint::Segment", "AWS::Pinpoint::ApplicationSettings")
    ]


def test_outputs_and_auth_settings(dev: Template, prod: Template) -> None:
    base = {
        "GraphQLUrl",
        "GraphQLApiId",
        "Region",
        "UserPoolId",
        "UserPoolClientId",
        "IdentityPoolId",
        "MediaBucketName",
        "AnalyticsStreamName",
        "PushAppId",
        "AuthSettings",
    }
    assert set(dev.to_json()["Outputs"]) == base | {"TestRoleArn", "TestUsersAllowed"}
    assert set(prod.to_json()["Outputs"]) == base | {"TestRoleArn", "TestUsersAllowed"}
    assert dev.to_json()["Outputs"]["TestUsersAllowed"]["Value"] == "true"
    assert prod.to_json()["Outputs"]["TestUsersAllowed"]["Value"] == "false"
    settings = json.loads(dev.to_json()["Outputs"]["AuthSettings"]["Value"])
    assert (
        settings["password_policy"]["min_length"] == 12
        and settings["mfa_methods"] == ["TOTP"]
        and settings["groups"] == ["admins"]
    )


def test_test_user_role_trusts_only_the_test_step_and_this_pool(dev: Template) -> None:
    template = dev.to_json()
    role = next(
        r
        for r in resources(template, "AWS::IAM::Role").values()
        if r["Properties"].get("RoleName") == "mobile-backend-dev-test-users"
    )
    trust = role["Properties"]["AssumeRolePolicyDocument"]["Statement"]
    assert len(trust) == 1
    assert trust[0]["Condition"] == {
        "ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::111111111111:role/mobile-backend-dev-integ-tests"}
    }
    assert "111111111111" in json.dumps(trust[0]["Principal"])
    policy = next(
        p
        for p in resources(template, "AWS::IAM::Policy").values()
        if "TestAccess" in json.dumps(p["Properties"]["Roles"])
    )["Properties"]["PolicyDocument"]["Statement"]
    assert [s["Sid"] for s in policy] == ["ThisStacksOutputs", "TestUsersInThisPool", "IamAuthorizedFields"]
    outputs = next(s for s in policy if s["Sid"] == "ThisStacksOutputs")
    assert outputs["Action"] == "cloudformation:DescribeStacks" and outputs["Resource"] == {"Ref": "AWS::StackId"}
    cognito = next(s for s in policy if s["Sid"] == "TestUsersInThisPool")
    assert all(a.startswith("cognito-idp:Admin") for a in cognito["Action"])
    assert "UserPool" in json.dumps(cognito["Resource"]) and "*" not in json.dumps(cognito["Resource"])
    graphql = next(s for s in policy if s["Sid"] == "IamAuthorizedFields")
    assert as_list(graphql["Resource"]) == [_api_field_arn(template, t, f) for t, f in sorted(iam_fields())]


def test_protected_environment_test_role_may_only_read_its_stack_and_call_health(prod: Template) -> None:
    template = prod.to_json()
    granted = [
        s
        for p in resources(template, "AWS::IAM::Policy").values()
        if "TestAccess" in json.dumps(p["Properties"]["Roles"])
        for s in p["Properties"]["PolicyDocument"]["Statement"]
    ]
    assert [s["Sid"] for s in granted] == ["ThisStacksOutputs", "IamAuthorizedFields"]
    assert granted[0]["Action"] == "cloudformation:DescribeStacks" and granted[0]["Resource"] == {"Ref": "AWS::StackId"}
    assert granted[1]["Action"] == "appsync:GraphQL"
    # The @aws_iam root fields (health, appConfig), each by its own ARN.
    assert as_list(granted[1]["Resource"]) == [_api_field_arn(template, t, f) for t, f in sorted(iam_fields())]
