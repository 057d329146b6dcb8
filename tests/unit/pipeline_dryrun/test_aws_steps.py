"""Self-mutation, asset publishing and the permission check, run against a moto server in this process: what the
dry run makes in moto first (bootstrap, the pipeline), the recording proxy, and how a step ends (PASS, FAIL, or
PARTIAL where moto or this machine cannot follow). The steps' commands are stand-ins for `cdk deploy`, `cdk-assets`
and `cdk diff` (the real ones need the npm registry): Python with boto3, whose calls go where the step's
AWS_ENDPOINT_URL points, as the AWS SDK for JavaScript's do."""

from __future__ import annotations

import http.client
import json
import shlex
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from devtools.pipeline_dryrun import image_tools
from devtools.pipeline_dryrun.__main__ import main
from devtools.pipeline_dryrun.artifacts import reference_output
from devtools.pipeline_dryrun.aws_proxy import AwsCall, RecordingProxy, error_of, identify
from devtools.pipeline_dryrun.aws_step_inputs import bootstrap_of, published_destinations
from devtools.pipeline_dryrun.aws_steps import summarize
from devtools.pipeline_dryrun.buildspec import parse_buildspec
from devtools.pipeline_dryrun.environment import npm_global
from devtools.pipeline_dryrun.moto_limits import moto_cloudformation_types, moto_version, sandbox_stop
from devtools.pipeline_dryrun.pipeline_model import StepKind
from devtools.pipeline_dryrun.runner import run_step
from devtools.pipeline_dryrun.step_run import RunContext, StepResult
from sandbox.moto_host import moto_pipeline
from sandbox.moto_host.moto_server import MotoServer

from .helpers import (
    CDK_OUT_ARTIFACTS,
    SOURCE,
    SYNTH_OUTPUT,
    codebuild_action,
    context,
    deploy_action,
    environ,
    make_assembly_commands,
    make_repo,
    manifest,
    project,
    sandbox_at,
    self_mutating_pipeline,
    spec,
    step_lines,
    write_assembly,
)

DEV_ACCOUNT, DEV_REGION = "222222222222", "us-east-1"
DEV_BUCKET = f"cdk-hnb659fds-assets-{DEV_ACCOUNT}-{DEV_REGION}"
ASSET = "a" * 64
ASSET_MANIFEST = "assembly-Dev/DevStack.assets.json"
PY = shlex.quote(sys.executable)

# Stands in for cdk-assets: for each `<asset>:<destination>` of `--path <manifest> publish`, assumes the destination's
# role and puts the object, as cdk-assets does (SKIP=1: claims success and uploads nothing).
FAKE_CDK_ASSETS = f"""#!{sys.executable}
import json, os, sys
import boto3
args = sys.argv[1:]
manifest = args[args.index("--path") + 1]
files = json.load(open(manifest))["files"]
for selector in args[args.index("publish") + 1:]:
    asset, destination = selector.split(":")
    where = files[asset]["destinations"][destination]
    role = where["assumeRoleArn"].replace("${{AWS::Partition}}", "aws")
    creds = boto3.client("sts").assume_role(RoleArn=role, RoleSessionName="cdk-assets")["Credentials"]
    s3 = boto3.client("s3", region_name=where["region"], aws_access_key_id=creds["AccessKeyId"],
                      aws_secret_access_key=creds["SecretAccessKey"], aws_session_token=creds["SessionToken"])
    if not os.environ.get("SKIP"):
        s3.put_object(Bucket=where["bucketName"], Key=where["objectKey"], Body=b"asset")
    print("success: Published", selector)
"""


def aws_template(
    *,
    mutate: list[str] | None = None,
    assets: list[str] | None = None,
    check: dict[str, Any] | None = None,
    synth: list[str] | None = None,
) -> dict[str, Any]:
    """Build, UpdatePipeline, Assets and Dev (a deployment, then the next stage's permission check), CDK Pipelines'
    order; each AWS step's buildspec as given."""
    return self_mutating_pipeline(
        [
            {"Name": "Assets", "Actions": [codebuild_action("FileAssets", "FileAssets", inputs=[SYNTH_OUTPUT])]},
            {
                "Name": "Dev",
                "Actions": [
                    deploy_action("Dev-App", account=DEV_ACCOUNT),
                    codebuild_action(
                        "CheckPermissions-prod.Check",
                        "SecurityCheck",
                        inputs=[SYNTH_OUTPUT],
                        run_order=2,
                        env={"STAGE_PATH": "Pipe/Prod", "STAGE_NAME": "Dev"},
                    ),
                ],
            },
        ],
        {
            "SynthProject": project(spec(*(synth or ["true"]), artifacts=CDK_OUT_ARTIFACTS)),
            "SelfMutation": project(spec(*(mutate or ["cdk -a . deploy Pipe --require-approval=never"]))),
            "FileAssets": project(spec(*(assets or ["cdk-assets --path x publish y"]))),
            "SecurityCheck": project(check or spec("cdk diff -a . --security-only --fail Pipe/Prod/*")),
            "AutoApprove": {"Type": "AWS::Lambda::Function", "Properties": {}},
            "Project": {"Type": "AWS::CodeBuild::Project", "Properties": {"Name": "p"}},
        },
    )


def write_stage_assembly(assembly: Path) -> None:
    """A nested stage assembly as CDK writes it: a stack that needs bootstrap version 6 (8 for its lookup role), and
    its asset manifest with one file asset for the dev account's bootstrap bucket."""
    stage = assembly / "assembly-Dev"
    stage.mkdir()
    nested = manifest(["DevStack"], environment=f"aws://{DEV_ACCOUNT}/{DEV_REGION}")
    parameter = "/cdk-bootstrap/hnb659fds/version"
    nested["artifacts"]["DevStack"]["properties"] |= {
        "requiresBootstrapStackVersion": 6,
        "bootstrapStackVersionSsmParameter": parameter,
        "lookupRole": {"arn": "x", "requiresBootstrapStackVersion": 8, "bootstrapStackVersionSsmParameter": parameter},
    }
    nested["artifacts"]["DevStack.assets"] = {
        "type": "cdk:asset-manifest",
        "properties": {"file": "DevStack.assets.json"},
    }
    (stage / "manifest.json").write_text(json.dumps(nested))
    (stage / "DevStack.template.json").write_text('{"Resources": {}}')
    role = (
        f"arn:${{AWS::Partition}}:iam::{DEV_ACCOUNT}:role/cdk-hnb659fds-file-publishing-role-{DEV_ACCOUNT}-{DEV_REGION}"
    )
    destination = {"bucketName": DEV_BUCKET, "objectKey": f"{ASSET}.zip", "region": DEV_REGION, "assumeRoleArn": role}
    assets = {
        "version": "48.0.0",
        "files": {
            ASSET: {
                "source": {"path": f"../asset.{ASSET}", "packaging": "zip"},
                "destinations": {f"{DEV_ACCOUNT}-{DEV_REGION}": destination},
            }
        },
    }
    (stage / "DevStack.assets.json").write_text(json.dumps(assets))
    (assembly / f"asset.{ASSET}").mkdir()
    (assembly / f"asset.{ASSET}" / "index.py").write_text("def handler(event, context): return event\n")
    tools = assembly / "bin"
    tools.mkdir()
    (tools / "cdk-assets").write_text(FAKE_CDK_ASSETS)
    (tools / "cdk-assets").chmod(0o755)


def assembly_with(tmp_path: Path, template: dict[str, Any], templates: Mapping[str, Any] | None = None) -> Path:
    assembly = write_assembly(tmp_path / "ref", template, nested={})
    manifest_path = assembly / "manifest.json"
    top = json.loads(manifest_path.read_text())
    top["artifacts"]["assembly-Dev"] = {"type": "cdk:cloud-assembly", "properties": {"directoryName": "assembly-Dev"}}
    manifest_path.write_text(json.dumps(top))
    write_stage_assembly(assembly)
    for name, body in (templates or {}).items():
        (assembly / name).write_text(json.dumps(body))
    return assembly


@pytest.fixture(scope="module")
def moto() -> Iterator[MotoServer]:
    moto_pipeline.install()
    server = MotoServer().start()
    yield server
    server.stop()


def run(
    tmp_path: Path, moto: MotoServer, kind: StepKind, template: dict[str, Any], **kw: Any
) -> tuple[StepResult, str]:
    lines: list[str] = []
    assembly = assembly_with(tmp_path, template, kw.pop("templates", None))
    ctx: RunContext = context(make_repo(tmp_path / "repo", {"app.py": ""}), assembly, environ(), lines)
    result = run_step(ctx.pipeline.of_kind(kind)[0], ctx, sandbox=sandbox_at(moto.url))
    return result, "\n".join(lines)


def credentials(moto: MotoServer, account: str) -> dict[str, str]:
    """Keyword arguments for a client acting in `account` (moto's AssumeRole)."""
    sts = boto3.client("sts", "us-east-1", endpoint_url=moto.url, aws_access_key_id="k", aws_secret_access_key="s")
    creds = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/test", RoleSessionName="test")["Credentials"]
    return {
        "aws_access_key_id": creds["AccessKeyId"],
        "aws_secret_access_key": creds["SecretAccessKey"],
        "aws_session_token": creds["SessionToken"],
    }


def in_account(moto: MotoServer, service: str, account: str, region: str = "us-east-1") -> Any:
    return boto3.client(service, region, endpoint_url=moto.url, **credentials(moto, account))


# --- the template and the assembly ---------------------------------------------------------------------------------


def test_what_bootstrap_leaves_is_read_from_the_assembly(tmp_path: Path) -> None:
    assembly = assembly_with(tmp_path, aws_template())
    boot = bootstrap_of(assembly)
    assert boot.buckets == {(DEV_ACCOUNT, DEV_REGION, DEV_BUCKET)}
    assert boot.parameters == {(DEV_ACCOUNT, DEV_REGION, "/cdk-bootstrap/hnb659fds/version"): 8}  # the highest

    publish = parse_buildspec(
        spec(f'cdk-assets --path "{ASSET_MANIFEST}" --verbose publish "{ASSET}:{DEV_ACCOUNT}-us-east-1"')
    )
    (found,) = published_destinations(publish, assembly)
    assert (found.account, found.region, found.bucket, found.key) == (
        DEV_ACCOUNT,
        DEV_REGION,
        DEV_BUCKET,
        f"{ASSET}.zip",
    )
    everything = parse_buildspec(spec(f"cdk-assets --path {ASSET_MANIFEST} publish"))
    assert published_destinations(everything, assembly) == [found]


def test_the_synth_steps_later_copies_are_replayed_on_the_reference_assembly(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"scripts/hold.py": "print('hold')\n", "x.txt": ""})
    reference = write_assembly(tmp_path / "ref", aws_template())
    synth = parse_buildspec(
        spec(
            "npx cdk synth",
            "cp scripts/hold.py cdk.out/",
            "cp x.txt cdk.out/renamed.txt",
            "echo done > cdk.out/log",
            artifacts={"base-directory": "cdk.out"},
        )
    )
    lines = reference_output(synth, repo, reference, tmp_path / "out")
    assert (tmp_path / "out" / "hold.py").read_text() == "print('hold')\n"
    assert (tmp_path / "out" / "renamed.txt").is_file() and (tmp_path / "out" / "manifest.json").is_file()
    assert lines == [
        "replayed on the reference assembly: `cp scripts/hold.py cdk.out/`",
        "replayed on the reference assembly: `cp x.txt cdk.out/renamed.txt`",
        "not replayed on the reference assembly: `echo done > cdk.out/log`",
    ]


def test_npm_installs_globally_into_the_build_directory(tmp_path: Path) -> None:
    env = npm_global({"PATH": "/usr/bin:/bin", "HOME": "/root", "npm_config_prefix": "/usr"}, tmp_path / "npm")
    assert env["NPM_CONFIG_PREFIX"] == str(tmp_path / "npm") and "npm_config_prefix" not in env
    assert env["PATH"].split(":")[0] == str(tmp_path / "npm" / "bin")


def test_a_tool_the_image_ships_and_this_machine_lacks_gets_a_stand_in_that_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(image_tools.IMAGE_TOOLS, "dryrun-absent-tool", "a tool of the image")
    setup = image_tools.prepare_image_tools(
        tmp_path, {"PATH": "/nonexistent"}, "aws/codebuild/standard:7.0", talks_to_aws=False
    )
    assert "dryrun-absent-tool" in setup.missing and setup.bin_dir == tmp_path
    import subprocess

    done = subprocess.run([str(tmp_path / "dryrun-absent-tool"), "x"], capture_output=True, text=True)
    assert done.returncode == 127
    assert image_tools.missing_tool([done.stderr]) == "dryrun-absent-tool (a tool of the image)"


# --- the stand-ins in moto and the proxy ---------------------------------------------------------------------------


def test_get_pipeline_state_answers_for_a_pipeline_moto_knows(moto: MotoServer) -> None:
    codepipeline = in_account(moto, "codepipeline", "444444444444")
    with pytest.raises(ClientError, match="PipelineNotFoundException"):
        codepipeline.get_pipeline_state(name="nope")
    iam = in_account(moto, "iam", "444444444444")
    trust = {"Statement": [{"Effect": "Allow", "Principal": {"Service": "codepipeline.amazonaws.com"}}]}
    role = iam.create_role(RoleName="cp", AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
    action = {
        "name": "a",
        "actionTypeId": {"category": "Build", "owner": "AWS", "provider": "CodeBuild", "version": "1"},
    }
    stages = [{"name": "One", "actions": [action]}, {"name": "Two", "actions": [action]}]
    codepipeline.create_pipeline(pipeline={"name": "p", "roleArn": role, "stages": stages})
    state = codepipeline.get_pipeline_state(name="p")
    assert [s["stageName"] for s in state["stageStates"]] == ["One", "Two"]
    assert all("latestExecution" not in s for s in state["stageStates"])  # moto runs nothing: idle


def test_a_template_url_on_an_ip_address_is_read_path_style(moto: MotoServer) -> None:
    assert moto_pipeline.path_style_url("http://127.0.0.1:8444/b/k.json") == "http://localhost:8444/b/k.json"
    assert moto_pipeline.path_style_url("https://b.s3.amazonaws.com/k") == "https://b.s3.amazonaws.com/k"
    s3, cloudformation = in_account(moto, "s3", "444444444444"), in_account(moto, "cloudformation", "444444444444")
    s3.create_bucket(Bucket="templates-444")
    body = {"Resources": {"Topic": {"Type": "AWS::SNS::Topic", "Properties": {}}}}
    s3.put_object(Bucket="templates-444", Key="t.json", Body=json.dumps(body).encode())
    cloudformation.create_stack(StackName="from-url", TemplateURL=f"{moto.url}/templates-444/t.json")
    assert cloudformation.describe_stacks(StackName="from-url")["Stacks"][0]["StackStatus"] == "CREATE_COMPLETE"


def test_the_proxy_passes_requests_on_and_records_each_call(moto: MotoServer) -> None:
    s3 = in_account(moto, "s3", "444444444444")
    with RecordingProxy(moto.url) as proxy:
        proxied = boto3.client("s3", "us-east-1", endpoint_url=proxy.url, **credentials(moto, "444444444444"))
        proxied.create_bucket(Bucket="through-the-proxy")
        proxied.put_object(Bucket="through-the-proxy", Key="k", Body=b"body")
        with pytest.raises(ClientError):
            proxied.head_object(Bucket="through-the-proxy", Key="missing")
        # A chunked request body (what an SDK streams when it does not know the length) arrives whole.
        connection = http.client.HTTPConnection("127.0.0.1", int(proxy.url.rsplit(":", 1)[1]))
        connection.request("PUT", "/through-the-proxy/chunked", body=iter([b"one-", b"two"]), encode_chunked=True)
        assert connection.getresponse().status == 200
        cloudformation = boto3.client(
            "cloudformation", "us-east-1", endpoint_url=proxy.url, aws_access_key_id="k", aws_secret_access_key="s"
        )
        with pytest.raises(ClientError):
            cloudformation.describe_stacks(StackName="nothing-here")
        calls = proxy.since(0)
    assert s3.get_object(Bucket="through-the-proxy", Key="chunked")["Body"].read() == b"one-two"
    assert [(c.name, c.status) for c in calls] == [
        ("s3:CreateBucket", 200),
        ("s3:PutObject", 200),
        ("s3:HeadObject", 404),
        (":PUT /through-the-proxy/chunked", 200),  # unsigned: no service in a credential scope
        ("cloudformation:DescribeStacks", 400),
    ]
    assert calls[-1].error == "ValidationError: Stack with id nothing-here does not exist"


def test_a_call_is_named_by_its_protocol() -> None:
    scope = {"Authorization": "AWS4-HMAC-SHA256 Credential=AK/20260101/us-west-2/codepipeline/aws4_request, ..."}
    json_rpc = {**scope, "X-Amz-Target": "CodePipeline_20150709.GetPipelineState"}
    assert identify("POST", "/", json_rpc, b"{}") == ("codepipeline", "us-west-2", "GetPipelineState")
    query = {**scope, "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
    assert identify("POST", "/", query, b"Action=GetTemplate&Version=2010-05-15")[2] == "GetTemplate"
    assert identify("POST", "/service/GraniteServiceVersion20100801/operation/PutMetricData", scope, b"")[2] == (
        "PutMetricData"
    )
    s3 = {"Authorization": scope["Authorization"].replace("codepipeline", "s3")}
    assert identify("GET", "/bucket?location", s3, b"")[2] == "GetBucketLocation"
    assert identify("GET", "/bucket?list-type=2&prefix=k", s3, b"")[2] == "ListObjectsV2"
    assert error_of(500, b"<!doctype html><title>500 Internal Server Error</title>") == "500 Internal Server Error"
    assert (
        error_of(400, b'{"__type": "x#PipelineNotFoundException", "message": "no"}') == "PipelineNotFoundException: no"
    )
    assert summarize([AwsCall("s3", "PutObject", 200), AwsCall("s3", "PutObject", 200), AwsCall("sts", "X", 500)]) == (
        "3 AWS calls to the sandbox's moto; answered: s3:PutObject ×2; refused: sts:X (HTTP 500)"
    )


def test_a_resource_type_moto_cannot_create_is_named_and_others_are_not() -> None:
    assert moto_cloudformation_types(["AWS::CodeBuild::Project", "AWS::SNS::Topic", "Custom::X"]) == {
        "AWS::CodeBuild::Project": False,
        "AWS::SNS::Topic": True,
        "Custom::X": True,
    }


def test_what_stops_a_step_for_want_of_the_sandbox_or_this_machine_and_what_does_not(tmp_path: Path) -> None:
    v1 = ["usage: aws [options] <command> <subcommand> [parameters]", "Unknown options: --cli-binary-format, raw-in"]
    stop = sandbox_stop([], v1, tmp_path)
    assert stop and stop.reason == (
        "the AWS CLI here is v1, which lacks --cli-binary-format (the CodeBuild image has v2)"
    )
    assert sandbox_stop([], ["Unknown options: --colour"], tmp_path) is None  # a mistake in the step itself
    missing = AwsCall(
        "lambda",
        "POST /2015-03-31/functions/Pipe-AutoApprove/invocations",
        404,
        "",
        "Function not found: arn:aws:lambda:us-east-1:111111111111:function:Pipe-AutoApprove",
    )
    stop = sandbox_stop([missing], [], tmp_path, ["Pipe-AutoApprove"])
    assert stop and stop.reason.endswith(
        "Pipe-AutoApprove stands in for a resource of the pipeline stack, which the sandbox does not have (its moto "
        "cannot deploy that stack)"
    )
    assert sandbox_stop([missing], [], tmp_path) is None
    assert sandbox_stop([AwsCall("s3", "PutObject", 403, "", "AccessDenied: no")], [], tmp_path) is None


# --- asset publishing ------------------------------------------------------------------------------------------------


PUBLISH = [
    'export PATH="$PWD/bin:$PATH"',
    f'cdk-assets --path "{ASSET_MANIFEST}" --verbose publish "{ASSET}:{DEV_ACCOUNT}-{DEV_REGION}"',
]


def test_asset_publishing_puts_each_asset_into_its_bucket_in_its_account(tmp_path: Path, moto: MotoServer) -> None:
    result, out = run(tmp_path, moto, StepKind.ASSETS, aws_template(assets=PUBLISH))
    assert (result.status, result.detail) == ("PASS", f"1 file assets in their buckets ({DEV_BUCKET})"), out
    assert f"bootstrapped {DEV_ACCOUNT}/{DEV_REGION}: bucket {DEV_BUCKET}, /cdk-bootstrap/hnb659fds/version=8" in out
    assert "answered: sts:AssumeRole, s3:PutObject" in out
    dev_s3 = in_account(moto, "s3", DEV_ACCOUNT)
    assert dev_s3.get_object(Bucket=DEV_BUCKET, Key=f"{ASSET}.zip")["Body"].read() == b"asset"
    assert DEV_BUCKET not in [b["Name"] for b in in_account(moto, "s3", "123456789012").list_buckets()["Buckets"]]


def test_asset_publishing_that_leaves_the_bucket_empty_fails(tmp_path: Path, moto: MotoServer) -> None:
    skip = [PUBLISH[0], f"SKIP=1 {PUBLISH[1]}"]
    dev_s3 = in_account(moto, "s3", DEV_ACCOUNT)
    if DEV_BUCKET in [b["Name"] for b in dev_s3.list_buckets()["Buckets"]]:  # from the test before
        dev_s3.delete_object(Bucket=DEV_BUCKET, Key=f"{ASSET}.zip")
    result, out = run(tmp_path, moto, StepKind.ASSETS, aws_template(assets=skip))
    assert result.status == "FAIL", out
    assert result.detail.startswith(f"not in the bucket after the build: s3://{DEV_BUCKET}/{ASSET}.zip ({DEV_ACCOUNT}/")


# --- self-mutation -------------------------------------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore:Tried to parse AWS.*:UserWarning")
def test_self_mutation_runs_inside_its_pipeline_and_stops_where_moto_cloudformation_does(
    tmp_path: Path, moto: MotoServer
) -> None:
    """The pipeline exists in moto (its state readable, as the hold reads it); a stack whose template holds a type
    moto's CloudFormation lacks stops there: PARTIAL, naming the type, not FAIL."""
    state = (
        f"{PY} -c \"import boto3; s = boto3.client('codepipeline').get_pipeline_state(name='app-pipeline'); "
        "print('stages', [x['stageName'] for x in s['stageStates']])\""
    )
    create = (
        f"{PY} -c \"import boto3, json; boto3.client('cloudformation').create_stack(StackName='Pipe', "
        "TemplateBody=open('Other.template.json').read())\""
    )
    other = {
        "Resources": {
            "Project": {"Type": "AWS::CodeBuild::Project", "Properties": {}},
            "Topic": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": {"Fn::GetAtt": ["Project", "Arn"]}}},
        }
    }
    template = aws_template(mutate=[state, create])
    result, out = run(tmp_path, moto, StepKind.SELF_MUTATE, template, templates={"Other.template.json": other})
    assert result.status == "PARTIAL", out
    assert "stages ['Source', 'Build', 'UpdatePipeline', 'Assets', 'Dev']" in out
    assert "pipeline app-pipeline in 111111111111/us-east-1 of the sandbox's moto (5 stages, none running)" in out
    assert result.detail.startswith("stopped in phase BUILD `") and result.detail.endswith(
        f"(exit 1): CreateStack: moto {moto_version()}'s CloudFormation has no AWS::CodeBuild::Project (a GetAtt to "
        "Project of Other.template.json fails)"
    ), result.detail


def test_a_call_moto_does_not_implement_stops_the_step_with_its_name(tmp_path: Path, moto: MotoServer) -> None:
    unimplemented = (
        f'AWS_MAX_ATTEMPTS=1 {PY} -c "import boto3; '
        "boto3.client('codepipeline').list_action_executions(pipelineName='app-pipeline')\""
    )
    result, out = run(tmp_path, moto, StepKind.SELF_MUTATE, aws_template(mutate=[unimplemented]))
    assert result.status == "PARTIAL", out
    assert result.detail.endswith(
        f"moto {moto_version()} has no codepipeline:ListActionExecutions (it answers HTTP 500)"
    )


def test_a_step_that_fails_on_its_own_is_a_failure_with_the_line_that_says_why(
    tmp_path: Path, moto: MotoServer
) -> None:
    broken = "sh -c 'echo \"Error: the template is broken\" >&2; exit 3'"
    result, out = run(tmp_path, moto, StepKind.SELF_MUTATE, aws_template(mutate=[broken]))
    assert result.status == "FAIL", out
    assert result.detail.endswith("(exit 3): Error: the template is broken")


def test_a_tool_this_machine_lacks_stops_the_step_without_failing_it(
    tmp_path: Path, moto: MotoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(image_tools.IMAGE_TOOLS, "dryrun-absent-tool", "a tool of the image")
    result, out = run(tmp_path, moto, StepKind.SELF_MUTATE, aws_template(mutate=["dryrun-absent-tool --version"]))
    assert result.status == "PARTIAL", out
    assert result.detail.endswith(
        "needs dryrun-absent-tool (a tool of the image), which the CodeBuild image ships and this machine lacks"
    )


# --- the permission check ------------------------------------------------------------------------------------------


def test_the_permission_check_reports_which_way_it_went_by_its_exported_variables(
    tmp_path: Path, moto: MotoServer
) -> None:
    """CDK's check: `if cdk diff ... --fail; then aws lambda invoke <auto-approve>; ...; else ...; fi`, MESSAGE and LINK
    exported. Here the diff stands in as a DescribeStacks of a stack the sandbox does not have."""
    read = "import boto3; boto3.client('cloudformation').describe_stacks(StackName='Prod-App')"
    diff = f'{PY} -c "{read}" --security-only'  # `--security-only`: what tells the permission check
    text = json.dumps(
        spec(
            "ARN=$CODEBUILD_BUILD_ARN",
            f'PROJECT="$({PY} -c \'import os; print(os.environ["ARN"].split(":")[5])\')"',
            f'if {diff} 2>/dev/null; then echo invoke @@FUNCTION@@; export MESSAGE="No security-impacting changes '
            'detected."; else export MESSAGE="Deployment would make security-impacting changes."; fi',
            'export LINK="https://console/$PROJECT"',
            env={"exported-variables": ["LINK", "MESSAGE"]},
        )
    )
    before, after = text.split("@@FUNCTION@@")
    check = {"Fn::Join": ["", [before, {"Ref": "AutoApprove"}, after]]}
    result, out = run(tmp_path, moto, StepKind.PERMISSIONS, aws_template(check=check))
    assert result.status == "PASS", out
    assert result.detail == (
        "`cdk diff` found security-impacting changes (the stage's stacks are not in the sandbox: every statement is "
        "new); the approving branch did not run; MESSAGE='Deployment would make security-impacting changes.'"
    )
    assert "Ref AutoApprove = Pipe-AutoApprove (placeholder" in out
    # ARN, assigned by one command, reached the next command's process (as CodeBuild carries it)
    assert "exported variable LINK='https://console/build/SecurityCheck'" in out


# --- the whole dry run: what the steps that take the synth output get ----------------------------------------------


def inside_sandbox(tmp_path: Path, moto: MotoServer, monkeypatch: pytest.MonkeyPatch) -> None:
    outputs = tmp_path / "amplify_outputs.json"
    custom: dict[str, Any] = {"stack_name": "sandbox", "aws_endpoint": moto.url, "access_key_id": "testing"}
    custom |= {"secret_access_key": "testing", "ca_cert": None, "account_id": "123456789012"}
    outputs.write_text(json.dumps({"data": {"aws_region": "us-east-1"}, "custom": {"sandbox": custom}}))
    monkeypatch.setenv("AMPLIFY_OUTPUTS", str(outputs))


def lines_of(out: str) -> dict[str, str]:
    summary = step_lines(out)
    return {line[22:].split()[0]: line for line in summary}


def test_the_steps_after_synth_get_its_output_or_without_it_the_reference_assembly_with_its_copies(
    tmp_path: Path, moto: MotoServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    inside_sandbox(tmp_path, moto, monkeypatch)
    synth = [
        *make_assembly_commands(["Pipe"], {}),
        "echo synthesized > cdk.out/made-by-synth",
        "npx --no-install cdk synth --version >/dev/null 2>&1 || true",  # `cdk synth`: what comes after is replayed
        "cp scripts/hold.py cdk.out/",
    ]
    mutate = ["test -f hold.py", "cat made-by-synth 2>/dev/null || echo reference-assembly"]
    repo = make_repo(tmp_path / "repo", {"app.py": "", "scripts/hold.py": "print('hold')\n"})
    assembly = write_assembly(tmp_path / "ref", aws_template(synth=synth, mutate=mutate))

    assert main(["--assembly", str(assembly), "--only", "self-mutate"], repo=repo, work_root=tmp_path) == 0
    out = capsys.readouterr().out
    assert "[synth] replayed on the reference assembly: `cp scripts/hold.py cdk.out/`" in out
    assert "[SelfMutate] reference-assembly" in out and lines_of(out)["UpdatePipeline/SelfMutate"].startswith("PASS")

    only = ["--only", "synth", "--only", "self-mutate"]
    assert main(["--assembly", str(assembly), *only], repo=repo, work_root=tmp_path) == 0
    out = capsys.readouterr().out
    assert "[SelfMutate] synthesized" in out, out  # the synth step's own output

    failing = write_assembly(tmp_path / "failing", aws_template(synth=["false"], mutate=mutate))
    assert main(["--assembly", str(failing), *only], repo=repo, work_root=tmp_path) == 1
    mutate_line = lines_of(capsys.readouterr().out)["UpdatePipeline/SelfMutate"]
    assert mutate_line.startswith("NOT RUN") and mutate_line.endswith(
        "input Synth_Output: the synth step Build/Synth did not pass, so CodePipeline would stop there"
    )


# --- a CodeBuild step of the project's own ------------------------------------------------------------------------


def test_any_other_codebuild_step_runs_with_the_sandboxs_moto_as_its_aws_or_says_why_not(
    tmp_path: Path, moto: MotoServer
) -> None:
    """Like a check before a stage: the synth output as its primary input, the repository as a secondary one, a call
    to AWS in the target account. A value only a running pipeline has (`#{...}` of another action) cannot be given."""
    read_template = (
        f"{PY} -c \"import boto3, sys; sts = boto3.client('sts'); "
        "c = sts.assume_role(RoleArn='arn:aws:iam::333333333333:role/reader', RoleSessionName='check')['Credentials']; "
        "cfn = boto3.client('cloudformation', region_name='us-west-2', aws_access_key_id=c['AccessKeyId'], "
        "aws_secret_access_key=c['SecretAccessKey'], aws_session_token=c['SessionToken'])\n"
        "try:\n    cfn.get_template(StackName='Prod-App')\nexcept cfn.exceptions.ClientError as e:\n"
        "    print('first deployment:', e.response['Error']['Message'])\""
    )
    commands = [f'test -f "$CODEBUILD_SRC_DIR_{SOURCE}/app.py"', "test -f manifest.json", read_template]
    template = aws_template()
    template["Resources"]["Check"] = project(spec(*commands))
    stages = template["Resources"]["Pipeline"]["Properties"]["Stages"]
    check = codebuild_action("PreDeploy-prod", "Check", inputs=[SYNTH_OUTPUT, SOURCE])
    needs_output = codebuild_action("Later", "Check", inputs=[SYNTH_OUTPUT], env={"URL": "#{Deploy.Url}"})
    stages.append({"Name": "Gate-prod", "Actions": [check, needs_output]})
    lines: list[str] = []
    ctx = context(make_repo(tmp_path / "repo", {"app.py": ""}), assembly_with(tmp_path, template), environ(), lines)
    first, later = ctx.pipeline.of_kind(StepKind.GENERIC)

    result = run_step(first, ctx, sandbox=sandbox_at(moto.url))
    out = "\n".join(lines)
    assert (result.status, result.kind) == ("PASS", "codebuild"), out
    assert result.detail == "build succeeded; 2 AWS calls to the sandbox's moto (1 refused, which it took)"
    assert "first deployment: Stack with id Prod-App does not exist" in out
    assert "answered: sts:AssumeRole; refused: cloudformation:GetTemplate (HTTP 400: ValidationError" in out

    result = run_step(later, ctx, sandbox=sandbox_at(moto.url))
    assert result.status == "NOT RUN"
    assert result.detail == "URL: CodePipeline variable #{Deploy.Url} has no offline value"
