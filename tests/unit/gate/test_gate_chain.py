"""Every hop from "prod's gate alarm changes state" to "the pipeline's gate step decides", read from the
synthesized templates of the example config, not restated here:

prod stack: composite alarm (its name) ─ reader role (its name, trust, policy)
pipeline stack: GateCheck-prod / Bake-prod projects (their variables and command) ─ their role (its policy)

The step's own command runs with its own project variables against moto holding the alarm the prod template
defines, in prod's account and region; the AWS calls it makes are each checked against the IAM policies of
the role that makes them, so a missing grant or a name that differs between the two stacks fails here.
"""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from aws_cdk.assertions import Template

from pipeline.cloudformation.intrinsics import Resolver
from pipeline.gate import __main__ as gate_main
from pipeline.gate import variables
from pipeline.project_root import PROJECT_ROOT
from sandbox.moto_host.moto_server import MotoServer
from tests.unit.conftest import SynthResult

from ..infra.helpers import resources
from ..infra.pipeline_template import action, project_of
from .iam_calls import Call, allowed, recording_sessions
from .target_account import TargetAccount

PIPELINE_ACCOUNT, PIPELINE_REGION = "111111111111", "us-east-1"
PROD_ACCOUNT, PROD_REGION = "333333333333", "us-west-2"
TOPIC_ARN = f"arn:aws:sns:{PIPELINE_REGION}:{PIPELINE_ACCOUNT}:notifications"


@dataclass(frozen=True)
class Chain:
    alarm_name: str
    alarm_arn: str
    reader_arn: str
    reader_trusts: list[str]
    reader_statements: list[dict[str, Any]]
    checker_arn: str
    checker_statements: list[dict[str, Any]]
    step_variables: dict[str, str]
    bake_variables: dict[str, str]
    command: list[str]


class _Attributes(dict[str, dict[str, str]]):
    """Known resources' attributes; any other resource's stand for themselves (`<Logical.Attr>`), so statements
    about them never match the ARNs the gate check calls with."""

    def __missing__(self, logical: str) -> dict[str, str]:
        return {"Ref": f"<{logical}>", "Arn": f"<{logical}.Arn>"}


def _pseudo(account: str, region: str) -> dict[str, str]:
    return {
        "AWS::AccountId": account,
        "AWS::Region": region,
        "AWS::Partition": "aws",
        "AWS::URLSuffix": "amazonaws.com",
    }


def _role_statements(template: Mapping[str, Any], role_id: str, resolver: Resolver) -> list[dict[str, Any]]:
    return [
        resolver.resolve(statement)
        for policy in resources(template, "AWS::IAM::Policy").values()
        if {"Ref": role_id} in policy["Properties"]["Roles"]
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]
    ]


def _project_variables(project: dict[str, Any], resolver: Resolver) -> dict[str, str]:
    return {v["Name"]: resolver.resolve(v["Value"]) for v in project["Environment"]["EnvironmentVariables"]}


@pytest.fixture(scope="module")
def chain(default_synth: SynthResult) -> Chain:
    prod = Template.from_stack(default_synth.pipeline.stages["prod"].stack).to_json()
    pipeline = Template.from_stack(default_synth.pipeline).to_json()
    [(alarm_id, alarm)] = resources(prod, "AWS::CloudWatch::CompositeAlarm").items()
    alarm_name = alarm["Properties"]["AlarmName"]
    alarm_arn = f"arn:aws:cloudwatch:{PROD_REGION}:{PROD_ACCOUNT}:alarm:{alarm_name}"
    prod_resolver = Resolver(_Attributes({alarm_id: {"Arn": alarm_arn}}), _pseudo(PROD_ACCOUNT, PROD_REGION))
    [(reader_id, reader)] = [
        (logical, role)
        for logical, role in resources(prod, "AWS::IAM::Role").items()
        if str(role["Properties"].get("RoleName", "")).endswith("-gate-reader")
    ]
    trust = reader["Properties"]["AssumeRolePolicyDocument"]["Statement"]
    topic_id = next(iter(resources(pipeline, "AWS::SNS::Topic")))
    pipeline_resolver = Resolver(
        _Attributes({topic_id: {"Ref": TOPIC_ARN}}), _pseudo(PIPELINE_ACCOUNT, PIPELINE_REGION)
    )
    gate_project = project_of(pipeline, action(pipeline, "Gate-prod", "GateCheck-prod"))
    bake_project = project_of(pipeline, action(pipeline, "Prod", "Bake-prod"))
    checker_id = gate_project["ServiceRole"]["Fn::GetAtt"][0]
    assert bake_project["ServiceRole"]["Fn::GetAtt"][0] == checker_id  # one role for both of prod's gate steps
    checker_name = pipeline["Resources"][checker_id]["Properties"]["RoleName"]
    commands = json.loads(gate_project["Source"]["BuildSpec"])["phases"]["build"]["commands"]
    return Chain(
        alarm_name=alarm_name,
        alarm_arn=alarm_arn,
        reader_arn=f"arn:aws:iam::{PROD_ACCOUNT}:role/{reader['Properties']['RoleName']}",
        reader_trusts=[prod_resolver.resolve(s["Principal"]["AWS"]) for s in trust if s["Action"] == "sts:AssumeRole"],
        reader_statements=_role_statements(prod, reader_id, prod_resolver),
        checker_arn=f"arn:aws:iam::{PIPELINE_ACCOUNT}:role/{checker_name}",
        checker_statements=_role_statements(pipeline, checker_id, pipeline_resolver),
        step_variables=_project_variables(gate_project, pipeline_resolver),
        bake_variables=_project_variables(bake_project, pipeline_resolver),
        command=shlex.split(commands[-1]),
    )


def test_the_steps_point_at_the_alarm_the_prod_stack_creates(chain: Chain) -> None:
    for step in (chain.step_variables, chain.bake_variables):
        assert step[variables.ALARM] == chain.alarm_name
        assert step[variables.REGION] == PROD_REGION
        assert step[variables.READER_ROLE] == chain.reader_arn
        assert step[variables.STAGE] == "Prod"
    assert chain.bake_variables[variables.BAKE_MINUTES] == "30"
    assert chain.command == [".venv/bin/python", "-m", "pipeline.gate", "entry"]


def test_the_reader_trusts_exactly_the_pipelines_gate_role_and_reads_only_the_gate(chain: Chain) -> None:
    assert chain.reader_trusts == [chain.checker_arn]
    assert allowed(chain.checker_statements, "sts:AssumeRole", chain.reader_arn)
    assert not allowed(chain.checker_statements, "sts:AssumeRole", chain.reader_arn.replace("prod", "dev"))
    assert allowed(chain.reader_statements, "cloudwatch:DescribeAlarms", "*")  # composite alarms need "*"
    for write in ("SetAlarmState", "PutCompositeAlarm", "DeleteAlarms", "DisableAlarmActions", "PutMetricData"):
        assert not allowed(chain.reader_statements, f"cloudwatch:{write}", chain.alarm_arn), write
    assert {
        a for s in chain.reader_statements for a in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])
    } == {
        "cloudwatch:DescribeAlarms",
        "cloudwatch:GetMetricStatistics",
    }
    pipeline_arn = f"arn:aws:codepipeline:{PIPELINE_REGION}:{PIPELINE_ACCOUNT}:mobile-backend-pipeline"
    assert allowed(chain.checker_statements, "codepipeline:GetPipelineState", pipeline_arn)
    assert allowed(chain.checker_statements, "sns:Publish", TOPIC_ARN)


@pytest.fixture(scope="module")
def moto() -> Iterator[MotoServer]:
    server = MotoServer().start()
    yield server
    server.stop()


def test_the_steps_own_command_follows_prods_alarm(chain: Chain, moto: MotoServer) -> None:
    prod = TargetAccount(endpoint_url=moto.url, region=PROD_REGION)
    prod.create_gate(chain.alarm_name)
    prod.canary_reported()
    environment = {
        "PATH": "/usr/bin:/bin",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_REGION": PIPELINE_REGION,
        "AWS_ENDPOINT_URL": moto.url,
        **chain.step_variables,
    }
    command = [sys.executable, *chain.command[1:]]

    def decide() -> int:
        return subprocess.run(
            command, cwd=PROJECT_ROOT, env=environment, capture_output=True, text=True, timeout=60
        ).returncode

    assert decide() == 2  # just created: INSUFFICIENT_DATA, the gate cannot see yet
    prod.set_gate("ALARM")
    assert decide() == 1
    prod.set_gate("OK")
    assert decide() == 0


def test_every_call_the_check_makes_is_granted_to_the_role_that_makes_it(
    chain: Chain, monkeypatch: pytest.MonkeyPatch
) -> None:
    from moto import mock_aws

    calls: list[Call] = []
    monkeypatch.setattr(
        gate_main, "boto3", SimpleNamespace(Session=recording_sessions(calls))
    )  # the check's calls only
    environment = {**chain.step_variables, variables.CANARY_FRESHNESS: "15"}
    with mock_aws():
        prod = TargetAccount(region=PROD_REGION)
        prod.create_gate(chain.alarm_name)
        prod.set_gate("OK")
        prod.canary_reported()
        assert gate_main.main(["entry"], environment) == 0
        prod.delete_gate(chain.alarm_name)
        first_deploy = {
            variables.OVERRIDE_MODE: "first-deploy",
            variables.OVERRIDE_REASON: "test",
            variables.OVERRIDE_EXPIRES: "2999-01-01",
        }
        assert gate_main.main(["entry"], {**environment, **first_deploy}) == 0  # announces the override's use

    def resource_of(service: str, operation: str, params: dict[str, Any]) -> list[str]:
        if operation == "AssumeRole":
            return [params["RoleArn"]]
        if operation == "DescribeAlarms" and "CompositeAlarm" in params.get("AlarmTypes", []):
            return ["*"]  # COMPOSITE_NEEDS_STAR
        if operation == "DescribeAlarms":
            return [f"arn:aws:cloudwatch:{PROD_REGION}:{PROD_ACCOUNT}:alarm:{n}" for n in params["AlarmNames"]]
        if operation == "Publish":
            return [params["TopicArn"]]
        return ["*"]

    made = {(service, operation) for service, operation, _ in calls}
    assert made == {("sts", "AssumeRole"), ("cloudwatch", "DescribeAlarms"), ("cloudwatch", "GetMetricStatistics"),
                    ("sns", "Publish")}  # fmt: skip
    # Without AlarmTypes, DescribeAlarms returns metric alarms only, and the composite gate would look missing.
    assert all(p["AlarmTypes"] == ["CompositeAlarm"] for _, operation, p in calls if operation == "DescribeAlarms")
    for service, operation, params in calls:
        statements = chain.reader_statements if service == "cloudwatch" else chain.checker_statements
        for resource in resource_of(service, operation, params):
            assert allowed(statements, f"{service}:{operation}", resource), (service, operation, resource)


def test_aws_still_requires_describe_alarms_on_star_for_composite_alarms() -> None:
    """What COMPOSITE_NEEDS_STAR above relies on, as the pinned botocore's model of DescribeAlarms states it: with a
    narrower scope the call succeeds and returns no composite alarm, which the gate would read as a missing alarm.
    """
    import botocore.session

    model = botocore.session.get_session().get_service_model("cloudwatch").operation_model("DescribeAlarms")
    text = " ".join(model.documentation.split())
    assert "return information about composite alarms, you must be signed on with the" in text
    assert "cloudwatch:DescribeAlarms</code> permission that is scoped to <code>*</code>" in text
    types = model.input_shape.members["AlarmTypes"].documentation
    assert "If you omit this parameter, only metric alarms are returned" in types
