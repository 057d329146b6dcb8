"""The template's IAM, resolved to the sandbox's names: each function's role and that role's statements, and the
resource policies (S3 bucket policies).

A role's identity policies: its inline `Policies`, the `AWS::IAM::Policy` resources attached to it (both as the
provisioner resolved them: `Provisioned.role_policies`, where a statement naming something the sandbox lacks is
dropped if it allows and widened to every resource if it denies), customer managed policies
(`AWS::IAM::ManagedPolicy`, by `Roles` or `ManagedPolicyArns`) and the AWS managed policies of `managed.py`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pipeline.cloudformation.intrinsics import Resolver, pseudo_parameters

from .managed import AWS_MANAGED
from .policy import Decision, RequestContext, Statement, evaluate

log = logging.getLogger("sandbox.iam")


@dataclass(frozen=True)
class Caller:
    """A function as IAM sees it while it runs: its role and its session (named after the function)."""

    function: str  # the function's (sandbox) name
    role_arn: str
    account: str

    @property
    def role_name(self) -> str:
        return self.role_arn.rsplit("/", 1)[-1]

    @property
    def session_arn(self) -> str:
        return f"arn:aws:sts::{self.account}:assumed-role/{self.role_name}/{self.function}"


@dataclass
class IamModel:
    account: str
    region: str
    role_statements: dict[str, list[Statement]] = field(default_factory=dict)  # role ARN -> identity statements
    bucket_policies: dict[str, list[Statement]] = field(default_factory=dict)  # bucket name -> statements
    callers: dict[str, Caller] = field(default_factory=dict)  # runtime handler module suffix -> caller

    def role_arn(self, role_arn_or_name: str) -> str | None:
        if role_arn_or_name in self.role_statements:
            return role_arn_or_name
        return next((arn for arn in self.role_statements if arn.rsplit("/", 1)[-1] == role_arn_or_name), None)

    def resource_policy(self, resource: str) -> list[Statement]:
        if resource.startswith("arn:aws:s3:::"):
            bucket = resource[len("arn:aws:s3:::") :].split("/", 1)[0]
            return self.bucket_policies.get(bucket, [])
        return []

    def decide(
        self, caller: Caller, action: str, resource: str, keys: Mapping[str, str | list[str]] | None = None
    ) -> Decision:
        context = RequestContext(
            principal_arn=caller.role_arn,
            session_arn=caller.session_arn,
            account=self.account,
            keys={
                "aws:PrincipalArn": caller.role_arn,
                "aws:PrincipalAccount": self.account,
                "aws:PrincipalType": "AssumedRole",
                "aws:userid": f"{caller.role_name}:{caller.function}",
                "aws:RequestedRegion": self.region,
                "aws:SecureTransport": "true",
                **(keys or {}),
            },
        )
        identity = self.role_statements.get(caller.role_arn, [])
        return evaluate(identity, self.resource_policy(resource), action, resource, context)


def _resources(template: Mapping[str, Any], kind: str) -> list[tuple[str, dict[str, Any]]]:
    return [
        (logical, resource.get("Properties") or {})
        for logical, resource in (template.get("Resources") or {}).items()
        if isinstance(resource, dict) and resource.get("Type") == kind
    ]


def _statements(resolver: Resolver, document: Any) -> list[Statement]:
    """As the provisioner resolves them: an unresolvable Allow grants nothing, an unresolvable Deny denies its
    actions everywhere."""
    raw = document.get("Statement") if isinstance(document, dict) else None
    out: list[Statement] = []
    for statement in raw if isinstance(raw, list) else [raw] if isinstance(raw, dict) else []:
        resolved = resolver.try_resolve(statement)
        if resolved is None and statement.get("Effect") == "Deny":
            broadest = {k: statement[k] for k in ("Effect", "Action", "NotAction", "Principal") if k in statement}
            resolved = resolver.try_resolve({**broadest, "Resource": "*"})
        if isinstance(resolved, dict):
            out.append(resolved)
    return out


def build(
    template: Mapping[str, Any],
    attributes: Mapping[str, Mapping[str, Any]],
    role_policies: Mapping[str, Sequence[Statement]],
    *,
    region: str,
    account: str,
    stack_name: str = "sandbox",
) -> IamModel:
    resolver = Resolver(
        attributes,
        pseudo_parameters(account=account, region=region, stack_name=stack_name),
        {k: v.get("Default") for k, v in (template.get("Parameters") or {}).items() if isinstance(v, dict)},
    )
    model = IamModel(account=account, region=region)
    roles = {logical: attributes[logical]["Arn"] for logical, _ in _resources(template, "AWS::IAM::Role")}
    for arn in roles.values():
        model.role_statements[arn] = list(role_policies.get(arn, []))
    by_name = {arn.rsplit("/", 1)[-1]: arn for arn in roles.values()}
    managed: dict[str, list[Statement]] = {}  # customer managed policy ARN -> statements
    for logical, props in _resources(template, "AWS::IAM::ManagedPolicy"):
        statements = _statements(resolver, props.get("PolicyDocument"))
        arn = str(resolver.try_resolve({"Ref": logical}) or logical)
        managed[arn] = statements
        for role in props.get("Roles") or []:
            role_arn = by_name.get(str(resolver.try_resolve(role)))
            if role_arn:
                model.role_statements[role_arn] += statements
    for logical, props in _resources(template, "AWS::IAM::Role"):
        for value in props.get("ManagedPolicyArns") or []:
            arn = resolver.try_resolve(value)
            name = str(arn).rsplit("/", 1)[-1]
            if arn in managed:
                model.role_statements[roles[logical]] += managed[arn]
            elif str(arn).startswith("arn:aws:iam::aws:policy/") and name in AWS_MANAGED:
                model.role_statements[roles[logical]] += AWS_MANAGED[name]
            else:
                log.info("role %s: managed policy %s is not known to the sandbox; it grants nothing here", logical, arn)
    for _logical, props in _resources(template, "AWS::S3::BucketPolicy"):
        bucket = resolver.try_resolve(props.get("Bucket"))
        if isinstance(bucket, str):
            model.bucket_policies.setdefault(bucket, []).extend(_statements(resolver, props.get("PolicyDocument")))
    for logical, props in _resources(template, "AWS::Lambda::Function"):
        role_arn = resolver.try_resolve(props.get("Role"))
        handler = str(props.get("Handler") or "")
        if not isinstance(role_arn, str) or role_arn not in model.role_statements:
            continue
        function = str((attributes.get(logical) or {}).get("Ref") or logical)
        module = handler.rsplit(".", 1)[0]  # runtime.graphql_handler.handler -> runtime.graphql_handler
        model.callers[module] = Caller(function=function, role_arn=role_arn, account=account)
    return model
