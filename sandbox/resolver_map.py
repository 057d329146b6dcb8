"""Which fields call the Lambda, and which of those are batched: one rule, shared with infra where possible.

Source of truth when a synthesized template is at hand: its `AWS::AppSync::Resolver` resources
(TypeName/FieldName; batched when the resolver, or a pipeline function it runs, sets `MaxBatchSize` and its
inline code, if any, uses `BatchInvoke`).
Without a template, `default_resolver_fields` applies the same rule infra is asked to follow:
every Query/Mutation field, plus the nested fields listed in NESTED_RESOLVERS.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from graphql import GraphQLSchema

# Nested fields with their own resolver (docs/architecture.md "Which fields the runtime resolves").
# True = batched (BatchInvoke). Post.imageUrl comes with the Post payload: no resolver.
NESTED_RESOLVERS: dict[tuple[str, str], bool] = {
    ("Post", "author"): True,
    ("Comment", "author"): True,
    ("Post", "likedByMe"): True,
    ("Post", "comments"): False,
}
ROOT_TYPES_WITH_RESOLVERS = ("Query", "Mutation")


@dataclass(frozen=True)
class ResolverSpec:
    batch: bool = False
    max_batch_size: int | None = None


ResolverFields = dict[tuple[str, str], ResolverSpec]


def default_resolver_fields(schema: GraphQLSchema) -> ResolverFields:
    fields: ResolverFields = {}
    for root in ROOT_TYPES_WITH_RESOLVERS:
        gql_type = schema.get_type(root)
        for name in getattr(gql_type, "fields", {}) or {}:
            fields[(root, name)] = ResolverSpec()
    for (type_name, field_name), batch in NESTED_RESOLVERS.items():
        if field_name in getattr(schema.get_type(type_name), "fields", {}):
            fields[(type_name, field_name)] = ResolverSpec(batch=batch)
    return fields


def _is_batch(props: Mapping[str, Any]) -> bool:
    code = props.get("Code")
    return bool(props.get("MaxBatchSize")) and (not isinstance(code, str) or "BatchInvoke" in code)


def resolver_fields_from_template(template: Mapping[str, Any]) -> ResolverFields:
    resources = template.get("Resources") or {}
    functions = {  # pipeline functions (AWS::AppSync::FunctionConfiguration) by logical id
        logical: r.get("Properties") or {} for logical, r in resources.items() if r.get("Type") == "AWS::AppSync::FunctionConfiguration"
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


def resolver_fields(schema: GraphQLSchema, template: Mapping[str, Any] | None = None) -> ResolverFields:
    """The template's resolvers when it defines any, else the default rule."""
    from_template = resolver_fields_from_template(template) if template else {}
    return from_template or default_resolver_fields(schema)
