"""Build the executable schema from backend/schema.graphql plus AppSync's implicit prelude."""
from __future__ import annotations

from pathlib import Path

from graphql import GraphQLSchema, build_schema

from .scalars import SCALARS, install_scalars

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "backend" / "schema.graphql"

# What AppSync declares implicitly: its scalars and its directives.
APPSYNC_PRELUDE = "\n".join(f"scalar {name}" for name in SCALARS) + """
directive @aws_subscribe(mutations: [String]) on FIELD_DEFINITION
directive @aws_auth(cognito_groups: [String]) on FIELD_DEFINITION
directive @aws_api_key on FIELD_DEFINITION | OBJECT | INTERFACE
directive @aws_iam on FIELD_DEFINITION | OBJECT | INTERFACE
directive @aws_oidc on FIELD_DEFINITION | OBJECT | INTERFACE
directive @aws_lambda on FIELD_DEFINITION | OBJECT | INTERFACE
directive @aws_cognito_user_pools(cognito_groups: [String]) on FIELD_DEFINITION | OBJECT | INTERFACE
"""


def load_schema(sdl: str | None = None) -> GraphQLSchema:
    schema = build_schema(APPSYNC_PRELUDE + "\n" + (sdl if sdl is not None else SCHEMA_PATH.read_text()))
    install_scalars(schema)
    return schema
