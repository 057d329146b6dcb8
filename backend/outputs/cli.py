"""`python -m backend.outputs`: write amplify_outputs.json for a deployed stack, a CDK outputs file or a sandbox."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..naming import stack_name_for
from .errors import OutputsError
from .generator import amplify_outputs_from_stack_outputs
from .sources import DEFAULT_CONFIG_PATH, describe_stack_outputs, environment_region, read_cdk_outputs_file

USAGE = """examples:
  python -m backend.outputs --env dev                       # a configured environment, your credentials
  python -m backend.outputs --stack Dev-MobileBackend --region us-east-1 --role-arn ARN   # the pipeline's step
  python -m backend.outputs --outputs-file cdk-outputs.json # what `cdk deploy --outputs-file` wrote"""


def write_outputs(document: Mapping[str, Any], out: str | os.PathLike[str]) -> None:
    Path(out).write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m backend.outputs",
        description="Stack outputs → amplify_outputs.json (Amplify Gen 2 format).",
        epilog=USAGE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--env", metavar="NAME", help="a deployed environment of config/environments.yaml")
    source.add_argument("--outputs-file", metavar="F", help="JSON written by cdk deploy --outputs-file")
    parser.add_argument(
        "--stack",
        metavar="S",
        help="a deployed stack's name (alone: with --region); with --env, "
        "instead of the environment's stack; with --outputs-file, which stack of the file",
    )
    parser.add_argument("--region", help="the stack's region (--env reads it from the config)")
    parser.add_argument("--role-arn", help="assume this role before DescribeStacks (the post-deploy test role)")
    parser.add_argument("--config", default=str(DEFAULT_CONFIG_PATH), help="environments file for --env")
    parser.add_argument("--out", default="amplify_outputs.json", help="where to write (default: %(default)s)")
    args = parser.parse_args(argv)
    if not (args.env or args.outputs_file or args.stack):
        parser.error("one of --env, --stack or --outputs-file is required")
    if args.stack and not (args.env or args.outputs_file or args.region):
        parser.error("--stack needs --region")
    if args.outputs_file and (args.region or args.role_arn):
        parser.error("--region and --role-arn go with --env or --stack, not --outputs-file")
    return args


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    try:
        if args.outputs_file:
            outputs = read_cdk_outputs_file(args.outputs_file, args.stack)
        else:
            region = args.region or environment_region(args.env, args.config)
            stack = args.stack or stack_name_for(args.env)
            outputs = describe_stack_outputs(stack, region, role_arn=args.role_arn)
        write_outputs(amplify_outputs_from_stack_outputs(outputs), args.out)
    except OutputsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"wrote {args.out}", file=sys.stderr)
    return 0
