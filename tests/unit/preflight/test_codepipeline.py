"""CodePipeline: action configuration values, stage/action/pipeline names, actions per stage, stages."""

from __future__ import annotations

import json

from .helpers import failures, resource


def action(name="Build", configuration=None, **extra):
    return {
        "Name": name,
        "ActionTypeId": {"Category": "Build", "Owner": "AWS", "Provider": "CodeBuild", "Version": "1"},
        "Configuration": configuration or {"ProjectName": "project"},
        "RunOrder": 1,
        **extra,
    }


def pipeline(stages=None, name="my-pipeline"):
    stages = stages or [{"Name": "Source", "Actions": [action("Checkout")]}, {"Name": "Build", "Actions": [action()]}]
    return {
        "Pipeline": resource("AWS::CodePipeline::Pipeline", Name=name, RoleArn="arn:aws:iam::1:role/r", Stages=stages)
    }


def environment_variables(count: int) -> str:
    return json.dumps(
        [{"name": f"VAR_{i}", "type": "PLAINTEXT", "value": "#{Deploy.Output}"} for i in range(count)],
        separators=(",", ":"),
    )


def test_a_good_pipeline_passes():
    assert failures(pipeline()) == []


def test_an_action_configuration_value_over_1000_chars_fails():
    value = environment_variables(30)
    assert len(value) > 1000
    stages = [
        {"Name": "Source", "Actions": [action("Checkout")]},
        {"Name": "Test", "Actions": [action(configuration={"ProjectName": "p", "EnvironmentVariables": value})]},
    ]
    assert failures(pipeline(stages)) == [
        f"Test.template.json: Pipeline: Properties.Stages[1].Actions[0].Configuration.EnvironmentVariables: "
        f"{len(value)} chars > max 1000 (botocore codepipeline ActionConfigurationValue)"
    ]


def test_a_configuration_value_of_exactly_1000_chars_passes():
    stages = [
        {"Name": "Source", "Actions": [action("Checkout")]},
        {"Name": "Test", "Actions": [action(configuration={"CustomData": "x" * 1000})]},
    ]
    assert failures(pipeline(stages)) == []


def test_a_configuration_value_resolved_at_deploy_time_counts_at_its_worst_case():
    # A generated CodeBuild project name is up to len(stack) + len(logical id) + 15 characters: 40 + 67 + 15.
    resources = {"Project" + "P" * 60: resource("AWS::CodeBuild::Project")}
    joined = {"Fn::Join": ["", ["x" * 900, {"Ref": "Project" + "P" * 60}]]}
    stages = [
        {"Name": "Source", "Actions": [action("Checkout")]},
        {"Name": "Test", "Actions": [action(configuration={"ProjectName": joined})]},
    ]
    found = failures({**pipeline(stages), **resources}, stack_name="S" * 40)
    assert found == [
        "Test.template.json: Pipeline: Properties.Stages[1].Actions[0].Configuration.ProjectName: "
        "1022 chars (worst case) > max 1000 (botocore codepipeline ActionConfigurationValue)"
    ]


def test_stage_and_action_names_follow_botocore_patterns():
    stages = [
        {"Name": "Source stage", "Actions": [action("Checkout")]},
        {"Name": "Build", "Actions": [action("A" * 101)]},
    ]
    found = failures(pipeline(stages))
    assert any(
        "Properties.Stages[0].Name: 'Source stage' does not match" in line and "StageName" in line for line in found
    )
    assert any(
        "Properties.Stages[1].Actions[0].Name: 101 chars > max 100 (botocore codepipeline ActionName)" in line
        for line in found
    )


def test_pipeline_name_follows_botocore():
    assert any(
        "Properties.Name: 'my pipeline' does not match" in line for line in failures(pipeline(name="my pipeline"))
    )


def test_more_than_50_actions_in_a_stage_fails():
    stages = [
        {"Name": "Source", "Actions": [action("Checkout")]},
        {"Name": "Wide", "Actions": [action(f"A{i}") for i in range(51)]},
    ]
    found = failures(pipeline(stages))
    assert len(found) == 1
    assert found[0].startswith(
        "Test.template.json: Pipeline: Properties.Stages[1].Actions: 51 actions > max 50 "
        "(CodePipeline quotas https://docs.aws.amazon.com/codepipeline/"
    )


def test_fifty_actions_pass():
    stages = [
        {"Name": "Source", "Actions": [action("Checkout")]},
        {"Name": "Wide", "Actions": [action(f"A{i}") for i in range(50)]},
    ]
    assert failures(pipeline(stages)) == []


def test_a_pipeline_needs_two_stages():
    found = failures(pipeline([{"Name": "Only", "Actions": [action()]}]))
    assert [line for line in found if "Properties.Stages: 1 stages < min 2" in line]
