"""Where stack outputs come from. Each source returns the same `{OutputKey: value}` mapping:
the JSON `cdk deploy --outputs-file` writes, or CloudFormation DescribeStacks (the caller's credentials or a
role it assumes first, as the pipeline's post-deploy step does)."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..naming import STACK_ID
from .errors import OutputsError
from .generator import KNOWN_OUTPUTS

DEFAULT_CONFIG_PATH = Path("config/environments.yaml")

# CDK names a CfnOutput defined inside a construct `<path parts><Id><8 upper-case hex hash>`.
_CDK_HASH_SUFFIX = "[0-9A-F]{8}"
# STS AssumeRole RoleSessionName: 2-64 of [\w+=,.@-] (botocore's sts model); shows in the target's CloudTrail.
ROLE_SESSION_NAME = "post-deploy-outputs"


def canonical_outputs(raw: Mapping[str, str]) -> dict[str, str]:
    """Map raw CloudFormation output keys to our names.

    Rule: an exact key wins. Otherwise a key `<anything><Name><8 upper-case hex>` (how CDK names a
    CfnOutput created inside a nested construct, e.g. `ApiGraphQLUrl1A2B3C4D`) stands for `<Name>`;
    two such keys for one name is an error. Unknown keys are kept as they are.
    """
    result = dict(raw)
    for name in KNOWN_OUTPUTS:
        if name in raw:
            continue
        pattern = re.compile(f"^[A-Za-z0-9]*{re.escape(name)}{_CDK_HASH_SUFFIX}$")
        matches = sorted(key for key in raw if pattern.match(key))
        if len(matches) > 1:
            raise OutputsError(f"stack outputs {', '.join(matches)} all look like {name}; rename one")
        if matches:
            result[name] = raw[matches[0]]
    return result


def read_cdk_outputs_file(path: str | os.PathLike[str], stack_name: str | None = None) -> dict[str, str]:
    """Read `cdk deploy --outputs-file` JSON (`{stackName: {OutputKey: value}}`) for one stack.

    Without `stack_name`: the only stack in the file, else the only one named `...MobileBackend`.
    """
    try:
        stacks = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise OutputsError(f"outputs file not found: {path}") from None
    except json.JSONDecodeError as error:
        raise OutputsError(f"outputs file {path} is not valid JSON: {error}") from None
    if not isinstance(stacks, dict) or not all(isinstance(v, dict) for v in stacks.values()):
        raise OutputsError(f"outputs file {path} is not of the form {{stackName: {{OutputKey: value}}}}")
    if stack_name is None:
        stack_name = _pick_stack(stacks, path)
    elif stack_name not in stacks:
        raise OutputsError(f"stack {stack_name} not in {path} (found: {', '.join(stacks) or 'none'})")
    return canonical_outputs({key: str(value) for key, value in stacks[stack_name].items()})


def _pick_stack(stacks: Mapping[str, Any], path: str | os.PathLike[str]) -> str:
    if len(stacks) == 1:
        return next(iter(stacks))
    candidates = [name for name in stacks if name.endswith(STACK_ID)]
    if len(candidates) == 1:
        return candidates[0]
    raise OutputsError(f"{path} has stacks {', '.join(stacks) or 'none'}: choose one with --stack")


def describe_stack_outputs(
    stack_name: str, region: str, client: Any = None, *, role_arn: str | None = None
) -> dict[str, str]:
    """Outputs of a deployed stack via CloudFormation DescribeStacks.

    With `role_arn`, the caller's credentials first assume that role (the post-deploy step's test role in the
    target account, allowed DescribeStacks on this one stack only).
    """
    from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

    try:
        cloudformation = client or _cloudformation_client(region, role_arn)
        response = cloudformation.describe_stacks(StackName=stack_name)
    except NoCredentialsError:
        raise OutputsError(
            "no AWS credentials found: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY"
        ) from None
    except ClientError as error:
        message = error.response.get("Error", {}).get("Message", str(error))
        operation = getattr(error, "operation_name", "DescribeStacks")
        raise OutputsError(
            f"{operation} {role_arn if operation == 'AssumeRole' else stack_name} in {region} failed: {message}"
        ) from None
    except BotoCoreError as error:
        raise OutputsError(f"DescribeStacks {stack_name} in {region} failed: {error}") from None
    outputs = response["Stacks"][0].get("Outputs", [])
    return canonical_outputs({item["OutputKey"]: item.get("OutputValue", "") for item in outputs})


def _cloudformation_client(region: str, role_arn: str | None) -> Any:
    import boto3

    if not role_arn:
        return boto3.client("cloudformation", region_name=region)
    credentials = boto3.client("sts", region_name=region).assume_role(
        RoleArn=role_arn, RoleSessionName=ROLE_SESSION_NAME
    )["Credentials"]
    return boto3.client(
        "cloudformation",
        region_name=region,
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"],
    )


def environment_region(env_name: str, config_path: str | os.PathLike[str] = DEFAULT_CONFIG_PATH) -> str:
    """Region of `env_name` in config/environments.yaml (read directly: the post-deploy venv has no pydantic)."""
    import yaml

    try:
        config = yaml.safe_load(Path(config_path).read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise OutputsError(f"config file not found: {config_path}") from None
    except yaml.YAMLError as error:
        raise OutputsError(f"{config_path} is not valid YAML: {error}") from None
    environments = config.get("environments") if isinstance(config, dict) else None
    if not isinstance(environments, list):
        raise OutputsError(f"{config_path}: 'environments' must be a list")
    names = [env.get("name") for env in environments if isinstance(env, dict)]
    for env in environments:
        if isinstance(env, dict) and env.get("name") == env_name:
            if not env.get("region"):
                raise OutputsError(f"{config_path}: environment {env_name} has no region")
            return str(env["region"])
    raise OutputsError(f"no environment {env_name} in {config_path} (known: {', '.join(map(str, names))})")
