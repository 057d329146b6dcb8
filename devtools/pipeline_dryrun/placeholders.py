"""Stand-in values, offline, for resources of the pipeline stack that exist only once it is deployed: the ARN a
`Ref` to its notification topic gives and the name a `Ref` to one of its Lambda functions gives."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def topic_placeholder(value: Any, resources: Mapping[str, Any], pseudo: Mapping[str, str]) -> str | None:
    """For `{"Ref": <an AWS::SNS::Topic of this template>}`: the ARN that Ref returns once deployed, with the topic's
    TopicName or, when CloudFormation would generate the name, the logical id. None for any other value.
    https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sns-topic.html#aws-resource-sns-topic-return-values"""
    if not isinstance(value, dict) or set(value) != {"Ref"}:
        return None
    logical_id = value["Ref"]
    resource = resources.get(logical_id) if isinstance(logical_id, str) else None
    if not isinstance(resource, dict) or resource.get("Type") != "AWS::SNS::Topic":
        return None
    name = (resource.get("Properties") or {}).get("TopicName")
    name = name if isinstance(name, str) and name else logical_id
    return f"arn:{pseudo['AWS::Partition']}:sns:{pseudo['AWS::Region']}:{pseudo['AWS::AccountId']}:{name}"


def function_placeholder(logical_id: str, resources: Mapping[str, Any], stack_name: str) -> str | None:
    """For a Ref to an AWS::Lambda::Function of this template: the name Ref returns once deployed, its FunctionName
    or, when CloudFormation generates it, `<stack name>-<logical id>` cut to Lambda's 64 characters (CloudFormation
    adds a random suffix of its own). None for any other resource.
    https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-function.html#aws-resource-lambda-function-return-values"""
    resource = resources.get(logical_id)
    if not isinstance(resource, dict) or resource.get("Type") != "AWS::Lambda::Function":
        return None
    name = (resource.get("Properties") or {}).get("FunctionName")
    if isinstance(name, str) and name:
        return name
    return f"{stack_name or 'stack'}-{logical_id}"[:64]


def _refs(value: Any) -> set[str]:
    if isinstance(value, dict):
        if set(value) == {"Ref"} and isinstance(value["Ref"], str):
            return {value["Ref"]}
        return {ref for item in value.values() for ref in _refs(item)}
    if isinstance(value, list):
        return {ref for item in value for ref in _refs(item)}
    return set()


def function_placeholders(
    raw_buildspec: Any, resources: Mapping[str, Any], stack_name: str
) -> tuple[dict[str, str], tuple[str, ...]]:
    """Stand-in values for the buildspec's Refs to Lambda functions of the pipeline stack, and one line each."""
    values: dict[str, str] = {}
    for ref in sorted(_refs(raw_buildspec)):
        if (name := function_placeholder(ref, resources, stack_name)) is not None:
            values[ref] = name
    lines = tuple(
        f"Ref {ref} = {name} (placeholder: the name of the pipeline stack's Lambda function once it is deployed)"
        for ref, name in values.items()
    )
    return values, lines
