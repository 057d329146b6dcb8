"""pipeline/cloudformation/intrinsics.py: the one resolver and pseudo-parameter table of the sandbox, the dry run and
the preflight."""

from __future__ import annotations

import pytest

from pipeline.cloudformation.intrinsics import Resolver, Unresolved, pseudo_parameters, resolve, sub_variable


def test_the_partition_and_url_suffix_follow_from_the_region() -> None:
    assert pseudo_parameters(account="111111111111", region="eu-west-1", stack_name="Dev-App") == {
        "AWS::AccountId": "111111111111",
        "AWS::Region": "eu-west-1",
        "AWS::Partition": "aws",
        "AWS::URLSuffix": "amazonaws.com",
        "AWS::StackName": "Dev-App",
    }
    china = pseudo_parameters(account=None, region="cn-north-1")
    assert china == {"AWS::Region": "cn-north-1", "AWS::Partition": "aws-cn", "AWS::URLSuffix": "amazonaws.com.cn"}
    assert pseudo_parameters(account=None, region=None) == {}  # an environment-agnostic stack: nothing known


def test_sub_join_select_split_and_no_value() -> None:
    pseudo = pseudo_parameters(account="111111111111", region="us-east-1")
    resolver = Resolver({"Table": {"Ref": "posts", "Arn": "arn:posts"}}, pseudo, {"Stage": "dev"})
    value = {
        "Name": {"Fn::Sub": ["${Stage}-${Table}-${!Literal}-${AWS::Region}", {"Stage": {"Ref": "Stage"}}]},
        "Arn": {"Fn::Join": [":", ["arn", {"Ref": "AWS::Partition"}, {"Fn::GetAtt": ["Table", "Arn"]}]]},
        "First": {"Fn::Select": [0, {"Fn::Split": [",", "a,b"]}]},
        "Gone": {"Ref": "AWS::NoValue"},
        "List": ["kept", {"Ref": "AWS::NoValue"}],
    }
    assert resolver.resolve(value) == {
        "Name": "dev-posts-${Literal}-us-east-1",
        "Arn": "arn:aws:arn:posts",
        "First": "a",
        "List": ["kept"],
    }


def test_what_only_a_deployment_knows_raises_or_is_a_placeholder() -> None:
    pseudo = pseudo_parameters(account="111111111111", region="us-east-1")
    with pytest.raises(Unresolved, match="Ref Topic"):
        resolve({"Fn::Join": ["", ["x", {"Ref": "Topic"}]]}, pseudo)
    with pytest.raises(Unresolved, match=r"Fn::GetAtt Topic\.TopicName"):
        resolve({"Fn::Sub": "${Topic.TopicName}"}, pseudo)
    with pytest.raises(Unresolved, match="Fn::If"):
        resolve({"Fn::If": ["C", "a", "b"]}, pseudo)
    assert resolve({"Fn::Join": ["/", [{"Ref": "Topic"}, "x"]]}, pseudo, lenient=True) == "<Ref Topic>/x"


def test_sub_variables_are_read_one_way() -> None:
    assert sub_variable("!Literal", {}).name == "${Literal}"
    assert sub_variable("AWS::Region", {}).kind == "ref"
    assert (sub_variable("Table.Arn", {}).kind, sub_variable("Table.Arn", {}).attribute) == ("attribute", "Arn")
    assert sub_variable("Table.Arn", {"Table.Arn": "x"}).kind == "variable"
