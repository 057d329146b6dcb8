"""IAM policy quotas: trust policy size, inline policies per role/user/group in aggregate, managed policy size,
managed policies attached, and the character set botocore allows in a policy document.

Inline policies reach a principal two ways: its own `Policies` property, and AWS::IAM::Policy (or RolePolicy,
UserPolicy, GroupPolicy) resources that name it. Both are added up per principal of this template. A policy
attached to a principal outside the template is checked on its own (the principal's total is at least that).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from pipeline.cloudformation.assembly import Stack

from .. import quotas
from ..botocore_limits import Member
from ..limits import CountLimit, StringLimit
from ..paths import find
from ..render import Renderer
from ..rendered import Rendered, concat, is_intrinsic
from ..report import Location, Results
from .evaluate import check_count, check_string


@dataclass(frozen=True)
class _PrincipalKind:
    resource_type: str
    inline_quota: StringLimit
    managed_quota: CountLimit
    policy_key: str  # how AWS::IAM::Policy / ManagedPolicy list principals of this kind
    single_policy: tuple[str, str]  # (resource type, property) of the one-principal inline policy resource


_KINDS = (
    _PrincipalKind(
        "AWS::IAM::Role",
        quotas.IAM_ROLE_INLINE_POLICIES,
        quotas.IAM_MANAGED_POLICIES_PER_ROLE,
        "Roles",
        ("AWS::IAM::RolePolicy", "RoleName"),
    ),
    _PrincipalKind(
        "AWS::IAM::User",
        quotas.IAM_USER_INLINE_POLICIES,
        quotas.IAM_MANAGED_POLICIES_PER_USER,
        "Users",
        ("AWS::IAM::UserPolicy", "UserName"),
    ),
    _PrincipalKind(
        "AWS::IAM::Group",
        quotas.IAM_GROUP_INLINE_POLICIES,
        quotas.IAM_MANAGED_POLICIES_PER_GROUP,
        "Groups",
        ("AWS::IAM::GroupPolicy", "GroupName"),
    ),
)


@dataclass
class _Principal:
    kind: _PrincipalKind
    inline: list[tuple[str, Rendered]] = field(default_factory=list)  # (where it is written, rendered document)
    managed: int = 0
    managed_exact: bool = True


def policy_document(renderer: Renderer, node: Any) -> Rendered:
    """A policy document as IAM receives it: compact JSON (a JSON string in the template is parsed first)."""
    if isinstance(node, str):
        try:
            return renderer.json(json.loads(node))
        except json.JSONDecodeError:
            return renderer.literal(node)
    if is_intrinsic(node) and "Fn::If" not in node:
        result = renderer.evaluate(node)
        return result if isinstance(result, Rendered) else result.as_json()
    return renderer.json(node)


def check(stack: Stack, renderer: Renderer, results: Results) -> None:
    resources = {lid: r for lid, r in stack.resources.items() if isinstance(r, dict)}
    principals = {
        lid: _Principal(kind)
        for lid, resource in resources.items()
        for kind in _KINDS
        if resource.get("Type") == kind.resource_type
    }
    for logical_id, resource in resources.items():
        where = Location(stack.template_path, logical_id)
        resource_type = resource.get("Type")
        if logical_id in principals:
            _principal_own(renderer, results, where, resource, principals[logical_id])
        if resource_type == "AWS::IAM::Policy":
            _attached_inline(renderer, results, where, resource, principals, resources)
        for kind in _KINDS:
            if resource_type == kind.single_policy[0]:
                _single_inline(renderer, results, where, resource, kind, principals)
        if resource_type == "AWS::IAM::ManagedPolicy":
            for path, document in find(resource, "Properties.PolicyDocument"):
                rendered = policy_document(renderer, document)
                check_string(results, where, path, rendered, quotas.IAM_MANAGED_POLICY)
                _check_characters(results, where, path, rendered)
            for kind in _KINDS:
                for _, target in find(resource, f"Properties.{kind.policy_key}[*]"):
                    principal = _local_principal(target, principals, kind)
                    if principal is not None:
                        principal.managed += 1
    for logical_id, principal in principals.items():
        where = Location(stack.template_path, logical_id)
        if principal.inline:
            labels = ", ".join(label for label, _ in principal.inline)
            total = concat(document for _, document in principal.inline)
            check_string(results, where, f"inline policies ({labels})", total, principal.kind.inline_quota)
        check_count(
            results,
            where,
            "managed policies (Properties.ManagedPolicyArns and AWS::IAM::ManagedPolicy)",
            principal.managed,
            principal.managed_exact,
            principal.kind.managed_quota,
        )


def _principal_own(
    renderer: Renderer, results: Results, where: Location, resource: dict[str, Any], principal: _Principal
) -> None:
    for path, document in find(resource, "Properties.Policies[*].PolicyDocument"):
        rendered = policy_document(renderer, document)
        principal.inline.append((path, rendered))
        _check_characters(results, where, path, rendered)
    for path, document in find(resource, "Properties.AssumeRolePolicyDocument"):
        rendered = policy_document(renderer, document)
        check_string(results, where, path, rendered, quotas.IAM_ROLE_TRUST_POLICY)
        _check_characters(results, where, path, rendered)
    for _, arns in find(resource, "Properties.ManagedPolicyArns"):
        listed = renderer.values(arns)
        principal.managed += listed.count
        principal.managed_exact = principal.managed_exact and listed.items is not None


def _attached_inline(
    renderer: Renderer,
    results: Results,
    where: Location,
    resource: dict[str, Any],
    principals: dict[str, _Principal],
    resources: dict[str, Any],
) -> None:
    for path, document in find(resource, "Properties.PolicyDocument"):
        rendered = policy_document(renderer, document)
        _check_characters(results, where, path, rendered)
        for kind in _KINDS:
            for _, target in find(resource, f"Properties.{kind.policy_key}[*]"):
                principal = _local_principal(target, principals, kind)
                if principal is not None:
                    principal.inline.append((f"{where.logical_id}.{path}", rendered))
                else:
                    check_string(results, where, path, rendered, kind.inline_quota)


def _single_inline(
    renderer: Renderer,
    results: Results,
    where: Location,
    resource: dict[str, Any],
    kind: _PrincipalKind,
    principals: dict[str, _Principal],
) -> None:
    targets = [target for _, target in find(resource, f"Properties.{kind.single_policy[1]}")]
    for path, document in find(resource, "Properties.PolicyDocument"):
        rendered = policy_document(renderer, document)
        _check_characters(results, where, path, rendered)
        for target in targets:
            principal = _local_principal(target, principals, kind)
            if principal is not None:
                principal.inline.append((f"{where.logical_id}.{path}", rendered))
            else:
                check_string(results, where, path, rendered, kind.inline_quota)


def _local_principal(target: Any, principals: dict[str, _Principal], kind: _PrincipalKind) -> _Principal | None:
    """The principal of this template a `Roles`/`Users`/`Groups` entry refers to (by `Ref`), if any."""
    if isinstance(target, dict) and set(target) == {"Ref"}:
        principal = principals.get(str(target["Ref"]))
        if principal is not None and principal.kind == kind:
            return principal
    return None


def _check_characters(results: Results, where: Location, path: str, document: Rendered) -> None:
    """botocore's policyDocumentType admits tab, line feed, carriage return and U+0020..U+00FF only. Deploy-time
    parts are placeholders (plain letters), so the literal parts are what this checks."""
    limit = Member("iam", "PutRolePolicy", "PolicyDocument").resolve()
    if not isinstance(limit, StringLimit) or document.absent:
        return
    results.values_checked += 1
    if not limit.matches(document.sample):
        bad = next((ch for ch in document.sample if not limit.matches(ch)), document.sample[:1])
        results.findings.append(where.finding(path, f"character {bad!r}", f"does not match {limit.pattern}", limit))
