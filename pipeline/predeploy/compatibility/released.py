"""The app versions still supported: clients/released/<version>/, each with the schema it was built against
(schema.graphql) and the operation documents it ships (operations/*.graphql). Removing a version's directory
ends its support; the check then stops protecting it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graphql import DocumentNode, GraphQLError, GraphQLSchema, parse

from backend.schema import build_appsync_schema
from pipeline.project_root import PROJECT_ROOT

from .versions import is_semver, sort_key

RELEASED_DIR = PROJECT_ROOT / "clients" / "released"
SCHEMA_FILE = "schema.graphql"
OPERATIONS_DIR = "operations"


class ReleaseError(ValueError):
    """A released version cannot be read: one line naming the file and what is wrong."""


@dataclass(frozen=True)
class Document:
    name: str  # the file's name, e.g. queries.graphql
    ast: DocumentNode


@dataclass(frozen=True)
class Release:
    version: str
    schema: GraphQLSchema
    documents: tuple[Document, ...]


def parse_document(path: Path) -> Document:
    try:
        return Document(path.name, parse(path.read_text(encoding="utf-8")))
    except GraphQLError as exc:
        raise ReleaseError(f"{path}: not a GraphQL document: {exc.message} (line {_line(exc)})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ReleaseError(f"{path}: cannot be read ({exc})") from None


def operation_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        raise ReleaseError(f"{directory}: no such directory of operation documents")
    files = sorted(directory.glob("*.graphql"))
    if not files:
        raise ReleaseError(f"{directory}: holds no *.graphql operation documents")
    return files


def load_release(directory: Path) -> Release:
    version = directory.name
    if not is_semver(version):
        raise ReleaseError(f"{directory}: the directory's name must be the app's semantic version (like 1.4.0)")
    schema_path = directory / SCHEMA_FILE
    try:
        schema = build_appsync_schema(schema_path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ReleaseError(f"{schema_path}: cannot be read ({exc.strerror})") from None
    except (GraphQLError, TypeError) as exc:
        raise ReleaseError(f"{schema_path}: not a valid schema ({exc})") from None
    documents = tuple(parse_document(path) for path in operation_files(directory / OPERATIONS_DIR))
    return Release(version, schema, documents)


def load_releases(released_dir: Path = RELEASED_DIR) -> list[Release]:
    """Every supported version, oldest first. No directory (or an empty one): nothing is protected yet."""
    if not released_dir.is_dir():
        return []
    directories = [d for d in released_dir.iterdir() if d.is_dir() and not d.name.startswith(".")]
    for directory in directories:
        if not is_semver(directory.name):
            raise ReleaseError(f"{directory}: the directory's name must be the app's semantic version (like 1.4.0)")
    return [load_release(d) for d in sorted(directories, key=lambda d: sort_key(d.name))]


def _line(exc: GraphQLError) -> str:
    return str(exc.locations[0].line) if exc.locations else "?"
