"""Which fields call the Lambda, and which of those are batched: one rule, shared with infra where possible.

Source of truth when a synthesized template is at hand: its `AWS::AppSync::Resolver` resources
(TypeName/FieldName; batched when `MaxBatchSize` is set and any inline code uses `BatchInvoke`).
Without a template, `default_resolver_fields` applies the same rule infra is asked to follow:
every Query/Mutation field, plus the nested fields listed in NESTED_RESOLVERS.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from graphql import GraphQLSchema

# Nested fields that are not plain item attributes: they need a resolver. True = batched (BatchInvoke).
NESTED_RESOLVERS: dict[tuple[str, str], bool] = {
    ("Post", "author"): True,
    ("Comment", "author"): True,
    ("Post", "imageUrl"): False,
    ("Post", "comments"): False,
    ("Post", "likedByMe"): False,
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


def resolver_fields_from_template(template: Mapping[str, Any]) -> ResolverFields:
    fields: ResolverFields = {}
    for resource in (template.get("Resources") or {}).values():
        if resource.get("Type") != "AWS::AppSync::Resolver":
            continue
        props = resource.get("Properties") or {}
        type_name, field_name = props.get("TypeName"), props.get("FieldName")
        if not isinstance(type_name, str) or not isinstance(field_name, str) or type_name == "Subscription":
            continue
        max_batch = props.get("MaxBatchSize")
        code = props.get("Code")
        batch = bool(max_batch) and (not isinstance(code, str) or "BatchInvoke" in code)
        fields[(type_name, field_name)] = ResolverSpec(batch=batch, max_batch_size=int(max_batch) if batch else None)
    return fields


def resolver_fields(schema: GraphQLSchema, template: Mapping[str, Any] | None = None) -> ResolverFields:
    """The template's resolvers when it defines any, else the default rule."""
    from_template = resolver_fields_from_template(template) if template else {}
    return from_template or default_resolver_fields(schema)
