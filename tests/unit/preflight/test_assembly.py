"""Reading a cloud assembly: nested assemblies, template paths, stack names and environments."""

from __future__ import annotations

import pytest

from devtools.preflight import AssemblyError, load_stacks

from .helpers import stack_artifact, write_assembly

TEMPLATE = {"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}}


def test_stacks_of_nested_assemblies_are_found_with_paths_relative_to_the_root(tmp_path):
    write_assembly(
        tmp_path,
        {
            "artifacts": {
                "assembly-Pipeline-Dev": {
                    "type": "cdk:cloud-assembly",
                    "properties": {"directoryName": "assembly-Pipeline-Dev"},
                },
                "Pipeline": stack_artifact("Pipeline.template.json"),
            }
        },
        {"Pipeline.template.json": TEMPLATE},
    )
    write_assembly(
        tmp_path / "assembly-Pipeline-Dev",
        {
            "artifacts": {
                "PipelineDevApp1234": stack_artifact(
                    "PipelineDevApp1234.template.json", "aws://222222222222/eu-west-1", stackName="Dev-App"
                ),
            }
        },
        {"PipelineDevApp1234.template.json": TEMPLATE},
    )
    stacks = load_stacks(tmp_path)
    assert [(s.template_path, s.stack_name, s.account, s.region) for s in stacks] == [
        ("assembly-Pipeline-Dev/PipelineDevApp1234.template.json", "Dev-App", "222222222222", "eu-west-1"),
        ("Pipeline.template.json", "Pipeline", "123456789012", "us-east-1"),  # no stackName: the artifact id
    ]
    assert stacks[0].size_bytes == (tmp_path / stacks[0].template_path).stat().st_size


def test_the_aws_cloud_assembly_spelling_is_accepted_too(tmp_path):
    write_assembly(
        tmp_path,
        {"artifacts": {"nested": {"type": "aws:cloud-assembly", "properties": {"directoryName": "nested"}}}},
        {},
    )
    write_assembly(
        tmp_path / "nested", {"artifacts": {"S": stack_artifact("S.template.json")}}, {"S.template.json": TEMPLATE}
    )
    assert [s.template_path for s in load_stacks(tmp_path)] == ["nested/S.template.json"]


def test_an_environment_agnostic_stack_has_no_account_or_region(tmp_path):
    write_assembly(
        tmp_path,
        {"artifacts": {"S": stack_artifact("S.template.json", "aws://unknown-account/unknown-region")}},
        {"S.template.json": TEMPLATE},
    )
    (stack,) = load_stacks(tmp_path)
    assert (stack.account, stack.region) == (None, None)


def test_a_directory_without_manifest_is_an_error(tmp_path):
    with pytest.raises(AssemblyError, match=r"no manifest\.json"):
        load_stacks(tmp_path)


def test_a_missing_template_is_an_error(tmp_path):
    write_assembly(tmp_path, {"artifacts": {"S": stack_artifact("S.template.json")}}, {})
    with pytest.raises(AssemblyError, match=r"S\.template\.json: not found"):
        load_stacks(tmp_path)
