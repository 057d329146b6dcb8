"""`python -m devtools.preflight`: failure lines and exit 1, or a summary and exit 0; the line format."""

from __future__ import annotations

import json
import re

from devtools.preflight.__main__ import main

from .helpers import stack_artifact, write_assembly

LINE = re.compile(
    r"^(?P<template>[^:]+\.template\.json): (?P<logical_id>[^:]+): (?P<path>[^:]+): "
    r"(?P<observed>\d+ chars( \(worst case\))?) (?P<limit>> max \d+) \((?P<source>[^)]+)\)$"
)


def pipeline_template(configuration_value: str) -> dict:
    actions = [
        {
            "Name": "Test",
            "ActionTypeId": {"Category": "Build", "Owner": "AWS", "Provider": "CodeBuild", "Version": "1"},
            "Configuration": {"ProjectName": "p", "EnvironmentVariables": configuration_value},
        }
    ]
    stages = [
        {"Name": "Source", "Actions": [{**actions[0], "Name": "Checkout", "Configuration": {"ProjectName": "p"}}]},
        {"Name": "Dev", "Actions": actions},
    ]
    return {
        "Resources": {
            "PipelineABC": {
                "Type": "AWS::CodePipeline::Pipeline",
                "Properties": {"RoleArn": "arn:aws:iam::1:role/r", "Stages": stages},
            }
        }
    }


def assembly(tmp_path, value: str):
    write_assembly(
        tmp_path,
        {
            "artifacts": {
                "assembly-P-Dev": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "assembly-P-Dev"}}
            }
        },
        {},
    )
    return write_assembly(
        tmp_path / "assembly-P-Dev",
        {"artifacts": {"PDevApp": stack_artifact("PDevApp.template.json")}},
        {"PDevApp.template.json": pipeline_template(value)},
    )


def test_a_failure_line_names_template_logical_id_path_length_limit_and_source(tmp_path, capsys):
    value = json.dumps([{"name": f"V{i}", "type": "PLAINTEXT", "value": "#{Ns.Var}"} for i in range(40)])
    assembly(tmp_path, value)
    assert main([str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1
    match = LINE.match(out[0])
    assert match is not None, out[0]
    assert match.groupdict() == {
        "template": "assembly-P-Dev/PDevApp.template.json",
        "logical_id": "PipelineABC",
        "path": "Properties.Stages[1].Actions[0].Configuration.EnvironmentVariables",
        "observed": f"{len(value)} chars",
        "limit": "> max 1000",
        "source": "botocore codepipeline ActionConfigurationValue",
    }


def test_a_clean_assembly_prints_a_summary_and_exits_0(tmp_path, capsys):
    assembly(tmp_path, "[]")
    assert main([str(tmp_path)]) == 0
    out = capsys.readouterr().out.strip()
    assert re.fullmatch(r"preflight: .+: 1 templates, 1 resources, \d+ values checked, no limit exceeded", out), out


def test_a_value_shown_in_a_line_is_truncated(tmp_path, capsys):
    write_assembly(
        tmp_path,
        {"artifacts": {"S": stack_artifact("S.template.json")}},
        {
            "S.template.json": {
                "Resources": {"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "B" * 200}}}
            }
        },
    )
    assert main([str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "S.template.json: Bucket: Properties.BucketName: 200 chars > max 63" in out[0]
    assert f"'{'B' * 79}…' does not match" in out[1]


def test_a_missing_assembly_exits_2(tmp_path, capsys):
    assert main([str(tmp_path / "nowhere")]) == 2
    assert "no manifest.json" in capsys.readouterr().err
