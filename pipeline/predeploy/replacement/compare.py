"""Compare two templates of one stack: which stateful resources the new one would replace or delete."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .schemas import create_only, source
from .stateful import is_stateful
from .supplement import facts_for

Kind = Literal["replaces", "deletes"]
_SUB_REFERENCE = re.compile(r"\$\{(?!!)([A-Za-z0-9]+)(?:\.[^}]*)?\}")
_ABSENT = object()


@dataclass(frozen=True)
class Change:
    logical_id: str
    resource_type: str  # the deployed (baseline) resource's type
    path: str  # its construct path inside the stack (`Data/Posts`), "" when the template has no aws:cdk:path
    property: str  # `KeySchema`, `UserPoolConfig.UserPoolId`, `Type`; "-" for a deletion
    kind: Kind
    why: str  # what says so (the schema, the reference page) or what happened


def construct_path(resource: Mapping[str, Any], stack_id: str) -> str:
    """`MobileBackendPipeline/Prod/MobileBackend/Data/Posts/Resource` → `Data/Posts`: the path inside the stack
    (after its construct id `stack_id`), without CDK's `/Resource` leaf."""
    metadata = resource.get("Metadata")
    raw = metadata.get("aws:cdk:path") if isinstance(metadata, Mapping) else None
    if not isinstance(raw, str) or not raw:
        return ""
    parts = raw.split("/")
    inside = parts[parts.index(stack_id) + 1 :] if stack_id in parts else parts
    if len(inside) > 1 and inside[-1] == "Resource":
        inside = inside[:-1]
    return "/".join(inside)


def property_name(pointer: str) -> str:
    """`/properties/UserPoolConfig/UserPoolId` → `UserPoolConfig.UserPoolId` (`*` for every list item)."""
    parts = pointer.strip("/").split("/")
    if parts and parts[0] == "properties":
        parts = parts[1:]
    return ".".join(part.replace("~1", "/").replace("~0", "~") for part in parts)


def values_at(properties: Any, pointer: str) -> list[Any]:
    """What `pointer` names in a resource's Properties: one value, several (`*` over a list), or `[]`."""
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.strip("/").split("/")]
    if parts and parts[0] == "properties":
        parts = parts[1:]
    return list(_walk(properties, parts))


def _walk(node: Any, parts: list[str]) -> Iterator[Any]:
    if not parts:
        yield node
        return
    head, rest = parts[0], parts[1:]
    if head == "*" and isinstance(node, list):
        for item in node:
            yield from _walk(item, rest)
    elif isinstance(node, Mapping) and head in node:
        yield from _walk(node[head], rest)


def _canonical(values: list[Any]) -> str:
    return json.dumps(values, sort_keys=True, separators=(",", ":"))


def references(value: Any) -> set[str]:
    """Logical ids a value refers to: `Ref`, `Fn::GetAtt`, `${X}` / `${X.Attr}` in `Fn::Sub`."""
    found: set[str] = set()
    if isinstance(value, list):
        for item in value:
            found |= references(item)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if key == "Ref" and isinstance(item, str):
                found.add(item)
            elif key == "Fn::GetAtt":
                target = item[0] if isinstance(item, list) and item else item
                if isinstance(target, str):
                    found.add(target.split(".")[0])
            elif key == "Fn::Sub":
                text = item[0] if isinstance(item, list) and item else item
                if isinstance(text, str):
                    found |= set(_SUB_REFERENCE.findall(text))
                if isinstance(item, list) and len(item) > 1:
                    found |= references(item[1])
            else:
                found |= references(item)
    return found


def _resources(template: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    resources = template.get("Resources")
    if not isinstance(resources, Mapping):
        return {}
    return {lid: r for lid, r in resources.items() if isinstance(r, Mapping)}


def _properties(resource: Mapping[str, Any]) -> Any:
    return resource.get("Properties") or {}


@dataclass(frozen=True)
class _Rule:
    pointer: str
    why: str


def _rules(resource_type: str, region: str | None) -> tuple[list[_Rule], bool]:
    """The create-only pointers of a type with what says so; False when no schema knows the type."""
    spec = create_only(resource_type, region)
    facts = {fact.pointer: fact for fact in facts_for(resource_type)}
    rules = [_Rule(p, f"createOnlyProperties of {resource_type}, {source()}") for p in spec.create_only]
    for pointer in spec.conditional:
        fact = facts.pop(pointer, None)
        why = fact.cite() if fact else f"conditionalCreateOnlyProperties of {resource_type}, {source()}: may replace"
        rules.append(_Rule(pointer, why))
    rules += [_Rule(fact.pointer, fact.cite()) for fact in facts.values() if fact.pointer not in spec.create_only]
    return rules, spec.found


def _replacement(
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    region: str | None,
    gone: Mapping[str, str],
) -> tuple[str, str] | None:
    """(property, why) when the new template would replace this resource, else None."""
    if before.get("Type") != after.get("Type"):
        return "Type", f"the type changes to {after.get('Type')}: CloudFormation creates a new resource"
    resource_type = str(before.get("Type"))
    rules, known = _rules(resource_type, region)
    old, new = _properties(before), _properties(after)
    if not known:
        if is_stateful(resource_type) and _canonical([old]) != _canonical([new]):
            return "-", f"no resource schema for {resource_type} ({source()}): a changed property cannot be judged"
        return None
    for rule in rules:
        then, now = values_at(old, rule.pointer), values_at(new, rule.pointer)
        if _canonical(then) != _canonical(now):
            return property_name(rule.pointer), rule.why
        referred = sorted(references(now) & set(gone))
        if referred:
            return property_name(rule.pointer), f"it refers to {referred[0]}, which the change {gone[referred[0]]}"
    return None


def compare(
    baseline: Mapping[str, Any], current: Mapping[str, Any], *, region: str | None, stack_id: str
) -> list[Change]:
    """The stateful resources of `baseline` (what is deployed) that `current` would replace or delete, in the
    baseline's order. A replaced or deleted resource of any type counts for what refers to it: a create-only
    property holding its id changes with it."""
    old, new = _resources(baseline), _resources(current)
    gone: dict[str, str] = {lid: "deletes" for lid in old if lid not in new}
    found: dict[str, tuple[str, str]] = {}
    progress = True
    while progress:  # until nothing more is replaced (each round may add what refers to the last round's)
        progress = False
        for logical_id, before in old.items():
            if logical_id in gone or logical_id not in new:
                continue
            replaced = _replacement(before, new[logical_id], region, gone)
            if replaced is not None:
                found[logical_id] = replaced
                gone[logical_id] = "replaces"
                progress = True
    changes: list[Change] = []
    new_paths = {(construct_path(r, stack_id), r.get("Type")): lid for lid, r in new.items()}
    for logical_id, before in old.items():
        resource_type = before.get("Type")
        after_type = new[logical_id].get("Type") if logical_id in new else None
        if not (is_stateful(resource_type) or is_stateful(after_type)):
            continue
        path = construct_path(before, stack_id)
        if logical_id in found:
            prop, why = found[logical_id]
            changes.append(Change(logical_id, str(resource_type), path, prop, "replaces", why))
        elif logical_id not in new:
            changes.append(
                Change(logical_id, str(resource_type), path, "-", "deletes", _deleted(before, path, new_paths))
            )
    return changes


def _deleted(before: Mapping[str, Any], path: str, new_paths: Mapping[tuple[str, Any], str]) -> str:
    successor = new_paths.get((path, before.get("Type"))) if path else None
    kept = (
        "DeletionPolicy Retain keeps it, outside the stack"
        if before.get("DeletionPolicy")
        in (
            "Retain",
            "RetainExceptOnCreate",
        )
        else "CloudFormation deletes it"
    )
    if successor:
        return f"its logical id changes to {successor}, a new and empty resource; {kept}"
    return f"removed from the template; {kept}"
