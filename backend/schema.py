"""backend/schema.graphql as graphql-core sees it: with AppSync's implicit prelude prepended.

AppSync declares its scalars (AWSDateTime, ...) and directives (@aws_iam, ...) itself; graphql-core needs
them spelled out (backend/appsync_prelude.graphql). Infra, the sandbox and the tests all build the schema
here, so the prelude is prepended in one place. Only graphql-core is imported: the sandbox and the infra
may both use this module without depending on each other.
"""

from __future__ import annotations

from pathlib import Path

from graphql import GraphQLSchema, build_schema

SCHEMA_PATH = Path(__file__).resolve().parent / "schema.graphql"
APPSYNC_PRELUDE_PATH = SCHEMA_PATH.parent / "appsync_prelude.graphql"
APPSYNC_PRELUDE = APPSYNC_PRELUDE_PATH.read_text(encoding="utf-8")


def build_appsync_schema(sdl: str | None = None) -> GraphQLSchema:
    """The schema of `sdl` (default: backend/schema.graphql) with AppSync's scalars and directives declared."""
    source = sdl if sdl is not None else SCHEMA_PATH.read_text(encoding="utf-8")
    return build_schema(APPSYNC_PRELUDE + "\n" + source)
