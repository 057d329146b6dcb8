"""Building one backend construct alone on a bare stack, with the project's feature flags (cdk.json)."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_lambda as lambda_
from aws_cdk.assertions import Template
from constructs import IConstruct

from backend.infra.settings import BackendSettings

from ...conftest import cdk_context


def bare_stack() -> cdk.Stack:
    return cdk.Stack(cdk.App(context=cdk_context()), "Test")


def settings(*, protect_data: bool, **overrides: Any) -> BackendSettings:
    return BackendSettings(env_name="test", protect_data=protect_data, **overrides)


def inline_function(scope: cdk.Stack, construct_id: str = "Fn") -> lambda_.Function:
    """A real Lambda function without an asset (nothing to bundle)."""
    return lambda_.Function(
        scope,
        construct_id,
        runtime=lambda_.Runtime.PYTHON_3_13,
        handler="index.handler",
        code=lambda_.Code.from_inline("def handler(event, context):\n    return event\n"),
    )


def logical_id(construct: IConstruct | None) -> str:
    """The logical id CloudFormation sees for an L2's default child (or an L1 itself)."""
    assert construct is not None, "no construct (an L2's optional child, such as a function's role, is missing)"
    resource = construct if isinstance(construct, cdk.CfnElement) else construct.node.default_child
    stack = cdk.Stack.of(construct)
    return stack.resolve(stack.get_logical_id(resource))  # type: ignore[arg-type]


def resource(template: Template, construct: IConstruct) -> dict[str, Any]:
    """The synthesized resource (Type, Properties, DeletionPolicy, ...) of one construct."""
    return template.to_json()["Resources"][logical_id(construct)]


def of_type(template: Template, resource_type: str) -> dict[str, dict[str, Any]]:
    return {k: v for k, v in template.to_json()["Resources"].items() if v["Type"] == resource_type}


def policy_statements(template: Template, role_logical_id: str) -> list[dict[str, Any]]:
    """Every statement of the inline policies attached to one role."""
    return [
        statement
        for policy in of_type(template, "AWS::IAM::Policy").values()
        if {"Ref": role_logical_id} in policy["Properties"]["Roles"]
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]
    ]
