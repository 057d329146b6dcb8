"""Which GraphQL fields get a resolver and which accept IAM callers, read from backend/schema.graphql (the
contract), not hand-kept.

Every Query and Mutation field gets one. Subscriptions need none (AppSync fans out the mutations named in
@aws_subscribe). Nested fields the runtime computes are listed in COMPUTED_FIELDS and checked against the
schema, so a rename in the contract fails synth instead of leaving a field unresolved.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from graphql import GraphQLObjectType, GraphQLSchema, get_named_type

from ..auth_directives import IAM, field_rule
from ..schema import SCHEMA_PATH, build_appsync_schema

# (type, field) → batched? Nested fields resolved by the runtime rather than read from the parent item.
COMPUTED_FIELDS: dict[tuple[str, str], bool] = {
    ("Post", "author"): True,
    ("Comment", "author"): True,
    ("Post", "likedByMe"): True,
    ("Post", "comments"): False,
}


# The root fields an app may call before sign-in, with the identity pool's guest credentials (backend/infra/auth.py).
# Each must be @aws_iam in the schema; the guest role gets these and every field of the object types they return.
GUEST_ROOT_FIELDS: tuple[tuple[str, str], ...] = (("Query", "appConfig"),)


@dataclass(frozen=True)
class ResolvedField:
    type_name: str
    field_name: str
    batched: bool


@lru_cache(maxsize=4)
def resolved_fields(schema_path: Path = SCHEMA_PATH) -> tuple[ResolvedField, ...]:
    schema = build_appsync_schema(schema_path.read_text(encoding="utf-8"))
    fields: list[ResolvedField] = []
    for root in (schema.query_type, schema.mutation_type):
        if root is not None:
            fields += [ResolvedField(root.name, name, False) for name in root.fields]
    for (type_name, field_name), batched in COMPUTED_FIELDS.items():
        owner = schema.get_type(type_name)
        if not isinstance(owner, GraphQLObjectType) or field_name not in owner.fields:
            raise ValueError(
                f"{schema_path}: {type_name}.{field_name} is resolved by the runtime but not in the schema"
            )
        fields.append(ResolvedField(type_name, field_name, batched))
    return tuple(fields)


@lru_cache(maxsize=4)
def iam_fields(schema_path: Path = SCHEMA_PATH) -> tuple[tuple[str, str], ...]:
    """(type, field) of the root fields callable with SigV4: those the schema marks @aws_iam."""
    schema = build_appsync_schema(schema_path.read_text(encoding="utf-8"))
    return tuple(
        (root.name, name) for root in _root_types(schema) for name in root.fields if IAM in field_rule(root, name)
    )


def _root_types(schema: GraphQLSchema) -> list[GraphQLObjectType]:
    return [root for root in (schema.query_type, schema.mutation_type, schema.subscription_type) if root is not None]


@lru_cache(maxsize=4)
def guest_fields(schema_path: Path = SCHEMA_PATH) -> tuple[tuple[str, str], ...]:
    """(type, field) the guest role may resolve: GUEST_ROOT_FIELDS, then every field of each object type reachable
    from their results (e.g. Query.appConfig, AppConfig.supported, ..., FeatureSwitch.name), in schema order."""
    schema = build_appsync_schema(schema_path.read_text(encoding="utf-8"))
    fields: list[tuple[str, str]] = []
    pending: list[GraphQLObjectType] = []
    for type_name, field_name in GUEST_ROOT_FIELDS:
        owner = schema.get_type(type_name)
        if not isinstance(owner, GraphQLObjectType) or field_name not in owner.fields:
            raise ValueError(f"{schema_path}: guest field {type_name}.{field_name} is not in the schema")
        if IAM not in field_rule(owner, field_name):
            raise ValueError(f"{schema_path}: guest field {type_name}.{field_name} must be @aws_iam")
        fields.append((type_name, field_name))
        pending.append(owner.fields[field_name].type)
    seen: set[str] = set()
    while pending:
        named = get_named_type(pending.pop(0))
        if not isinstance(named, GraphQLObjectType) or named.name in seen:
            continue
        seen.add(named.name)
        for name, field in named.fields.items():
            fields.append((named.name, name))
            pending.append(field.type)
    return tuple(fields)
