"""Build the executable schema from backend/schema.graphql plus AppSync's implicit prelude."""
from __future__ import annotations

from pathlib import Path

from graphql import GraphQLSchema, build_schema

from .scalars import install_scalars

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "backend" / "schema.graphql"
# What AppSync declares implicitly: its scalars and its directives (one file, shared with infra and tests).
APPSYNC_PRELUDE = (SCHEMA_PATH.parent / "appsync_prelude.graphql").read_text()


def load_schema(sdl: str | None = None) -> GraphQLSchema:
    schema = build_schema(APPSYNC_PRELUDE + "\n" + (sdl if sdl is not None else SCHEMA_PATH.read_text()))
    install_scalars(schema)
    return schema
