"""CodeBuild: project name and environment variables as botocore constrains them."""

from __future__ import annotations

from .helpers import failures, resource


def project(name="build-project", variables=None, **properties):
    environment = {
        "ComputeType": "BUILD_GENERAL1_SMALL",
        "Image": "aws/codebuild/standard:7.0",
        "Type": "LINUX_CONTAINER",
        "EnvironmentVariables": variables or [{"Name": "STAGE", "Type": "PLAINTEXT", "Value": "dev"}],
    }
    return {
        "Project": resource(
            "AWS::CodeBuild::Project",
            Name=name,
            Environment=environment,
            Source={"Type": "CODEPIPELINE"},
            Artifacts={"Type": "CODEPIPELINE"},
            ServiceRole="arn:aws:iam::123456789012:role/r",
            **properties,
        )
    }


def test_a_good_project_passes():
    assert failures(project(TimeoutInMinutes=60)) == []


def test_project_name_follows_botocore():
    assert failures(project(name="-starts-with-hyphen")) == [
        "Test.template.json: Project: Properties.Name: '-starts-with-hyphen' does not match "
        "[A-Za-z0-9][A-Za-z0-9\\-_]{1,149} (botocore codebuild ProjectName)"
    ]
    assert failures(project(name="p" * 151))[0].endswith("151 chars > max 150 (botocore codebuild ProjectName)")


def test_environment_variable_names_must_not_be_empty_and_types_are_an_enum():
    variables = [{"Name": "", "Type": "PLAINTEXT", "Value": "x"}, {"Name": "SECRET", "Type": "VAULT", "Value": "y"}]
    assert failures(project(variables=variables)) == [
        "Test.template.json: Project: Properties.Environment.EnvironmentVariables[0].Name: '' is 0 chars < min 1 "
        "(botocore codebuild NonEmptyString)",
        "Test.template.json: Project: Properties.Environment.EnvironmentVariables[1].Type: 'VAULT' is not one of "
        "PLAINTEXT|PARAMETER_STORE|SECRETS_MANAGER (botocore codebuild EnvironmentVariableType)",
    ]


def test_build_timeout_range_comes_from_botocore():
    assert failures(project(TimeoutInMinutes=3000)) == [
        "Test.template.json: Project: Properties.TimeoutInMinutes: 3000 > max 2160 (botocore codebuild BuildTimeOut)"
    ]
