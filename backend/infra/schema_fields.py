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

from graphql import GraphQLObjectType, GraphQLSchema

from ..schema import SCHEMA_PATH, build_appsync_schema

# AppSync's auth directives: a field naming any of them is reachable only by the modes it names; a field naming
# none gets its type's (AppSync developer guide, "Configuring authorization and authentication").
_AUTH_DIRECTIVES = frozenset({"aws_cognito_user_pools", "aws_auth", "aws_iam", "aws_api_key", "aws_oidc", "aws_lambda"})

# (type, field) → batched? Nested fields resolved by the runtime rather than read from the parent item.
COMPUTED_FIELDS: dict[tuple[str, str], bool] = {
    ("Post", "author"): True,
    ("Comment", "author"): True,
    ("Post", "likedByMe"): True,
    ("Post", "comments"): False,
}


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
        (root.name, name)
        for root in _root_types(schema)
        for name in root.fields
        if "aws_iam" in _auth_directives(root, name)
    )


def _root_types(schema: GraphQLSchema) -> list[GraphQLObjectType]:
    return [root for root in (schema.query_type, schema.mutation_type, schema.subscription_type) if root is not None]


def _auth_directives(owner: GraphQLObjectType, field_name: str) -> set[str]:
    """The auth directives that decide who may call `owner.field_name`: the field's own, else its type's."""

    def named(node: object) -> set[str]:
        directives = getattr(node, "directives", None) or ()
        return {d.name.value for d in directives} & _AUTH_DIRECTIVES

    return named(owner.fields[field_name].ast_node) or named(owner.ast_node)
