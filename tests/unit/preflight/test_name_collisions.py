"""Names two stacks of one assembly would both claim (devtools/preflight/checks/name_collisions.py), and the example
config with an environment in the pipeline's own account and Region, whose names must all stay distinct."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from config import parse_config
from devtools.preflight import check_stacks
from devtools.preflight.checks import check_assembly
from pipeline.project_root import PROJECT_ROOT
from tests.unit.conftest import synth

from .helpers import make_stack, resource


def findings(*stacks):
    return [f.line() for f in check_stacks(list(stacks)).findings]


def test_two_stacks_in_one_account_and_region_claiming_one_alarm_name() -> None:
    pipeline = make_stack({"Mirror": resource("AWS::CloudWatch::Alarm", AlarmName="app-prod-gate")}, template_path="P")
    prod = make_stack(
        {"Gate": resource("AWS::CloudWatch::CompositeAlarm", AlarmName="app-prod-gate")}, template_path="E"
    )

    assert findings(pipeline, prod) == [
        "E: Gate: Properties.AlarmName: 'app-prod-gate' is also the name of P: Mirror in 123456789012/us-east-1 "
        "(AWS resource names are unique per account (IAM), per account and Region, or across AWS (S3))"
    ]


def test_scopes_follow_the_namespace() -> None:
    def alarm(region: str, path: str):
        return make_stack({"A": resource("AWS::CloudWatch::Alarm", AlarmName="x")}, region=region, template_path=path)

    def role(region: str, path: str):
        return make_stack({"R": resource("AWS::IAM::Role", RoleName="x")}, region=region, template_path=path)

    assert findings(alarm("us-east-1", "a"), alarm("us-west-2", "b")) == []  # alarms are per Region
    assert len(findings(role("us-east-1", "a"), role("us-west-2", "b"))) == 1  # IAM is per account
    other_account = make_stack({"R": resource("AWS::IAM::Role", RoleName="x")}, account="999999999999")
    assert findings(role("us-east-1", "a"), other_account) == []
    bucket = {"B": resource("AWS::S3::Bucket", BucketName="media")}
    assert len(findings(make_stack(bucket), make_stack(bucket, account="999999999999"))) == 1  # S3: all of AWS
    generated = {"R": resource("AWS::IAM::Role", RoleName={"Fn::Join": ["", ["a", "b"]]})}
    assert findings(make_stack(generated), make_stack(generated)) == []  # not known offline


@pytest.mark.parametrize("same_region", [True, False])
def test_an_environment_in_the_pipelines_own_account_keeps_every_name_distinct(
    tmp_path: Path, same_region: bool
) -> None:
    data = yaml.safe_load((PROJECT_ROOT / "config" / "environments.yaml").read_text())
    data = copy.deepcopy(data)
    prod = data["environments"][1]
    prod["account"] = data["pipeline"]["account"]
    prod.pop("email", None)  # the example's SES identity belongs to prod's own account and Region
    if same_region:
        prod["region"] = data["pipeline"]["region"]
    result = synth(parse_config(data), tmp_path / "cdk.out")

    lines = [f.line() for f in check_assembly(result.outdir).findings]
    assert [line for line in lines if "is also the name of" in line] == []
