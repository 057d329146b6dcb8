"""The pipeline's own AWS steps (self-mutation, asset publishing, the permission check) against the sandbox's moto.

CDK Pipelines' UpdatePipeline/SelfMutate (`cdk -a . deploy <pipeline stack>`, after this project's
`hold_self_mutation.py`), Assets/FileAssets (`cdk-assets --path <manifest> publish <asset>:<destination>`) and the
permission check (`cdk diff -a . --security-only --fail <stage>/*`) run here as written, on the synth step's output,
with their AWS calls going to the sandbox's moto; so does any other CodeBuild step of the pipeline (one of the
project's own, such as a check before a stage). What CodeBuild gives them, and what the dry run gives instead:

- credentials: the project role's, in the pipeline account → a role in the pipeline account assumed through the
  sandbox's STS (moto's AssumeRole gives credentials acting in the role's account and does not look the role up);
- AWS_ENDPOINT_URL → a recording proxy in front of the sandbox's moto (aws_proxy.py), so the dry run knows every
  call and its answer. The AWS SDK for JavaScript v3 (CDK CLI, cdk-assets) uses it for every service and, the
  endpoint being an IP address, addresses S3 path-style (`http://127.0.0.1:<port>/<bucket>/<key>`), which moto
  serves; nothing is needed for virtual-hosted addressing;
- the environments as `cdk bootstrap` leaves them, made in moto from the step's input assembly (once each per
  sandbox session): every asset manifest destination's bucket in its account (that of its `assumeRoleArn`) and
  region, and every stack's bootstrap version parameter (`/cdk-bootstrap/<qualifier>/version`) in its environment,
  holding the highest version the assembly requires (the CDK CLI checks it is at least that). The bootstrap roles
  are not made: moto's AssumeRole does not look them up. Container image assets would need Docker and ECR: none
  is made;
- the pipeline itself (self-mutation runs inside it, and its hold reads the pipeline's state): created in moto
  with the template's stages and actions and an IAM role that CodePipeline may assume (moto's CreatePipeline
  checks that). moto runs no executions, so every stage reads as idle.

After a successful build: asset publishing must have put every object its commands name into its bucket
(HeadObject in the destination's account); self-mutation's stack must be complete in moto; a step's
`exported-variables` are shown (the permission check's MESSAGE says which way `cdk diff` went). A failed build is
the step's failure unless moto_limits.sandbox_stop finds the sandbox's reason.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .aws_proxy import AwsCall
from .aws_step_inputs import Bootstrap, Destination
from .pipeline_model import Pipeline
from .variables import SandboxTarget

STEP_ROLE = "pipeline-dryrun-codebuild"  # the project role's stand-in (any name: moto's AssumeRole does not check)
SETUP_ROLE = "pipeline-dryrun-setup"  # any name: moto's AssumeRole does not look the role up
PIPELINE_ROLE = "pipeline-dryrun-codepipeline"
CODEPIPELINE_TRUST = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "codepipeline.amazonaws.com"}, "Action": "sts:AssumeRole"}
    ],
}


class AwsSetupError(RuntimeError):
    """The sandbox's moto did not take what a step needs before it runs."""


def summarize(calls: list[AwsCall]) -> str:
    """One line: how many calls, the answered ones by name, the refused ones with their answer."""
    answered: dict[str, int] = {}
    refused: dict[str, int] = {}
    for call in calls:
        if call.status < 400:
            answered[call.name] = answered.get(call.name, 0) + 1
        else:
            refused[call.describe()[:160]] = refused.get(call.describe()[:160], 0) + 1

    def listed(counts: dict[str, int]) -> str:
        return ", ".join(f"{name}{f' ×{n}' if n > 1 else ''}" for name, n in counts.items())

    text = f"{len(calls)} AWS calls to the sandbox's moto; answered: {listed(answered) or 'none'}"
    return text + (f"; refused: {listed(refused)}" if refused else "")


class SandboxAws:
    """The sandbox's moto as the accounts of the pipeline see it; what was made there, made once."""

    def __init__(self, sandbox: SandboxTarget, *, sts_region: str) -> None:
        self.sandbox = sandbox
        self.sts_region = sts_region
        self._credentials: dict[tuple[str, str], dict[str, str]] = {}
        self._buckets: set[tuple[str, str, str]] = set()
        self._parameters: dict[tuple[str, str, str], int] = {}
        self._pipelines: set[tuple[str, str, str]] = set()

    def credentials(self, account: str, role: str = SETUP_ROLE) -> dict[str, str]:
        """AWS_ACCESS_KEY_ID/SECRET/SESSION_TOKEN acting in `account` (a role assumed through moto's STS)."""
        key = (account, role)
        if key not in self._credentials:
            import boto3  # imported here, as in variables.caller_account

            sts = boto3.client(
                "sts",
                region_name=self.sts_region,
                endpoint_url=self.sandbox.aws_endpoint,
                aws_access_key_id=self.sandbox.access_key_id,
                aws_secret_access_key=self.sandbox.secret_access_key,
            )
            role_arn = f"arn:aws:iam::{account}:role/{role}"
            try:
                issued = sts.assume_role(RoleArn=role_arn, RoleSessionName="pipeline-dryrun")["Credentials"]
            except Exception as exc:  # noqa: BLE001 - botocore's errors and connection failures alike (botocore imported lazily)
                raise AwsSetupError(
                    f"cannot assume {role_arn} through the sandbox's STS ({self.sandbox.aws_endpoint}): {exc}"
                ) from None
            self._credentials[key] = {
                "AWS_ACCESS_KEY_ID": issued["AccessKeyId"],
                "AWS_SECRET_ACCESS_KEY": issued["SecretAccessKey"],
                "AWS_SESSION_TOKEN": issued["SessionToken"],
            }
        return self._credentials[key]

    def client(self, service: str, account: str, region: str) -> Any:
        import boto3

        creds = self.credentials(account)
        return boto3.client(
            service,
            region_name=region,
            endpoint_url=self.sandbox.aws_endpoint,
            aws_access_key_id=creds["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=creds["AWS_SECRET_ACCESS_KEY"],
            aws_session_token=creds["AWS_SESSION_TOKEN"],
        )

    def bootstrap(self, boot: Bootstrap) -> list[str]:
        """Make what is missing; one line per environment that got something."""
        made: dict[tuple[str, str], list[str]] = {}
        try:
            for account, region, bucket in sorted(boot.buckets - self._buckets):
                s3 = self.client("s3", account, region)
                options = {} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}
                try:
                    s3.create_bucket(Bucket=bucket, **options)
                except s3.exceptions.BucketAlreadyOwnedByYou:
                    pass
                self._buckets.add((account, region, bucket))
                made.setdefault((account, region), []).append(f"bucket {bucket}")
            for (account, region, name), version in sorted(boot.parameters.items()):
                if self._parameters.get((account, region, name), 0) >= version:
                    continue
                ssm = self.client("ssm", account, region)
                ssm.put_parameter(Name=name, Value=str(version), Type="String", Overwrite=True)
                self._parameters[(account, region, name)] = version
                made.setdefault((account, region), []).append(f"{name}={version}")
        except Exception as exc:  # noqa: BLE001 - botocore's errors and connection failures alike (botocore imported lazily)
            raise AwsSetupError(f"cannot bootstrap the sandbox's moto ({self.sandbox.aws_endpoint}): {exc}") from None
        return [f"bootstrapped {account}/{region}: {', '.join(items)}" for (account, region), items in made.items()]

    def ensure_pipeline(self, pipeline: Pipeline) -> str | None:
        """The pipeline in its account and region, with its stages and actions (a line when it was made)."""
        key = (pipeline.account, pipeline.region, pipeline.name)
        if key in self._pipelines:
            return None
        try:
            iam = self.client("iam", pipeline.account, pipeline.region)
            try:
                role_arn = iam.get_role(RoleName=PIPELINE_ROLE)["Role"]["Arn"]
            except iam.exceptions.NoSuchEntityException:
                role_arn = iam.create_role(
                    RoleName=PIPELINE_ROLE, AssumeRolePolicyDocument=json.dumps(CODEPIPELINE_TRUST)
                )["Role"]["Arn"]
            codepipeline = self.client("codepipeline", pipeline.account, pipeline.region)
            existing = {p["name"] for p in codepipeline.list_pipelines()["pipelines"]}
            if pipeline.name not in existing:
                codepipeline.create_pipeline(pipeline=declaration(pipeline, role_arn))
        except Exception as exc:  # noqa: BLE001 - botocore's errors and connection failures alike (botocore imported lazily)
            raise AwsSetupError(f"cannot create pipeline {pipeline.name} in the sandbox's moto: {exc}") from None
        self._pipelines.add(key)
        return (
            f"pipeline {pipeline.name} in {pipeline.account}/{pipeline.region} of the sandbox's moto "
            f"({len(pipeline.stages)} stages, none running): the step runs inside it"
        )

    def missing_objects(self, destinations: Iterable[Destination]) -> list[str]:
        missing = []
        for dest in destinations:
            if dest.account is None:
                missing.append(f"{dest.asset}:{dest.destination}: no account in its assumeRoleArn to look in")
                continue
            s3 = self.client("s3", dest.account, dest.region)
            try:
                s3.head_object(Bucket=dest.bucket, Key=dest.key)
            except Exception as exc:  # noqa: BLE001 - any failure to read it is reported as missing
                missing.append(f"s3://{dest.bucket}/{dest.key} ({dest.account}/{dest.region}): {exc}")
        return missing

    def stack_status(self, name: str, account: str, region: str) -> str:
        try:
            stacks = self.client("cloudformation", account, region).describe_stacks(StackName=name)["Stacks"]
        except Exception as exc:  # noqa: BLE001 - any failure to read it is the status shown
            return f"not readable ({exc})"
        return str(stacks[0]["StackStatus"]) if stacks else "missing"


def declaration(pipeline: Pipeline, role_arn: str) -> dict[str, Any]:
    """A CreatePipeline declaration with the template's stages and actions (names and types; enough for moto and for
    GetPipelineState: the configuration stays out, it holds references to resources of the pipeline stack)."""
    return {
        "name": pipeline.name,
        "roleArn": role_arn,
        "artifactStore": {"type": "S3", "location": f"{pipeline.name}-artifacts-dryrun"},
        "stages": [
            {
                "name": stage.name,
                "actions": [
                    {
                        "name": action.name,
                        "actionTypeId": {
                            "category": action.category,
                            "owner": action.owner,
                            "provider": action.provider,
                            "version": action.version,
                        },
                        "runOrder": action.run_order,
                    }
                    for action in stage.actions
                ],
            }
            for stage in pipeline.stages
        ],
    }


def exported_values(state_dir: Path, names: Iterable[str]) -> dict[str, str]:
    """The exported variables a build left (`export -p` output, as shell.run_build's `keep` writes it)."""
    import subprocess

    script = state_dir / "exported.sh"
    if not script.is_file():
        return {}
    out = subprocess.run(
        ["/bin/sh", "-c", '. "$1" && env -0', "sh", str(script)], capture_output=True, check=False
    ).stdout.decode("utf-8", errors="replace")
    values = dict(item.split("=", 1) for item in out.split("\0") if "=" in item)
    return {name: values[name] for name in names if name in values}
