"""The pipeline for the real config: source, synth, stage order, gates and post-deploy tests."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import pytest
from aws_cdk.assertions import Template

from pipeline.build_environment import NODE_VERSION
from pipeline.project_root import PROJECT_ROOT

from .helpers import as_list, resources
from .pipeline_template import action, build_commands, pipeline_properties, project_of, stages

# The example config: dev, then prod behind its approval and its gate check.
STAGES = ["Source", "Build", "UpdatePipeline", "Assets", "Dev", "Approve-prod", "Gate-prod", "Prod"]


@pytest.fixture(scope="module")
def template(default_synth) -> Mapping[str, Any]:
    return Template.from_stack(default_synth.pipeline).to_json()


def test_v2_pipeline_with_connection_source_that_triggers_on_push(template: dict) -> None:
    assert pipeline_properties(template)["PipelineType"] == "V2"
    source = stages(template)["Source"][0]
    assert source.provider == "CodeStarSourceConnection"
    assert source.configuration["FullRepositoryId"] == "my-org/mobile-backend"
    assert source.configuration["BranchName"] == "main"
    assert source.configuration["DetectChanges"] is True
    assert source.configuration["ConnectionArn"].startswith(
        "arn:aws:codeconnections:us-east-1:111111111111:connection/"
    )


def test_the_source_role_may_use_the_connection_under_both_prefixes(template: dict) -> None:
    connection = "arn:aws:codeconnections:us-east-1:111111111111:connection/00000000-0000-0000-0000-000000000000"
    granted = [
        statement
        for policy in resources(template, "AWS::IAM::Policy").values()
        if "Source" in policy["Properties"]["PolicyName"]
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]
        if "UseConnection" in json.dumps(statement["Action"])
    ]
    actions = sorted(a for s in granted for a in as_list(s["Action"]))
    assert actions == ["codeconnections:UseConnection", "codestar-connections:UseConnection"]
    assert all(s["Resource"] == connection for s in granted)


def test_stage_order_follows_the_file_with_self_mutation_and_one_asset_job(template: dict) -> None:
    assert list(stages(template)) == STAGES
    assert [a.name for a in stages(template)["Assets"]] == ["FileAssets"]  # publish_assets_in_parallel=False
    assert [a.name for a in stages(template)["UpdatePipeline"]] == ["SelfMutate"]


def test_cross_account_keys_encrypt_the_artifacts(template: dict) -> None:
    # Deployments to two regions (dev us-east-1, prod us-west-2): one KMS-encrypted artifact store per region.
    properties = pipeline_properties(template)
    assert "ArtifactStore" not in properties
    stores = {s["Region"]: s["ArtifactStore"] for s in properties["ArtifactStores"]}
    assert sorted(stores) == ["us-east-1", "us-west-2"]
    # Home region: the artifact bucket's own KMS key, which the bucket also uses by default.
    key = stores["us-east-1"]["EncryptionKey"]
    assert key["Type"] == "KMS" and template["Resources"][key["Id"]["Fn::GetAtt"][0]]["Type"] == "AWS::KMS::Key"
    bucket = template["Resources"][stores["us-east-1"]["Location"]["Ref"]]["Properties"]
    assert bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"] == [
        {"ServerSideEncryptionByDefault": {"KMSMasterKeyID": key["Id"], "SSEAlgorithm": "aws:kms"}}
    ]
    assert stores["us-west-2"]["EncryptionKey"]["Type"] == "KMS"  # the support stack's key, by alias
    assert stores["us-west-2"]["EncryptionKey"]["Id"].startswith("arn:aws:kms:us-west-2:111111111111:alias/")


def test_synth_installs_from_lock_files_runs_unit_tests_then_synth(template: dict) -> None:
    synth = action(template, "Build", "Synth")
    commands = build_commands(template, synth.configuration["ProjectName"])
    positions = {c: i for i, c in enumerate(commands)}
    install = "python3 -m pipeline.install_deps --venv .venv -r requirements-dev.lock"  # uv, as `make` installs
    npm = "npm ci --prefer-offline --no-audit --no-fund"
    assert positions[npm] < positions["make test-unit"] < positions["npx cdk synth"]
    assert positions[install] < positions["make test-unit"]
    assert not any("pytest tests/integration" in c for c in commands)  # sandbox suites run in CI, not here


def test_self_mutation_installs_exactly_the_cli_the_synth_step_runs(template: dict) -> None:
    # The synth step runs `npm ci` then `npx cdk`: the CLI in package-lock.json. Self-mutation must deploy the
    # pipeline with that same CLI, pinned exactly (a range would let the two drift apart).
    lock = json.loads((PROJECT_ROOT / "package-lock.json").read_text(encoding="utf-8"))
    locked = lock["packages"]["node_modules/aws-cdk"]["version"]
    assert re.fullmatch(r"2\.1\d{3}\.\d+", locked), locked  # CDK CLI versions since the CLI left the library: 2.1xxx.y
    assert lock["packages"][""]["devDependencies"]["aws-cdk"] == locked  # package.json pins it exactly
    mutate = action(template, "UpdatePipeline", "SelfMutate")
    spec = json.loads(project_of(template, mutate)["Source"]["BuildSpec"])
    assert spec["phases"]["install"]["commands"] == [f"npm install -g aws-cdk@{locked}"]


def test_direct_deployments_without_change_sets(template: dict) -> None:
    deploys = [a for acts in stages(template).values() for a in acts if a.provider == "CloudFormation"]
    assert deploys and all(a.configuration["ActionMode"] == "CREATE_UPDATE" for a in deploys)  # use_change_sets=False


def test_approval_in_a_stage_of_its_own_and_prods_permission_check_beside_devs_tests(template: dict) -> None:
    assert list(stages(template)) == STAGES
    assert [(a.name, a.provider) for a in stages(template)["Approve-prod"]] == [("Approve-prod", "Manual")]
    dev = {a.name: a for a in stages(template)["Dev"]}
    check, confirm = dev["CheckPermissions-prod.Check"], dev["CheckPermissions-prod.Confirm"]
    assert check.provider == "CodeBuild" and confirm.provider == "Manual"
    assert check.run_order == dev["IntegrationTests-dev"].run_order > dev["MobileBackend.Deploy"].run_order
    assert confirm.run_order == check.run_order + 1
    spec = json.dumps(project_of(template, check)["Source"]["BuildSpec"])  # a Fn::Join (the approver's name)
    assert "cdk diff -a . --security-only --fail $STAGE_PATH" in spec
    variables = {v["name"]: v["value"] for v in json.loads(check.configuration["EnvironmentVariables"])}
    # It diffs prod's stacks and auto-approves its own Confirm, in this stage, when nothing broadens.
    assert variables == {
        "STAGE_PATH": "MobileBackendPipeline/Prod",
        "STAGE_NAME": "Dev",
        "ACTION_NAME": "CheckPermissions-prod.Confirm",
    }
    prod = {a.name: a for a in stages(template)["Prod"]}
    assert not [a for a in prod.values() if a.provider == "Manual"]  # a rejection never triggers a rollback
    deploy = prod["MobileBackend.Deploy"]
    assert prod["IntegrationTests-prod"].run_order > deploy.run_order
    assert deploy.configuration["RoleArn"]["Fn::Join"][1][-1].endswith(
        ":iam::333333333333:role/cdk-hnb659fds-cfn-exec-role-333333333333-us-west-2"
    )


def test_the_approval_shows_the_commit_and_links_to_this_execution(template: dict) -> None:
    approval = action(template, "Approve-prod", "Approve-prod").configuration
    assert approval["CustomData"] == (
        "Deploy #{Source@my-org_mobile-backend.CommitId} to prod? #{Source@my-org_mobile-backend.CommitMessage}. "
        "Tests of dev: IntegrationTests-dev in this execution (link)."
    )
    assert approval["ExternalEntityLink"] == (
        "https://us-east-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/mobile-backend-pipeline"
        "/executions/#{codepipeline.PipelineExecutionId}/timeline?region=us-east-1"
    )
    source = pipeline_properties(template)["Stages"][0]["Actions"][0]
    assert source["Namespace"] == "Source@my-org_mobile-backend"  # the variables the comment refers to


def test_post_deploy_tests_locate_the_stage_and_read_its_outputs_themselves(template: dict) -> None:
    dev_tests = action(template, "Dev", "IntegrationTests-dev")
    # Nothing goes through the action configuration (no stack output variables #{...}): it stays short.
    assert set(dev_tests.configuration) == {"ProjectName"}
    static = {v["Name"]: v["Value"] for v in project_of(template, dev_tests)["Environment"]["EnvironmentVariables"]}
    assert static == {
        "TEST_ENVIRONMENT": "dev",
        "STACK_NAME": "Dev-MobileBackend",
        "TARGET_REGION": "us-east-1",
        "TEST_ROLE_ARN": "arn:aws:iam::222222222222:role/mobile-backend-dev-test-users",
        "TEST_USERS_ALLOWED": "true",
    }
    commands = build_commands(template, dev_tests.configuration["ProjectName"])
    assert commands[0] == 'export AWS_REGION="$TARGET_REGION" AWS_DEFAULT_REGION="$TARGET_REGION"'
    assert (
        '.venv/bin/python -m backend.outputs --stack "$STACK_NAME" --region "$TARGET_REGION" '
        '--role-arn "$TEST_ROLE_ARN" --out "$AMPLIFY_OUTPUTS"'
    ) in commands
    assert "python3 -m pipeline.install_deps --venv .venv -r requirements-integration.lock" in commands
    assert commands[-1] == ".venv/bin/python -m pytest tests/integration -q --junitxml=test-output/junit.xml"
    prod_tests = action(template, "Prod", "IntegrationTests-prod")
    prod_static = {
        v["Name"]: v["Value"] for v in project_of(template, prod_tests)["Environment"]["EnvironmentVariables"]
    }
    assert prod_static["STACK_NAME"] == "Prod-MobileBackend" and prod_static["TARGET_REGION"] == "us-west-2"
    assert prod_static["TEST_USERS_ALLOWED"] == "false"  # protected: IAM-signed smoke calls only, no test users
    assert build_commands(template, prod_tests.configuration["ProjectName"])[-1].startswith(
        ".venv/bin/python -m pytest tests/integration -q -m smoke"
    )


def test_post_deploy_tests_run_on_the_repository_and_publish_a_junit_report(template: dict) -> None:
    pipeline = pipeline_properties(template)
    source_artifact = pipeline["Stages"][0]["Actions"][0]["OutputArtifacts"][0]["Name"]
    dev_stage = next(s for s in pipeline["Stages"] if s["Name"] == "Dev")
    tests = next(a for a in dev_stage["Actions"] if a["Name"] == "IntegrationTests-dev")
    assert [i["Name"] for i in tests["InputArtifacts"]] == [source_artifact]
    spec = json.loads(project_of(template, action(template, "Dev", "IntegrationTests-dev"))["Source"]["BuildSpec"])
    assert spec["reports"]["integration-dev"] == {
        "files": ["junit.xml"],
        "base-directory": "test-output",
        "file-format": "JUNITXML",
    }
    assert spec["artifacts"]["base-directory"] == "test-output"


def test_every_build_step_pins_node_22_and_python_312(template: dict) -> None:
    for stage in ("Build", "Dev", "Prod"):
        for act in stages(template)[stage]:
            if act.provider != "CodeBuild" or act.name.startswith("CheckPermissions"):
                continue  # CDK's own permission check installs its CLI itself
            spec = json.loads(project_of(template, act)["Source"]["BuildSpec"])
            assert spec["phases"]["install"]["runtime-versions"] == {"python": "3.12", "nodejs": NODE_VERSION}, act.name
    assert NODE_VERSION == "22"


def test_test_step_may_assume_only_the_target_test_user_role(template: dict) -> None:
    roles = {
        r["Properties"]["RoleName"]: k
        for k, r in resources(template, "AWS::IAM::Role").items()
        if "RoleName" in r["Properties"]
    }
    assumes: dict[str, list] = {}
    for policy in resources(template, "AWS::IAM::Policy").values():
        for role in policy["Properties"]["Roles"]:
            for statement in policy["Properties"]["PolicyDocument"]["Statement"]:
                if "sts:AssumeRole" in as_list(statement["Action"]):
                    assumes.setdefault(role["Ref"], []).append(statement["Resource"])
    assert assumes[roles["mobile-backend-dev-integ-tests"]] == [
        "arn:aws:iam::222222222222:role/mobile-backend-dev-test-users"
    ]
    assert assumes[roles["mobile-backend-prod-integ-tests"]] == [
        "arn:aws:iam::333333333333:role/mobile-backend-prod-test-users"
    ]


def test_personal_stage_is_outside_the_pipeline(default_synth) -> None:
    names = [a.id for a in default_synth.assembly.artifacts]
    assert "assembly-Personal-alice" in names
    personal = default_synth.assembly.get_nested_assembly("assembly-Personal-alice")
    template = personal.stacks[0].template
    assert "TestRoleArn" not in template["Outputs"]
    assert all(
        t.get("DeletionPolicy") == "Delete"
        for t in template["Resources"].values()
        if t["Type"] == "AWS::DynamoDB::Table"
    )


def test_one_nested_assembly_per_environment(default_synth) -> None:
    nested = sorted(
        a.id for a in default_synth.assembly.artifacts if a.id.startswith("assembly-MobileBackendPipeline-")
    )
    assert nested == ["assembly-MobileBackendPipeline-Dev", "assembly-MobileBackendPipeline-Prod"]
