"""The post-deploy and gate steps' variables, pointed at a running sandbox instead of a deployed stage.

The step's contract (static project variables, set by the pipeline): TEST_ENVIRONMENT, STACK_NAME,
TARGET_REGION, TEST_ROLE_ARN, TEST_USERS_ALLOWED. The step reads the stack outputs itself with CloudFormation
DescribeStacks, through the role TEST_ROLE_ARN, assumed with the project role's credentials.
In CodeBuild those credentials come from the project's service role and AWS_REGION is the pipeline's region
(build-env-ref-env-vars.html). Offline, the sandbox (`python -m sandbox.run`) plays the deployed stage:
its moto server answers STS and CloudFormation, and registers a stack named `custom.sandbox.stack_name`
whose outputs are the sandbox's stack outputs.

Step variable → sandbox value:
- STACK_NAME → custom.sandbox.stack_name;
- TARGET_REGION → data.aws_region;
- TEST_ROLE_ARN → the same role in the sandbox's account: moto's STS AssumeRole accepts any role ARN, but the
  assumed credentials belong to the ARN's account, and moto keeps a separate CloudFormation per account (a role
  of 222222222222 would not see the sandbox's stack in 123456789012);
- AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL_CLOUDFORMATION → custom.sandbox.aws_endpoint (service-specific endpoint
  variables: https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html);
- AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY → custom.sandbox.access_key_id / secret_access_key (CodeBuild: the
  project role);
- REQUESTS_CA_BUNDLE, SSL_CERT_FILE, AWS_CA_BUNDLE, NODE_EXTRA_CA_CERTS → the machine's CAs plus the sandbox CA
  (a deployed stage has publicly trusted certificates).

The gate steps' contract (pipeline/gate/variables.py): GATE_ENVIRONMENT, GATE_ALARM_NAME, GATE_REGION,
GATE_READER_ROLE_ARN, CANARY_FRESHNESS_MINUTES, PIPELINE_NAME, GATE_STAGE_NAME, NOTIFY_TOPIC_ARN, BAKE_MINUTES,
GATE_OVERRIDE_*. They keep their values: the dry run puts the alarm where they point (gate_states.py), in the
account of GATE_READER_ROLE_ARN (moto's AssumeRole gives credentials acting in the role's account) and the region
GATE_REGION of the sandbox's moto. Added:
- AWS_ENDPOINT_URL → custom.sandbox.aws_endpoint (every service: STS, CloudWatch, CodePipeline, SNS);
- AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY → the sandbox's dummy credentials (CodeBuild: the gate check role);
- GATE_SECONDS_PER_MINUTE → 0.1: a 30-minute bake takes 3 s, its polls come every 50 ms;
- AWS_MAX_ATTEMPTS → 1: the sandbox's moto has no pipeline in the account the step's credentials act in
  (GetPipelineState: PipelineNotFoundException, or an HTTP 500 from a moto without sandbox/moto_host/moto_pipeline.py),
  so the bake's rollback question fails at once (the gate is then enforced, with one note in the log) instead of
  after the SDK's retries.
What the sandbox cannot check, gate_contract_problems does against the template: PIPELINE_NAME is this pipeline,
GATE_STAGE_NAME a deploying stage (the bake's own, after the entry check's), GATE_REGION and the reader role's
account where that stage deploys.
"""

from __future__ import annotations

import json
import os
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pipeline.gate import variables as gate

from .pipeline_model import Pipeline, Step


class SandboxMappingError(RuntimeError):
    """The sandbox's amplify_outputs.json lacks what the mapping needs, or the step breaks its contract."""


@dataclass(frozen=True)
class SandboxTarget:
    stack_name: str
    region: str
    aws_endpoint: str
    access_key_id: str
    secret_access_key: str
    ca_cert: str | None
    account_id: str | None = None  # custom.sandbox.account_id, else asked from the sandbox's STS


def sandbox_target(outputs: Mapping[str, Any], source: str = "amplify_outputs.json") -> SandboxTarget:
    sandbox = (outputs.get("custom") or {}).get("sandbox") or {}

    def need(mapping: Mapping[str, Any], key: str, path: str) -> str:
        value = mapping.get(key)
        if not value:
            raise SandboxMappingError(f"{source} has no {path}: the sandbox cannot stand in for the deployed stack")
        return str(value)

    return SandboxTarget(
        stack_name=need(sandbox, "stack_name", "custom.sandbox.stack_name"),
        region=need(outputs.get("data") or {}, "aws_region", "data.aws_region"),
        aws_endpoint=need(sandbox, "aws_endpoint", "custom.sandbox.aws_endpoint"),
        access_key_id=need(sandbox, "access_key_id", "custom.sandbox.access_key_id"),
        secret_access_key=need(sandbox, "secret_access_key", "custom.sandbox.secret_access_key"),
        ca_cert=sandbox.get("ca_cert"),
        account_id=sandbox.get("account_id"),
    )


def caller_account(target: SandboxTarget) -> str:
    """The account the sandbox's credentials belong to, from its STS (GetCallerIdentity)."""
    import boto3  # the dry run's own venv has it; imported here so the rest needs no AWS SDK

    client = boto3.client(
        "sts",
        region_name=target.region,
        endpoint_url=target.aws_endpoint,
        aws_access_key_id=target.access_key_id,
        aws_secret_access_key=target.secret_access_key,
    )
    return client.get_caller_identity()["Account"]


def with_account(target: SandboxTarget, lookup: Callable[[SandboxTarget], str] = caller_account) -> SandboxTarget:
    if target.account_id:
        return target
    try:
        return replace(target, account_id=lookup(target))
    except Exception as exc:  # noqa: BLE001 - botocore's errors and connection failures alike: say which sandbox did not answer
        raise SandboxMappingError(
            f"cannot ask the sandbox's STS ({target.aws_endpoint}) for its account: {exc}"
        ) from None


def in_account(arn: str, account_id: str) -> str:
    """`arn:<partition>:iam::<account>:role/<name>` with another account."""
    parts = arn.split(":")
    if len(parts) < 6 or parts[2] != "iam":
        raise SandboxMappingError(f"TEST_ROLE_ARN {arn!r} is not an IAM role ARN")
    parts[4] = account_id
    return ":".join(parts)


def read_sandbox_target(path: Path) -> SandboxTarget:
    try:
        return sandbox_target(json.loads(path.read_text(encoding="utf-8")), str(path))
    except (OSError, ValueError) as exc:
        raise SandboxMappingError(f"cannot read the sandbox's outputs {path}: {exc}") from None


def contract_problems(step: Step, env: Mapping[str, str]) -> list[str]:
    """What would break in AWS but not against the sandbox (which answers to any stack name): STACK_NAME must
    be a stack this stage deployed before the step, TARGET_REGION the region it was deployed to."""
    deployed = {d.stack_name: d for d in step.deployed_before}
    name, region = env.get("STACK_NAME", ""), env.get("TARGET_REGION", "")
    if name not in deployed:
        return [
            f"STACK_NAME {name!r} is not deployed before this step in stage {step.stage} "
            f"(deployed: {', '.join(sorted(deployed)) or 'nothing'})"
        ]
    if region != deployed[name].region:
        return [f"TARGET_REGION {region!r} is not where {name} is deployed ({deployed[name].region})"]
    return []


def map_to_sandbox(env: Mapping[str, str], target: SandboxTarget) -> dict[str, str]:
    """The step's environment with everything that names the deployed stage pointed at the sandbox."""
    mapped = dict(env)
    mapped["STACK_NAME"] = target.stack_name
    mapped["TARGET_REGION"] = target.region
    if mapped.get("TEST_ROLE_ARN"):
        if not target.account_id:
            raise SandboxMappingError("the sandbox's account is not known (see with_account)")
        mapped["TEST_ROLE_ARN"] = in_account(mapped["TEST_ROLE_ARN"], target.account_id)
    mapped["AWS_ENDPOINT_URL_STS"] = target.aws_endpoint
    mapped["AWS_ENDPOINT_URL_CLOUDFORMATION"] = target.aws_endpoint
    mapped["AWS_ACCESS_KEY_ID"] = target.access_key_id
    mapped["AWS_SECRET_ACCESS_KEY"] = target.secret_access_key
    return mapped


def machine_ca_file(env: Mapping[str, str]) -> str | None:
    for candidate in (env.get("REQUESTS_CA_BUNDLE"), env.get("SSL_CERT_FILE"), ssl.get_default_verify_paths().cafile):
        if candidate and os.path.isfile(candidate):
            return candidate
    return None


def trust_sandbox_ca(env: Mapping[str, str], ca_cert: str | None, bundle: Path) -> dict[str, str]:
    """The sandbox's TLS certificate is signed by its own CA: add it to the machine's CAs for Python
    (requests, botocore, ssl) and Node, the way a deployed stage's public certificates are trusted."""
    if not ca_cert:
        return dict(env)
    parts = []
    if base := machine_ca_file(env):
        parts.append(Path(base).read_text(encoding="utf-8", errors="replace"))
    parts.append(Path(ca_cert).read_text(encoding="utf-8"))
    bundle.parent.mkdir(parents=True, exist_ok=True)
    bundle.write_text("\n".join(parts))
    trusted = dict(env)
    for name in ("REQUESTS_CA_BUNDLE", "SSL_CERT_FILE", "AWS_CA_BUNDLE"):
        trusted[name] = str(bundle)
    trusted["NODE_EXTRA_CA_CERTS"] = ca_cert
    return trusted


GATE_SECONDS_PER_MINUTE = 0.1  # see the module's docstring


def map_gate_to_sandbox(env: Mapping[str, str], target: SandboxTarget) -> dict[str, str]:
    """A gate step's environment, its AWS calls going to the sandbox's moto."""
    mapped = dict(env)
    mapped["AWS_ENDPOINT_URL"] = target.aws_endpoint
    mapped["AWS_ACCESS_KEY_ID"] = target.access_key_id
    mapped["AWS_SECRET_ACCESS_KEY"] = target.secret_access_key
    mapped["AWS_MAX_ATTEMPTS"] = "1"
    mapped[gate.SECONDS_PER_MINUTE] = f"{GATE_SECONDS_PER_MINUTE:g}"
    return mapped


def role_account(arn: str) -> str | None:
    parts = arn.split(":")
    return parts[4] if len(parts) >= 6 and parts[2] == "iam" and parts[4] else None


def gate_contract_problems(step: Step, pipeline: Pipeline, env: Mapping[str, str]) -> list[str]:
    """What would break in AWS but not against the sandbox's moto, which has no such pipeline to read
    (GetPipelineState) and answers for any account and region."""
    problems = []
    if env.get(gate.PIPELINE) != pipeline.name:
        problems.append(
            f"{gate.PIPELINE} {env.get(gate.PIPELINE, '')!r} is not this pipeline ({pipeline.name}): the gate "
            "steps read its state to tell a rollback from a release"
        )
    names = [stage.name for stage in pipeline.stages]
    gated = env.get(gate.STAGE, "")
    deploying = [stage for stage in pipeline.stages if stage.deployments]
    stage = next((s for s in deploying if s.name == gated), None)
    if stage is None:
        problems.append(
            f"{gate.STAGE} {gated!r} is not a stage of {pipeline.name} that deploys "
            f"(those that do: {', '.join(s.name for s in deploying) or 'none'})"
        )
        return problems
    if step.deployed_before and gated != step.stage:
        problems.append(f"{gate.STAGE} {gated!r}: this bake runs after the deployments of stage {step.stage}")
    if not step.deployed_before and step.stage in names and names.index(gated) <= names.index(step.stage):
        problems.append(f"{gate.STAGE} {gated!r} does not come after this entry check's stage {step.stage}")
    region, account = env.get(gate.REGION, ""), role_account(env.get(gate.READER_ROLE, ""))
    if not any(d.region == region and d.account in (None, account) for d in stage.deployments):
        where = ", ".join(sorted({f"{d.account or '?'}/{d.region}" for d in stage.deployments}))
        problems.append(
            f"{gate.READER_ROLE} and {gate.REGION} name {account or '?'}/{region}, but stage {gated} deploys to {where}"
        )
    return problems
