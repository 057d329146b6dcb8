"""The post-deploy step's static contract, mapped to a sandbox (hand-made template, no sandbox needed)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from devtools.pipeline_dryrun.pipeline_model import StepKind
from devtools.pipeline_dryrun.runner import run_step
from devtools.pipeline_dryrun.variables import (
    SandboxMappingError,
    SandboxTarget,
    contract_problems,
    in_account,
    map_to_sandbox,
    sandbox_target,
    trust_sandbox_ca,
    with_account,
)

from .helpers import (
    SOURCE,
    codebuild_action,
    context,
    deploy_action,
    make_repo,
    pipeline_template,
    project,
    read,
    source_stage,
    spec,
    synth_stage,
    write_assembly,
)

ROLE = {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::222222222222:role/app-dev-test-users"]]}
CONTRACT = {
    "TEST_ENVIRONMENT": "dev",
    "STACK_NAME": "Dev-App",
    "TARGET_REGION": "eu-west-1",
    "TEST_ROLE_ARN": ROLE,
    "TEST_USERS_ALLOWED": "true",
}
OUTPUTS: dict[str, Any] = {
    "version": "1.3",
    "data": {"url": "https://127.0.0.1:8443/graphql", "aws_region": "us-east-1"},
    "custom": {
        "sandbox": {
            "stack_name": "sandbox",
            "aws_endpoint": "http://127.0.0.1:5123",
            "access_key_id": "sandbox-key",
            "secret_access_key": "sandbox-secret",
            "ca_cert": None,
        }
    },
}
JUNIT = '<testsuites><testsuite name="pytest" tests="3" failures="{failures}" errors="0" skipped="0"/></testsuites>'


def post_deploy_template(commands: list[str], contract: dict[str, Any] | None = None) -> dict[str, Any]:
    return pipeline_template(
        [
            source_stage(),
            synth_stage(),
            {
                "Name": "Dev",
                "Actions": [
                    deploy_action("Dev-App", region="eu-west-1"),
                    codebuild_action(
                        "IntegrationTests-dev", "DevTests", inputs=[SOURCE], outputs=["Tests_Output"], run_order=2
                    ),
                ],
            },
        ],
        {
            "SynthProject": project(spec("true")),
            "DevTests": project(
                spec(*commands, artifacts={"base-directory": "test-output", "files": ["**/*"]}),
                contract if contract is not None else CONTRACT,
            ),
        },
    )


def target(**overrides: Any) -> SandboxTarget:
    return SandboxTarget(**{**sandbox_target(OUTPUTS).__dict__, "account_id": "123456789012", **overrides})


def test_the_sandbox_outputs_give_the_target_and_name_what_is_missing() -> None:
    assert sandbox_target(OUTPUTS) == SandboxTarget(
        "sandbox", "us-east-1", "http://127.0.0.1:5123", "sandbox-key", "sandbox-secret", None
    )
    without = {
        **OUTPUTS,
        "custom": {"sandbox": {k: v for k, v in OUTPUTS["custom"]["sandbox"].items() if k != "stack_name"}},
    }
    with pytest.raises(SandboxMappingError, match=r"no custom\.sandbox\.stack_name"):
        sandbox_target(without)


def test_every_variable_that_names_aws_points_at_the_sandbox() -> None:
    step_env = {
        "TEST_ENVIRONMENT": "dev",
        "STACK_NAME": "Dev-App",
        "TARGET_REGION": "eu-west-1",
        "TEST_USERS_ALLOWED": "true",
        "TEST_ROLE_ARN": "arn:aws:iam::222222222222:role/app-dev-test-users",
        "AWS_REGION": "us-east-1",
        "PATH": "/usr/bin",
    }
    assert map_to_sandbox(step_env, target()) == {
        **step_env,
        "STACK_NAME": "sandbox",
        "TARGET_REGION": "us-east-1",
        "TEST_ROLE_ARN": "arn:aws:iam::123456789012:role/app-dev-test-users",
        "AWS_ENDPOINT_URL_STS": "http://127.0.0.1:5123",
        "AWS_ENDPOINT_URL_CLOUDFORMATION": "http://127.0.0.1:5123",
        "AWS_ACCESS_KEY_ID": "sandbox-key",
        "AWS_SECRET_ACCESS_KEY": "sandbox-secret",
    }


def test_the_sandbox_account_comes_from_its_outputs_or_its_sts() -> None:
    assert with_account(target(account_id="999999999999")).account_id == "999999999999"
    assert with_account(target(account_id=None), lookup=lambda _t: "123456789012").account_id == "123456789012"

    def unreachable(_t: SandboxTarget) -> str:
        raise ConnectionError("refused")

    with pytest.raises(SandboxMappingError, match="cannot ask the sandbox's STS"):
        with_account(target(account_id=None), lookup=unreachable)
    assert in_account("arn:aws-cn:iam::222222222222:role/path/name", "1") == "arn:aws-cn:iam::1:role/path/name"
    with pytest.raises(SandboxMappingError):
        in_account("not-an-arn", "1")


def test_the_contract_is_checked_against_the_stage_before_the_sandbox_hides_it(tmp_path: Path) -> None:
    step = read(write_assembly(tmp_path, post_deploy_template(["true"]))).of_kind(StepKind.POST_DEPLOY)[0]
    assert contract_problems(step, {"STACK_NAME": "Dev-App", "TARGET_REGION": "eu-west-1"}) == []
    assert contract_problems(step, {"STACK_NAME": "Prod-App", "TARGET_REGION": "eu-west-1"}) == [
        "STACK_NAME 'Prod-App' is not deployed before this step in stage Dev (deployed: Dev-App)"
    ]
    assert contract_problems(step, {"STACK_NAME": "Dev-App", "TARGET_REGION": "us-east-1"}) == [
        "TARGET_REGION 'us-east-1' is not where Dev-App is deployed (eu-west-1)"
    ]


def test_the_sandbox_ca_is_trusted_next_to_the_machine_cas(tmp_path: Path) -> None:
    machine, sandbox_ca = tmp_path / "machine.pem", tmp_path / "ca.pem"
    machine.write_text("MACHINE\n")
    sandbox_ca.write_text("SANDBOX\n")
    env = trust_sandbox_ca({"REQUESTS_CA_BUNDLE": str(machine)}, str(sandbox_ca), tmp_path / "bundle.pem")
    assert Path(env["REQUESTS_CA_BUNDLE"]).read_text() == "MACHINE\n\nSANDBOX\n"
    assert env["SSL_CERT_FILE"] == env["AWS_CA_BUNDLE"] == env["REQUESTS_CA_BUNDLE"]
    assert env["NODE_EXTRA_CA_CERTS"] == str(sandbox_ca)


def run_post_deploy(
    tmp_path: Path, commands: list[str], contract: dict[str, Any] | None = None
) -> tuple[Any, list[str]]:
    repo = make_repo(
        tmp_path / "repo", {"requirements-integration.txt": ""}, ignore=[".venv"], untracked={".venv/marker": ""}
    )
    environ = {
        "PATH": f"{repo}/.venv/bin:{os.environ['PATH']}",
        "HOME": os.environ.get("HOME", "/root"),
        "AWS_ACCESS_KEY_ID": "AKIADEVELOPER",
        "AWS_SECRET_ACCESS_KEY": "developer",
        "AWS_SESSION_TOKEN": "developer",
    }
    lines: list[str] = []
    ctx = context(repo, write_assembly(tmp_path / "ref", post_deploy_template(commands, contract)), environ, lines)
    return run_step(ctx.pipeline.of_kind(StepKind.POST_DEPLOY)[0], ctx, sandbox=target()), lines


def test_a_post_deploy_step_runs_against_the_sandbox_and_its_junit_report_decides(tmp_path: Path) -> None:
    report = tmp_path / "env.txt"
    commands = [
        f"env > {report}",
        "test ! -e .venv",
        f"mkdir -p test-output && printf '%s' '{JUNIT.format(failures=0)}' > test-output/junit.xml",
    ]
    result, lines = run_post_deploy(tmp_path, commands)
    assert (result.status, result.detail) == ("PASS", "JUnit: 3 passed, 0 failed, 0 errors, 0 skipped"), "\n".join(
        lines
    )
    env = dict(line.split("=", 1) for line in report.read_text().splitlines() if "=" in line)
    assert (env["STACK_NAME"], env["TARGET_REGION"], env["TEST_ENVIRONMENT"], env["TEST_USERS_ALLOWED"]) == (
        "sandbox",
        "us-east-1",
        "dev",
        "true",
    )
    assert env["TEST_ROLE_ARN"] == "arn:aws:iam::123456789012:role/app-dev-test-users"
    assert (env["AWS_ACCESS_KEY_ID"], env["AWS_SECRET_ACCESS_KEY"]) == ("sandbox-key", "sandbox-secret")
    assert "AWS_SESSION_TOKEN" not in env  # the developer's session does not reach the step
    assert env["AWS_ENDPOINT_URL_STS"] == env["AWS_ENDPOINT_URL_CLOUDFORMATION"] == "http://127.0.0.1:5123"
    assert env["AWS_REGION"] == env["AWS_DEFAULT_REGION"] == "us-east-1"  # the pipeline's region, as CodeBuild sets it


def test_a_failed_test_in_the_junit_report_fails_the_step(tmp_path: Path) -> None:
    commands = [f"mkdir -p test-output && printf '%s' '{JUNIT.format(failures=1)}' > test-output/junit.xml"]
    result, _ = run_post_deploy(tmp_path, commands)
    assert (result.status, result.detail) == ("FAIL", "JUnit: 1 failed, 0 errors of 3")


def test_a_stack_name_the_stage_does_not_deploy_fails_before_anything_runs(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    result, _ = run_post_deploy(tmp_path, [f"touch {marker}"], {**CONTRACT, "STACK_NAME": "Dev-Typo"})
    assert result.status == "FAIL" and "STACK_NAME 'Dev-Typo' is not deployed" in result.detail
    assert not marker.exists()
