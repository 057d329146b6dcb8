"""Stack outputs → Amplify Gen 2 `amplify_outputs.json`: the one generator (sandbox, `make outputs`, pipeline).

Sources of stack outputs (all return the same `{OutputKey: value}` mapping):
  - `read_cdk_outputs_file`: the JSON `cdk deploy --outputs-file` writes,
  - `describe_stack_outputs`: CloudFormation DescribeStacks,
  - `from_env`: the post-deploy test step's environment variables.

CLI: python -m backend.outputs (--env NAME | --outputs-file F [--stack S] | --from-env) [--out PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

# "1.3" is the first official schema version with `auth.groups`; Amplify JS v6 accepts any "1*" version.
SCHEMA_VERSION = "1.3"

STACK_BASE_NAME = "MobileBackend"
DEFAULT_CONFIG_PATH = Path("config/environments.yaml")

# CfnOutput keys of the MobileBackend stack (docs/architecture.md, "Stack outputs").
REQUIRED_OUTPUTS = ("GraphQLUrl", "Region", "UserPoolId", "UserPoolClientId", "MediaBucketName")
OPTIONAL_OUTPUTS = ("IdentityPoolId", "AnalyticsStreamName", "PushAppId", "AuthSettings", "TestRoleArn", "TestUsersAllowed")
KNOWN_OUTPUTS = REQUIRED_OUTPUTS + OPTIONAL_OUTPUTS

# AuthSettings JSON keys copied into `auth` (already in amplify_outputs naming, except `groups`).
AUTH_SETTING_KEYS = (
    "password_policy",
    "username_attributes",
    "standard_required_attributes",
    "user_verification_types",
    "mfa_configuration",
    "mfa_methods",
    "groups",
)

# Post-deploy environment variable → stack output key. TARGET_REGION wins over AWS_REGION because a
# pipeline's test step runs in the pipeline's region (CodeBuild sets AWS_REGION) while the target
# environment may live in another one.
ENV_TO_OUTPUT = {
    "GRAPHQL_URL": "GraphQLUrl",
    "USER_POOL_ID": "UserPoolId",
    "USER_POOL_CLIENT_ID": "UserPoolClientId",
    "IDENTITY_POOL_ID": "IdentityPoolId",
    "MEDIA_BUCKET": "MediaBucketName",
    "ANALYTICS_STREAM": "AnalyticsStreamName",
    "PUSH_APP_ID": "PushAppId",
    "AUTH_SETTINGS": "AuthSettings",
    "TEST_ROLE_ARN": "TestRoleArn",
    "TEST_USERS_ALLOWED": "TestUsersAllowed",
}
REGION_ENV_VARS = ("TARGET_REGION", "AWS_REGION")
# What the pipeline's post-deploy step passes with env_from_cfn_outputs (pipeline/pipeline_stack.py): the region
# as TARGET_REGION, since CodeBuild owns AWS_REGION.
PIPELINE_ENV_OUTPUTS = {**ENV_TO_OUTPUT, REGION_ENV_VARS[0]: "Region"}

# CDK names a CfnOutput defined inside a construct `<path parts><Id><8 upper-case hex hash>`.
_CDK_HASH_SUFFIX = "[0-9A-F]{8}"


class OutputsError(Exception):
    """A problem the user can fix (missing output, bad file, no credentials); printed as one line."""


# --- the generator -------------------------------------------------------------------------------


def amplify_outputs_from_stack_outputs(
    outputs: Mapping[str, str], *, sandbox: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Build the `amplify_outputs.json` document from the MobileBackend stack outputs."""
    missing = [key for key in REQUIRED_OUTPUTS if not outputs.get(key)]
    if missing:
        raise OutputsError(f"missing stack output(s): {', '.join(missing)}")
    region = outputs["Region"]

    document: dict[str, Any] = {
        "version": SCHEMA_VERSION,
        "auth": _auth_section(outputs, region),
        "data": {
            "url": outputs["GraphQLUrl"],
            "aws_region": region,
            "default_authorization_type": "AMAZON_COGNITO_USER_POOLS",
            "authorization_types": ["AWS_IAM"],
        },
        "storage": {"aws_region": region, "bucket_name": outputs["MediaBucketName"]},
    }
    custom = _custom_section(outputs, region, sandbox)
    if custom:
        document["custom"] = custom
    return document


def _auth_section(outputs: Mapping[str, str], region: str) -> dict[str, Any]:
    auth: dict[str, Any] = {
        "aws_region": region,
        "user_pool_id": outputs["UserPoolId"],
        "user_pool_client_id": outputs["UserPoolClientId"],
    }
    if outputs.get("IdentityPoolId"):
        auth["identity_pool_id"] = outputs["IdentityPoolId"]
    auth.update(parse_auth_settings(outputs.get("AuthSettings") or "{}"))
    # Guests get no identity-pool credentials in this backend.
    auth["unauthenticated_identities_enabled"] = False
    return auth


def parse_auth_settings(raw: str) -> dict[str, Any]:
    """The `AuthSettings` output (JSON in amplify_outputs naming) → `auth` fields, groups in Amplify's shape."""
    try:
        settings = json.loads(raw)
    except json.JSONDecodeError as error:
        raise OutputsError(f"stack output AuthSettings is not valid JSON: {error}") from None
    if not isinstance(settings, dict):
        raise OutputsError("stack output AuthSettings must be a JSON object")
    unknown = sorted(set(settings) - set(AUTH_SETTING_KEYS))
    if unknown:
        raise OutputsError(f"stack output AuthSettings has unknown key(s): {', '.join(unknown)}")
    result = {key: settings[key] for key in AUTH_SETTING_KEYS if key in settings}
    if "groups" in result:
        result["groups"] = _amplify_groups(result["groups"])
    return result


def _amplify_groups(groups: Any) -> list[dict[str, dict[str, int]]]:
    """`["admins", ...]` (precedence = position) or `{"admins": 0}` → `[{"admins": {"precedence": 0}}]`."""
    if isinstance(groups, list) and all(isinstance(name, str) for name in groups):
        pairs = [(name, position) for position, name in enumerate(groups)]
    elif isinstance(groups, dict) and all(isinstance(p, int) for p in groups.values()):
        pairs = sorted(groups.items(), key=lambda pair: pair[1])
    else:
        raise OutputsError(
            "AuthSettings.groups must be a list of group names or an object of name → precedence"
        )
    return [{name: {"precedence": precedence}} for name, precedence in pairs]


def _custom_section(
    outputs: Mapping[str, str], region: str, sandbox: Mapping[str, Any] | None
) -> dict[str, Any]:
    # Amplify's schema has only a Pinpoint slot under `analytics`; our Firehose stream and push app live here.
    custom: dict[str, Any] = {}
    if outputs.get("AnalyticsStreamName"):
        custom["analytics"] = {
            "aws_region": region,
            "firehose_stream_name": outputs["AnalyticsStreamName"],
        }
    if outputs.get("PushAppId"):
        custom["push"] = {"aws_region": region, "app_id": outputs["PushAppId"]}
    if sandbox is not None:
        custom["sandbox"] = json.loads(json.dumps(dict(sandbox)))  # a plain, JSON-safe copy
    return custom


# --- sources of stack outputs --------------------------------------------------------------------


def canonical_outputs(raw: Mapping[str, str]) -> dict[str, str]:
    """Map raw CloudFormation output keys to our names.

    Rule: an exact key wins. Otherwise a key `<anything><Name><8 upper-case hex>` (how CDK names a
    CfnOutput created inside a nested construct, e.g. `ApiGraphQLUrl1A2B3C4D`) stands for `<Name>`;
    two such keys for one name is an error. Unknown keys are kept as they are.
    """
    result = {key: value for key, value in raw.items()}
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
    candidates = [name for name in stacks if name.endswith(STACK_BASE_NAME)]
    if len(candidates) == 1:
        return candidates[0]
    raise OutputsError(f"{path} has stacks {', '.join(stacks) or 'none'}: choose one with --stack")


def describe_stack_outputs(stack_name: str, region: str, client: Any = None) -> dict[str, str]:
    """Outputs of a deployed stack via CloudFormation DescribeStacks (caller's credentials)."""
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

    cloudformation = client or boto3.client("cloudformation", region_name=region)
    try:
        response = cloudformation.describe_stacks(StackName=stack_name)
    except NoCredentialsError:
        raise OutputsError(
            "no AWS credentials found: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY"
        ) from None
    except ClientError as error:
        message = error.response.get("Error", {}).get("Message", str(error))
        raise OutputsError(f"DescribeStacks {stack_name} in {region} failed: {message}") from None
    except BotoCoreError as error:
        raise OutputsError(f"DescribeStacks {stack_name} in {region} failed: {error}") from None
    outputs = response["Stacks"][0].get("Outputs", [])
    return canonical_outputs({item["OutputKey"]: item.get("OutputValue", "") for item in outputs})


def from_env(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """Stack outputs from the post-deploy environment variables (see ENV_TO_OUTPUT)."""
    environ = os.environ if environ is None else environ
    outputs = {key: environ[var] for var, key in ENV_TO_OUTPUT.items() if environ.get(var)}
    region = next((environ[var] for var in REGION_ENV_VARS if environ.get(var)), None)
    if region:
        outputs["Region"] = region
    missing = [_env_name_of(key) for key in REQUIRED_OUTPUTS if key not in outputs]
    if missing:
        raise OutputsError(f"missing environment variable(s): {', '.join(missing)}")
    return outputs


def _env_name_of(output_key: str) -> str:
    if output_key == "Region":
        return " or ".join(REGION_ENV_VARS)
    return next(var for var, key in ENV_TO_OUTPUT.items() if key == output_key)


# --- environments ---------------------------------------------------------------------------------


def stack_name_for(env_name: str) -> str:
    """CloudFormation name of an environment's backend stack, e.g. `dev` → `Dev-MobileBackend`.

    Matches the pipeline: the stage's construct id is the environment name in PascalCase (`prod-eu` →
    `ProdEu`, pipeline/pipeline_stack.py `_stage_id`), the stack id inside it is `MobileBackend`, and CDK
    names a staged stack `<stage>-<stack id>`.
    """
    stage_id = "".join(part.capitalize() for part in env_name.split("-"))
    return f"{stage_id}-{STACK_BASE_NAME}"


def environment_region(env_name: str, config_path: str | os.PathLike[str] = DEFAULT_CONFIG_PATH) -> str:
    """Region of `env_name` in config/environments.yaml (read directly: no dependency on config/ code)."""
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


# --- CLI ------------------------------------------------------------------------------------------


def write_outputs(document: Mapping[str, Any], out: str | os.PathLike[str]) -> None:
    Path(out).write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m backend.outputs", description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--env", metavar="NAME", help="a deployed environment of config/environments.yaml")
    source.add_argument("--outputs-file", metavar="F", help="JSON written by cdk deploy --outputs-file")
    source.add_argument("--from-env", action="store_true", help="the post-deploy environment variables")
    parser.add_argument("--stack", metavar="S", help="stack name (default: the only one in --outputs-file; "
                        "stack_name_for(NAME) with --env)")
    parser.add_argument("--config", default=str(DEFAULT_CONFIG_PATH), help="environments file for --env")
    parser.add_argument("--out", default="amplify_outputs.json", help="where to write (default: %(default)s)")
    args = parser.parse_args(argv)
    if args.stack and args.from_env:
        parser.error("--stack does not go with --from-env")
    return args


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    try:
        if args.env:
            stack = args.stack or stack_name_for(args.env)
            outputs = describe_stack_outputs(stack, environment_region(args.env, args.config))
        elif args.outputs_file:
            outputs = read_cdk_outputs_file(args.outputs_file, args.stack)
        else:
            outputs = from_env()
        write_outputs(amplify_outputs_from_stack_outputs(outputs), args.out)
    except OutputsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
