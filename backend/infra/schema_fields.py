"""Which GraphQL fields get a resolver, read from backend/schema.graphql (the contract), not hand-kept.

Every Query and Mutation field gets one. Subscriptions need none (AppSync fans out the mutations named in
@aws_subscribe). Nested fields the runtime computes are listed in COMPUTED_FIELDS and checked against the
schema, so a rename in the contract fails synth instead of leaving a field unresolved.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from graphql import GraphQLObjectType, build_schema

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "schema.graphql"

# AppSync's built-in scalars and directives, declared so graphql-core can build the schema offline.
_APPSYNC_PRELUDE = (SCHEMA_PATH.parent / "appsync_prelude.graphql").read_text(encoding="utf-8")

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
    schema = build_schema(_APPSYNC_PRELUDE + schema_path.read_text(encoding="utf-8"))
    fields: list[ResolvedField] = []
    for root in (schema.query_type, schema.mutation_type):
        if root is not None:
            fields += [ResolvedField(root.name, name, False) for name in root.fields]
    for (type_name, field_name), batched in COMPUTED_FIELDS.items():
        owner = schema.get_type(type_name)
        if not isinstance(owner, GraphQLObjectType) or field_name not in owner.fields:
            raise ValueError(f"{schema_path}: {type_name}.{field_name} is resolved by the runtime but not in the schema")
        fields.append(ResolvedField(type_name, field_name, batched))
    return tuple(fields)
