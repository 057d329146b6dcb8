"""Build the executable schema from backend/schema.graphql plus AppSync's implicit prelude."""

from __future__ import annotations

from graphql import GraphQLSchema

from backend.schema import build_appsync_schema

from .scalars import install_scalars


def load_schema(sdl: str | None = None) -> GraphQLSchema:
    schema = build_appsync_schema(sdl)
    install_scalars(schema)
    return schema
