"""The sandbox's stack outputs as a CloudFormation stack in moto.

A deployed stage is found by its stack's outputs (CloudFormation DescribeStacks): the pipeline's post-deploy
step runs `python -m backend.outputs --stack NAME --region R --role-arn A`. Registering the sandbox's outputs
under its stack's name (the personal `sandbox` stage's, backend/naming.py) lets that same command, and
`make pipeline-dryrun`, run unchanged against the sandbox.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Mapping
from typing import Any

from backend.naming import SANDBOX_STACK_NAME

# CloudFormation needs at least one resource; moto creates nothing for this type and warns about it (moto
# serves the request on a thread of this process, so the warning filter below covers it).
_PLACEHOLDER = {"Type": "AWS::CloudFormation::WaitConditionHandle"}


def register_outputs_stack(
    cloudformation: Any, outputs: Mapping[str, str], stack_name: str = SANDBOX_STACK_NAME
) -> None:
    """(Re)create `stack_name` in moto with `outputs` as its Outputs (string values, as CloudFormation returns them)."""
    template = {
        "Resources": {"Placeholder": _PLACEHOLDER},
        "Outputs": {key: {"Value": value} for key, value in outputs.items()},
    }
    existing = {s["StackName"] for s in cloudformation.describe_stacks().get("Stacks", [])}
    if stack_name in existing:
        cloudformation.delete_stack(StackName=stack_name)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*AWS::CloudFormation::WaitConditionHandle.*")
        cloudformation.create_stack(StackName=stack_name, TemplateBody=json.dumps(template))
