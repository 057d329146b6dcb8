"""Which fields call the Lambda, and which of those are batched: read from the synthesized stage template.

Its `AWS::AppSync::Resolver` resources are what AppSync runs (TypeName/FieldName; batched when the resolver,
or a pipeline function it runs, sets `MaxBatchSize` and its inline code, if any, uses `BatchInvoke`), so the
sandbox wires exactly the fields infra wires; there is no second list to keep in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import TemplateError


@dataclass(frozen=True)
class ResolverSpec:
    batch: bool = False
    max_batch_size: int | None = None


ResolverFields = dict[tuple[str, str], ResolverSpec]


def _is_batch(props: Mapping[str, Any]) -> bool:
    code = props.get("Code")
    return bool(props.get("MaxBatchSize")) and (not isinstance(code, str) or "BatchInvoke" in code)


def resolver_fields_from_template(template: Mapping[str, Any]) -> ResolverFields:
    resources = template.get("Resources") or {}
    functions = {  # pipeline functions (AWS::AppSync::FunctionConfiguration) by logical id
        logical: r.get("Properties") or {}
        for logical, r in resources.items()
        if r.get("Type") == "AWS::AppSync::FunctionConfiguration"
    }
    fields: ResolverFields = {}
    for resource in resources.values():
        if resource.get("Type") != "AWS::AppSync::Resolver":
            continue
        props = resource.get("Properties") or {}
        type_name, field_name = props.get("TypeName"), props.get("FieldName")
        if not isinstance(type_name, str) or not isinstance(field_name, str) or type_name == "Subscription":
            continue
        batched = [props] if _is_batch(props) else []
        for ref in (props.get("PipelineConfig") or {}).get("Functions") or []:
            logical = (ref.get("Fn::GetAtt") or [None])[0] if isinstance(ref, dict) else None
            if logical in functions and _is_batch(functions[logical]):
                batched.append(functions[logical])
        max_batch = int(batched[0]["MaxBatchSize"]) if batched else None
        fields[(type_name, field_name)] = ResolverSpec(batch=bool(batched), max_batch_size=max_batch)
    return fields


def resolver_fields(template: Mapping[str, Any]) -> ResolverFields:
    """The template's resolvers; a template without any is not a MobileBackend stage."""
    fields = resolver_fields_from_template(template)
    if not fields:
        raise TemplateError("the stage template defines no AWS::AppSync::Resolver: is it the MobileBackend stack?")
    return fields
