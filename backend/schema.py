"""backend/schema.graphql as graphql-core sees it: with AppSync's implicit prelude prepended.

AppSync declares its scalars (AWSDateTime, ...) and directives (@aws_iam, ...) itself; graphql-core needs
them spelled out (backend/appsync_prelude.graphql). Infra, the sandbox and the tests all build the schema
here, so the prelude is prepended in one place. Only graphql-core is imported: the sandbox and the infra
may both use this module without depending on each other.
"""

from __future__ import annotations

from pathlib import Path

from graphql import (
    DirectiveDefinitionNode,
    DocumentNode,
    GraphQLSchema,
    TypeDefinitionNode,
    build_ast_schema,
    parse,
)

SCHEMA_PATH = Path(__file__).resolve().parent / "schema.graphql"
APPSYNC_PRELUDE_PATH = SCHEMA_PATH.parent / "appsync_prelude.graphql"
APPSYNC_PRELUDE = APPSYNC_PRELUDE_PATH.read_text(encoding="utf-8")
_PRELUDE = parse(APPSYNC_PRELUDE)


def _defined(document: DocumentNode) -> set[str]:
    return {d.name.value for d in document.definitions if isinstance(d, TypeDefinitionNode | DirectiveDefinitionNode)}


def build_appsync_schema(sdl: str | None = None) -> GraphQLSchema:
    """The schema of `sdl` (default: backend/schema.graphql) with AppSync's scalars and directives declared.

    A prelude definition the SDL spells out itself is left out: the schema AppSync returns
    (`GetIntrospectionSchema`) may declare the scalars and directives it uses."""
    source = sdl if sdl is not None else SCHEMA_PATH.read_text(encoding="utf-8")
    document = parse(source)
    defined = _defined(document)
    prelude = [
        d
        for d in _PRELUDE.definitions
        if isinstance(d, TypeDefinitionNode | DirectiveDefinitionNode) and d.name.value not in defined
    ]
    return build_ast_schema(DocumentNode(definitions=(*prelude, *document.definitions)))
