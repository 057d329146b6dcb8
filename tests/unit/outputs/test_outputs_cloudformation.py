"""describe_stack_outputs and the CLI against moto's CloudFormation (no network)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws

from backend.outputs import OutputsError, describe_stack_outputs, main, stack_name_for
from pipeline.project_root import PROJECT_ROOT

REGION = "eu-west-1"

# A tiny stand-in of the MobileBackend stack: real resources where moto supports them, literals elsewhere.
TEMPLATE: dict[str, Any] = {
    "Resources": {"Media": {"Type": "AWS::S3::Bucket"}},
    "Outputs": {
        "GraphQLUrl": {"Value": "https://abc.appsync-api.eu-west-1.amazonaws.com/graphql"},
        "Region": {"Value": {"Ref": "AWS::Region"}},
        "UserPoolId": {"Value": "eu-west-1_AbCdEf123"},
        "ApiUserPoolClientId0A1B2C3D": {"Value": "client123"},  # as CDK names a nested construct's output
        "MediaBucketName": {"Value": {"Ref": "Media"}},
        "PushAppId": {"Value": ""},
        "AuthSettings": {"Value": json.dumps({"groups": ["admins"], "mfa_configuration": "OPTIONAL"})},
    },
}


@pytest.fixture
def deployed_stack() -> Iterator[str]:
    with mock_aws():
        name = stack_name_for("dev")
        boto3.client("cloudformation", region_name=REGION).create_stack(
            StackName=name, TemplateBody=json.dumps(TEMPLATE)
        )
        yield name


def test_describes_the_outputs_of_a_deployed_stack(deployed_stack: str) -> None:
    outputs = describe_stack_outputs(deployed_stack, REGION)

    assert outputs["Region"] == REGION
    assert outputs["UserPoolClientId"] == "client123"
    bucket = outputs["MediaBucketName"]
    assert bucket in [b["Name"] for b in boto3.client("s3", region_name=REGION).list_buckets()["Buckets"]]


def test_uses_a_given_client(deployed_stack: str) -> None:
    client = boto3.client("cloudformation", region_name=REGION)

    assert describe_stack_outputs(deployed_stack, "ignored-region", client=client)["Region"] == REGION


def test_an_unknown_stack_is_a_clear_error(deployed_stack: str) -> None:
    with pytest.raises(OutputsError, match=r"DescribeStacks prod-MobileBackend in eu-west-1 failed: .*not exist"):
        describe_stack_outputs("prod-MobileBackend", REGION)


def write_config(tmp_path: Path) -> Path:
    config = tmp_path / "environments.yaml"
    config.write_text(f'environments:\n  - name: dev\n    account: "222222222222"\n    region: {REGION}\n')
    return config


def test_cli_env_writes_amplify_outputs_for_the_deployed_stack(deployed_stack: str, tmp_path: Path) -> None:
    out = tmp_path / "amplify_outputs.json"

    status = main(["--env", "dev", "--config", str(write_config(tmp_path)), "--out", str(out)])

    assert status == 0
    document = json.loads(out.read_text())
    assert document["data"]["url"] == TEMPLATE["Outputs"]["GraphQLUrl"]["Value"]
    assert document["auth"]["user_pool_client_id"] == "client123"
    assert document["auth"]["groups"] == [{"admins": {"precedence": 0}}]


def test_cli_without_credentials_prints_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for variable in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(variable)
    # boto3's default session keeps the credentials it first resolved; moto's in-process server makes one while
    # other tests' fake credentials are set (it calls boto3.client() to route REST requests).
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)
    out = tmp_path / "amplify_outputs.json"

    status = main(["--env", "dev", "--config", str(write_config(tmp_path)), "--out", str(out)])

    assert status == 2
    error = capsys.readouterr().err
    assert error.startswith("error: no AWS credentials found") and error.count("\n") == 1
    assert not out.exists()


def test_cli_stack_with_a_role_assumes_it_then_describes_the_stack(
    deployed_stack: str, tmp_path: Path, stack_outputs: dict[str, str]
) -> None:
    """What the pipeline's post-deploy step runs; the same document as from a `cdk deploy --outputs-file`."""
    via_role, via_env = tmp_path / "a.json", tmp_path / "b.json"
    # moto keeps resources per account: a role of moto's default account sees the stack created above.
    role_arn = "arn:aws:iam::123456789012:role/mobile-backend-dev-test-users"

    status = main(["--stack", deployed_stack, "--region", REGION, "--role-arn", role_arn, "--out", str(via_role)])

    assert status == 0
    assert main(["--env", "dev", "--config", str(write_config(tmp_path)), "--out", str(via_env)]) == 0
    assert json.loads(via_role.read_text()) == json.loads(via_env.read_text())
    # The role's credentials are the ones used: a role of another account does not see this stack.
    other_account = role_arn.replace("123456789012", "222222222222")
    assert (
        main(["--stack", deployed_stack, "--region", REGION, "--role-arn", other_account, "--out", str(via_role)]) == 2
    )


def test_cli_stack_needs_a_region(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--stack", "Dev-MobileBackend"])
    assert "--stack needs --region" in capsys.readouterr().err


def test_a_refused_assume_role_names_the_role(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    class RefusingSts:
        def __init__(self) -> None:
            from botocore.exceptions import ClientError

            self.error = ClientError({"Error": {"Code": "AccessDenied", "Message": "not authorized"}}, "AssumeRole")

        def describe_stacks(self, **_: str) -> None:
            raise self.error

    with pytest.raises(OutputsError, match="AssumeRole arn:aws:iam::1:role/r in eu-west-1 failed: not authorized"):
        describe_stack_outputs("Dev-MobileBackend", REGION, RefusingSts(), role_arn="arn:aws:iam::1:role/r")


def test_cli_outputs_file(tmp_path: Path, stack_outputs: dict[str, str]) -> None:
    cdk_file = tmp_path / "cdk-outputs.json"
    cdk_file.write_text(json.dumps({"dev-MobileBackend": stack_outputs}))
    out = tmp_path / "a.json"

    assert main(["--outputs-file", str(cdk_file), "--out", str(out)]) == 0
    assert json.loads(out.read_text())["data"]["url"] == stack_outputs["GraphQLUrl"]


def test_cli_reports_a_missing_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cdk_file = tmp_path / "cdk-outputs.json"
    cdk_file.write_text(json.dumps({"dev-MobileBackend": {"GraphQLUrl": "https://x/graphql"}}))

    assert main(["--outputs-file", str(cdk_file), "--out", str(tmp_path / "o.json")]) == 2
    assert "missing stack output(s): Region, UserPoolId" in capsys.readouterr().err


def test_module_runs_as_a_command(tmp_path: Path, stack_outputs: dict[str, str]) -> None:
    cdk_file = tmp_path / "cdk-outputs.json"
    cdk_file.write_text(json.dumps({"dev-MobileBackend": stack_outputs}))
    out = tmp_path / "amplify_outputs.json"
    root = PROJECT_ROOT

    completed = subprocess.run(
        [sys.executable, "-m", "backend.outputs", "--outputs-file", str(cdk_file), "--out", str(out)],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr
    assert json.loads(out.read_text())["storage"]["bucket_name"] == stack_outputs["MediaBucketName"]


def test_cli_env_with_an_explicit_stack_name(deployed_stack: str, tmp_path: Path) -> None:
    # A personal copy (`cdk deploy -c personal=me`) lives beside the pipeline's stacks under its own name.
    template = json.loads(json.dumps(TEMPLATE))
    template["Outputs"]["GraphQLUrl"]["Value"] = "https://personal.example/graphql"
    boto3.client("cloudformation", region_name=REGION).create_stack(
        StackName="Personal-me-MobileBackend", TemplateBody=json.dumps(template)
    )
    out = tmp_path / "amplify_outputs.json"
    config = write_config(tmp_path)

    assert (
        main(["--env", "dev", "--config", str(config), "--stack", "Personal-me-MobileBackend", "--out", str(out)]) == 0
    )
    assert json.loads(out.read_text())["data"]["url"] == "https://personal.example/graphql"
