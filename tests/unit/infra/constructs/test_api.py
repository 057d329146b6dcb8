"""GraphQLApi alone: auth modes, logging per protect_data and appsync_verbose_logs, one APPSYNC_JS resolver per
runtime field."""

from __future__ import annotations

import pytest
from aws_cdk import aws_cognito as cognito
from aws_cdk.assertions import Template

from backend.infra import api as api_module
from backend.infra.api import MAX_BATCH_SIZE, QUERY_DEPTH_LIMIT, GraphQLApi, lambda_resolver_code
from backend.infra.nag import logical_id
from backend.infra.schema_fields import resolved_fields

from .support import bare_stack, inline_function, of_type, policy_statements, resource, settings


def _build(protect: bool, *, verbose: bool = False) -> tuple[GraphQLApi, Template]:
    stack = bare_stack()
    pool = cognito.UserPool(stack, "Pool")
    graphql = GraphQLApi(
        stack,
        "GraphQL",
        settings=settings(protect_data=protect, appsync_verbose_logs=verbose),
        user_pool=pool,
        handler=inline_function(stack, "Handler"),
    )
    return graphql, Template.from_stack(stack)


@pytest.fixture(scope="module")
def built() -> dict[bool, tuple[GraphQLApi, Template]]:
    return {protect: _build(protect) for protect in (False, True)}


def _ids(graphql: GraphQLApi) -> tuple[str, str]:
    assert graphql.node.scope is not None
    scope = graphql.node.scope.node
    return logical_id(scope.find_child("Pool")), logical_id(scope.find_child("Handler"))


@pytest.mark.parametrize("protect", [False, True], ids=["removable", "protected"])
def test_cognito_user_pool_is_the_default_mode_and_iam_the_only_additional_one(built, protect: bool) -> None:
    graphql, template = built[protect]
    pool_id, _ = _ids(graphql)
    props = resource(template, graphql.api)["Properties"]
    assert props["Name"] == "Test-api"
    assert props["AuthenticationType"] == "AMAZON_COGNITO_USER_POOLS"
    assert props["UserPoolConfig"] == {
        "AwsRegion": {"Ref": "AWS::Region"},
        "DefaultAction": "ALLOW",
        "UserPoolId": {"Ref": pool_id},
    }
    assert props["AdditionalAuthenticationProviders"] == [{"AuthenticationType": "AWS_IAM"}]
    assert props["XrayEnabled"] is True
    assert props["QueryDepthLimit"] == QUERY_DEPTH_LIMIT == 10


@pytest.mark.parametrize(
    ("protect", "introspection", "field_level", "retention_days"),
    [(False, "ENABLED", "ALL", 14), (True, "DISABLED", "ERROR", 365)],
    ids=["removable", "protected"],
)
def test_introspection_and_logging_follow_protect_data_and_never_log_tokens_by_default(
    built, protect: bool, introspection: str, field_level: str, retention_days: int
) -> None:
    graphql, template = built[protect]
    props = resource(template, graphql.api)["Properties"]
    assert props["IntrospectionConfig"] == introspection
    # Verbose content (request headers with Authorization, evaluated resolver payloads) is out in both.
    assert props["LogConfig"] == {
        "CloudWatchLogsRoleArn": {"Fn::GetAtt": [logical_id(graphql.api.node.find_child("ApiLogsRole")), "Arn"]},
        "ExcludeVerboseContent": True,
        "FieldLogLevel": field_level,
    }
    [retention] = of_type(template, "Custom::LogRetention").values()
    assert retention["Properties"]["LogGroupName"] == {
        "Fn::Join": ["", ["/aws/appsync/apis/", {"Fn::GetAtt": [logical_id(graphql.api), "ApiId"]}]]
    }
    assert retention["Properties"]["RetentionInDays"] == retention_days


def test_a_removable_environment_may_opt_in_to_verbose_content() -> None:
    graphql, template = _build(False, verbose=True)
    log_config = resource(template, graphql.api)["Properties"]["LogConfig"]
    assert (log_config["ExcludeVerboseContent"], log_config["FieldLogLevel"]) == (False, "ALL")


def test_verbose_content_is_refused_next_to_protected_data() -> None:
    with pytest.raises(ValueError, match="appsync_verbose_logs is refused where protect_data is true"):
        _build(True, verbose=True)


def test_the_config_key_reaches_the_settings_and_defaults_to_excluded(default_synth) -> None:
    from config import load_config
    from pipeline.environment_settings import backend_settings

    config = load_config()
    dev = next(env for env in config.environments if not env.protect_data)
    assert backend_settings(config, dev).appsync_verbose_logs is False
    opted_in = dev.model_copy(update={"appsync_verbose_logs": True})
    assert backend_settings(config, opted_in).appsync_verbose_logs is True
    # The personal stage (what the sandbox synthesizes) follows the default.
    personal = default_synth.assembly.get_nested_assembly("assembly-Personal-alice").stacks[0].template
    [api] = [r for r in personal["Resources"].values() if r["Type"] == "AWS::AppSync::GraphQLApi"]
    assert api["Properties"]["LogConfig"]["ExcludeVerboseContent"] is True


def test_schema_is_the_contract_file_verbatim(built) -> None:
    _graphql, template = built[False]
    [schema] = of_type(template, "AWS::AppSync::GraphQLSchema").values()
    assert schema["Properties"]["Definition"] == api_module.SCHEMA_PATH.read_text(encoding="utf-8")


def test_lambda_data_source_may_invoke_only_the_handler(built) -> None:
    graphql, template = built[False]
    _, handler_id = _ids(graphql)
    source = resource(template, graphql.data_source)["Properties"]
    assert (source["Type"], source["Name"]) == ("AWS_LAMBDA", "Runtime")
    assert source["LambdaConfig"] == {"LambdaFunctionArn": {"Fn::GetAtt": [handler_id, "Arn"]}}
    role_id = source["ServiceRoleArn"]["Fn::GetAtt"][0]
    assert policy_statements(template, role_id) == [
        {
            "Action": "lambda:InvokeFunction",
            "Effect": "Allow",
            "Resource": [
                {"Fn::GetAtt": [handler_id, "Arn"]},
                {"Fn::Join": ["", [{"Fn::GetAtt": [handler_id, "Arn"]}, ":*"]]},
            ],
        }
    ]


def test_every_runtime_field_has_the_shared_resolver_and_only_batched_ones_batch(built) -> None:
    graphql, template = built[False]
    found = {
        (r["Properties"]["TypeName"], r["Properties"]["FieldName"]): r["Properties"]
        for r in of_type(template, "AWS::AppSync::Resolver").values()
    }
    expected = {(f.type_name, f.field_name): f.batched for f in resolved_fields()}
    assert set(found) == set(expected)
    assert any(expected.values()) and not all(expected.values())  # both kinds are exercised
    for key, batched in expected.items():
        props = found[key]
        assert props["Code"] == lambda_resolver_code(batched=batched), key
        assert props.get("MaxBatchSize") == (MAX_BATCH_SIZE if batched else None), key
        assert (props["Kind"], props["Runtime"], props["DataSourceName"]) == (
            "UNIT",
            {"Name": "APPSYNC_JS", "RuntimeVersion": "1.0.0"},
            "Runtime",
        ), key
        assert props["ApiId"] == {"Fn::GetAtt": [logical_id(graphql.api), "ApiId"]}, key


def test_field_arn_names_one_field_of_this_api(built) -> None:
    graphql, _ = built[False]
    stack = graphql.node.scope
    assert stack.resolve(graphql.field_arn("Query", "health")) == {
        "Fn::Join": ["", [{"Fn::GetAtt": [logical_id(graphql.api), "Arn"]}, "/types/Query/fields/health"]]
    }
