"""The worst-case renderer: exact where the template and manifest say, the longest possible elsewhere."""

from __future__ import annotations

import json

import pytest

from devtools.preflight.render import GENERATED_NAME_EXTRA, Renderer
from devtools.preflight.resource_shapes import UNKNOWN_LENGTH
from pipeline.cloudformation.partitions import longest_dns_suffix, longest_partition_name, longest_region

from .helpers import ACCOUNT, make_stack, resource


def render(node, resources=None, **kwargs):
    return Renderer(make_stack(resources, **kwargs)).value(node)


def test_join_with_account_id_counts_twelve_digits_when_the_account_is_not_known():
    value = render({"Fn::Join": ["", ["arn:aws:iam::", {"Ref": "AWS::AccountId"}, ":root"]]}, account=None)
    assert value.length == len("arn:aws:iam::") + 12 + len(":root")
    assert not value.exact


def test_account_id_is_exact_when_the_manifest_names_the_account():
    value = render({"Fn::Join": ["", ["arn:aws:iam::", {"Ref": "AWS::AccountId"}, ":root"]]})
    assert value.text == f"arn:aws:iam::{ACCOUNT}:root"


def test_region_partition_and_url_suffix_follow_the_manifest_region():
    node = {"Fn::Sub": "${AWS::Region}|${AWS::Partition}|${AWS::URLSuffix}"}
    assert render(node, region="cn-north-1").text == "cn-north-1|aws-cn|amazonaws.com.cn"
    assert render(node, region="us-gov-west-1").text == "us-gov-west-1|aws-us-gov|amazonaws.com"


def test_an_environment_agnostic_stack_gets_the_longest_region_partition_and_suffix():
    value = render({"Fn::Sub": "${AWS::Region}|${AWS::Partition}|${AWS::URLSuffix}"}, region=None)
    assert value.length == len(longest_region()) + len(longest_partition_name()) + len(longest_dns_suffix()) + 2
    assert len(longest_region()) >= len("ap-southeast-2") and longest_partition_name() == "aws-us-gov"


def test_stack_name_and_stack_id_use_the_manifest_stack_name():
    assert render({"Ref": "AWS::StackName"}, stack_name="Dev-MobileBackend").text == "Dev-MobileBackend"
    stack_id = render({"Ref": "AWS::StackId"}, stack_name="Dev-MobileBackend")
    assert stack_id.sample.startswith(f"arn:aws:cloudformation:us-east-1:{ACCOUNT}:stack/Dev-MobileBackend/")
    assert stack_id.length == len(f"arn:aws:cloudformation:us-east-1:{ACCOUNT}:stack/Dev-MobileBackend/") + 36


def test_a_codepipeline_variable_counts_as_written():
    assert render("#{Deploy.GraphQLUrl}").text == "#{Deploy.GraphQLUrl}"


def test_a_dynamic_reference_counts_as_the_longest_value_its_store_holds():
    assert render("{{resolve:ssm:/my/param}}").length == 8192
    assert render("x{{resolve:secretsmanager:MySecret:SecretString:password}}").length == 1 + 65536


class TestParameters:
    def test_default_is_the_value(self):
        parameters = {"Env": {"Type": "String", "Default": "prod"}}
        assert render({"Ref": "Env"}, Parameters=parameters).text == "prod"

    def test_without_default_the_longest_allowed_value_or_max_length_or_the_quota(self):
        parameters = {
            "Choice": {"Type": "String", "AllowedValues": ["a", "bbb"]},
            "Bounded": {"Type": "String", "MaxLength": 20},
            "Free": {"Type": "String"},
        }
        assert render({"Ref": "Choice"}, Parameters=parameters).length == 3
        assert render({"Ref": "Bounded"}, Parameters=parameters).length == 20
        assert render({"Ref": "Free"}, Parameters=parameters).length == 4096

    def test_an_ssm_typed_parameter_is_bounded_by_the_parameter_value_quota(self):
        parameters = {"Layer": {"Type": "AWS::SSM::Parameter::Value<String>", "Default": "/aws/service/x"}}
        assert render({"Ref": "Layer"}, Parameters=parameters).length == 4096

    def test_cdk_bootstrap_version_is_a_short_number(self):
        parameters = {
            "BootstrapVersion": {
                "Type": "AWS::SSM::Parameter::Value<String>",
                "Default": "/cdk-bootstrap/hnb659fds/version",
            }
        }
        assert render({"Ref": "BootstrapVersion"}, Parameters=parameters).length == 10

    def test_a_list_parameter_joins_its_default(self):
        parameters = {"Subnets": {"Type": "CommaDelimitedList", "Default": "a,bb,ccc"}}
        assert render({"Fn::Join": ["-", {"Ref": "Subnets"}]}, Parameters=parameters).text == "a-bb-ccc"
        assert render({"Fn::Select": [1, {"Ref": "Subnets"}]}, Parameters=parameters).text == "bb"


class TestResourceReferences:
    def test_an_explicit_name_is_rendered_recursively(self):
        resources = {
            "Table": resource(
                "AWS::DynamoDB::Table", TableName={"Fn::Join": ["-", [{"Ref": "AWS::StackName"}, "users"]]}
            ),
        }
        assert render({"Ref": "Table"}, resources, stack_name="Dev").text == "Dev-users"

    def test_a_generated_name_is_stack_name_logical_id_and_suffix(self):
        resources = {"Table": resource("AWS::DynamoDB::Table")}
        value = render({"Ref": "Table"}, resources, stack_name="Dev-MobileBackend")
        assert value.length == len("Dev-MobileBackend") + len("Table") + GENERATED_NAME_EXTRA
        assert not value.exact

    def test_a_generated_name_is_capped_at_the_types_maximum(self):
        long_id = "Role" + "X" * 80
        resources = {long_id: resource("AWS::IAM::Role"), "Bucket" + "Y" * 80: resource("AWS::S3::Bucket")}
        assert render({"Ref": long_id}, resources).length == 64  # botocore iam roleNameType
        assert render({"Ref": "Bucket" + "Y" * 80}, resources).length == 63  # S3 bucket naming rules

    def test_role_arn_is_partition_account_path_and_name(self):
        resources = {"Role": resource("AWS::IAM::Role", RoleName="deployer", Path="/ci/")}
        assert render({"Fn::GetAtt": ["Role", "Arn"]}, resources).text == f"arn:aws:iam::{ACCOUNT}:role/ci/deployer"
        assert render({"Fn::GetAtt": "Role.Arn"}, resources).text == f"arn:aws:iam::{ACCOUNT}:role/ci/deployer"

    def test_a_lambda_arn_carries_the_worst_case_generated_name(self):
        resources = {"Fn": resource("AWS::Lambda::Function")}
        value = render({"Fn::GetAtt": ["Fn", "Arn"]}, resources, stack_name="S")
        prefix = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:"
        assert value.sample.startswith(prefix)
        assert value.length == len(prefix) + len("S") + len("Fn") + GENERATED_NAME_EXTRA

    def test_an_sqs_ref_is_the_queue_url(self):
        resources = {"Queue": resource("AWS::SQS::Queue", QueueName="jobs")}
        assert render({"Ref": "Queue"}, resources).text == f"https://sqs.us-east-1.amazonaws.com/{ACCOUNT}/jobs"

    def test_a_user_pool_id_is_as_long_as_botocore_allows(self):
        resources = {"Pool": resource("AWS::Cognito::UserPool")}
        assert render({"Ref": "Pool"}, resources).length == 55

    def test_unknown_types_and_attributes_are_conservative(self):
        resources = {"Thing": resource("AWS::Made::Up"), "Custom": resource("Custom::Thing")}
        assert render({"Ref": "Thing"}, resources).length == UNKNOWN_LENGTH
        assert render({"Fn::GetAtt": ["Thing", "Whatever"]}, resources).length == UNKNOWN_LENGTH
        assert render({"Fn::GetAtt": ["Custom", "Data"]}, resources).length == 4096
        assert render({"Fn::ImportValue": "SharedVpc"}).length == UNKNOWN_LENGTH


class TestFunctions:
    def test_sub_both_forms(self):
        resources = {"Topic": resource("AWS::SNS::Topic", TopicName="alerts")}
        assert render({"Fn::Sub": "${Topic.TopicName}-${AWS::Region}-${!Literal}"}, resources).text == (
            "alerts-us-east-1-${Literal}"
        )
        assert render({"Fn::Sub": ["${A}/${B}", {"A": "x", "B": {"Ref": "AWS::AccountId"}}]}).text == f"x/{ACCOUNT}"

    def test_if_takes_the_longer_branch(self):
        value = render({"Fn::If": ["IsProd", "short", "much-longer"]})
        assert value.length == len("much-longer") and not value.exact
        assert render({"Fn::If": ["IsProd", "same", "same"]}).text == "same"

    def test_select_and_split(self):
        assert render({"Fn::Select": [2, {"Fn::Split": [":", "a:b:c:d"]}]}).text == "c"
        unknown_source = {"Fn::Split": [":", {"Ref": "AWS::AccountId"}]}
        value = render({"Fn::Select": [0, unknown_source]}, account=None)
        assert value.length == 12 and not value.exact

    def test_get_azs_has_at_most_26_zones(self):
        value = render({"Fn::Join": [",", {"Fn::GetAZs": ""}]})
        assert value.length == 26 * len("us-east-1a") + 25

    def test_find_in_map_exact_keys_and_unknown_keys(self):
        mappings = {"Sizes": {"dev": {"Name": "s"}, "prod": {"Name": "large"}}}
        assert render({"Fn::FindInMap": ["Sizes", "dev", "Name"]}, Mappings=mappings).text == "s"
        value = render({"Fn::FindInMap": ["Sizes", {"Ref": "AWS::AccountId"}, "Name"]}, Mappings=mappings, account=None)
        assert value.length == len("large") and not value.exact

    def test_base64(self):
        assert render({"Fn::Base64": "hello"}).text == "aGVsbG8="
        assert render({"Fn::Base64": {"Ref": "AWS::AccountId"}}, account=None).length == 16


class TestJson:
    def test_compact_with_placeholders_for_deploy_time_values(self):
        resources = {"Bucket": resource("AWS::S3::Bucket", BucketName="media")}
        document = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": "s3:GetObject",
                    "Resource": {"Fn::Join": ["", [{"Fn::GetAtt": ["Bucket", "Arn"]}, "/*"]]},
                },
                {"Fn::If": ["Never", {"Effect": "Deny"}, {"Ref": "AWS::NoValue"}]},
            ],
        }
        value = Renderer(make_stack(resources)).json(document)
        expected = {
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::media/*"},
                {"Effect": "Deny"},
            ],
        }
        assert value.length == len(json.dumps(expected, separators=(",", ":")))
        assert not value.exact  # the Fn::If might leave the second statement out

    def test_a_no_value_key_is_left_out(self):
        value = Renderer(make_stack()).json({"A": "1", "B": {"Ref": "AWS::NoValue"}})
        assert value.text == '{"A":"1"}'


@pytest.mark.parametrize("node", [True, 12, 1.5])
def test_scalars_render_as_cloudformation_passes_them(node):
    assert render(node).text == json.dumps(node)
