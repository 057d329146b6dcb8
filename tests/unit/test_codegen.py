"""clients/ (committed generated client code, `make codegen`) stays what backend/schema.graphql generates."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from graphql import DocumentNode, FieldNode, OperationDefinitionNode, parse, print_ast, validate

from backend.schema import SCHEMA_PATH, build_appsync_schema
from pipeline.project_root import PROJECT_ROOT

CLIENTS = PROJECT_ROOT / "clients"
OPERATIONS = ("queries", "mutations", "subscriptions")
# `export const name = /* GraphQL */ `document`` in the generated TypeScript and JavaScript statements.
STATEMENT = re.compile(r"export const (\w+) = /\* GraphQL \*/ `([^`]*)`")


def codegen(*args: str) -> subprocess.CompletedProcess[str]:
    generator = PROJECT_ROOT / "devtools" / "codegen" / "node_modules" / "@aws-amplify" / "graphql-generator"
    if shutil.which("node") is None or not generator.is_dir():
        pytest.fail("needs node and the generator: run `make codegen` (or `make test-unit`, which installs it)")
    return subprocess.run(
        ["node", "devtools/codegen/codegen.mjs", *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_committed_client_code_is_what_the_schema_generates() -> None:
    checked = codegen("--check")

    assert checked.returncode == 0, checked.stderr


def test_check_names_every_stale_missing_and_extra_file(tmp_path: Path) -> None:
    schema = tmp_path / "schema.graphql"
    schema.write_text(SCHEMA_PATH.read_text(encoding="utf-8").replace("  bio: String\n", "", 1), encoding="utf-8")
    out = tmp_path / "clients"
    shutil.copytree(CLIENTS, out)
    (out / "swift" / "API.swift").unlink()
    (out / "dart" / "Removed.dart").write_text("// a type the schema no longer has\n", encoding="utf-8")

    checked = codegen("--check", "--schema", str(schema), "--out", str(out))

    assert checked.returncode == 1
    # A User field less changes every file that selects or declares User's fields.
    assert "differs: typescript/API.ts" in checked.stderr
    assert "differs: graphql/queries.graphql" in checked.stderr
    assert "differs: dart/User.dart" in checked.stderr
    assert "missing: swift/API.swift" in checked.stderr
    assert "not generated: dart/Removed.dart" in checked.stderr
    assert "README.md" not in checked.stderr


def test_codegen_keeps_the_released_app_versions_it_does_not_generate(tmp_path: Path) -> None:
    out = tmp_path / "clients"
    shutil.copytree(CLIENTS, out)
    recorded = out / "released" / "9.9.9" / "operations" / "queries.graphql"
    recorded.parent.mkdir(parents=True, exist_ok=True)
    recorded.write_text("query Me { me { id } }\n", encoding="utf-8")
    (out / "dart" / "Removed.dart").write_text("// a type the schema no longer has\n", encoding="utf-8")

    written = codegen("--out", str(out))

    assert written.returncode == 0, written.stderr
    assert recorded.read_text(encoding="utf-8") == "query Me { me { id } }\n"
    assert not (out / "dart" / "Removed.dart").exists()
    assert codegen("--check", "--out", str(out)).returncode == 0


def _operations(document: DocumentNode) -> list[OperationDefinitionNode]:
    return [definition for definition in document.definitions if isinstance(definition, OperationDefinitionNode)]


def test_generated_documents_cover_every_root_field_and_validate_against_the_schema() -> None:
    schema = build_appsync_schema()
    roots = (schema.query_type, schema.mutation_type, schema.subscription_type)
    for operation, root in zip(OPERATIONS, roots, strict=True):
        document = parse((CLIENTS / "graphql" / f"{operation}.graphql").read_text(encoding="utf-8"))

        assert validate(schema, document) == []
        selected = [definition.selection_set.selections[0] for definition in _operations(document)]
        assert root is not None
        assert {field.name.value for field in selected if isinstance(field, FieldNode)} == set(root.fields)
        assert len(selected) == len(root.fields)


def _statements(path: Path) -> dict[str, str]:
    return {name: print_ast(parse(text)) for name, text in STATEMENT.findall(path.read_text(encoding="utf-8"))}


@pytest.mark.parametrize("operation", OPERATIONS)
def test_typescript_javascript_and_graphql_carry_the_same_documents(operation: str) -> None:
    """The client tests run the JavaScript statements; this is what makes them stand for the TypeScript ones."""
    typescript = _statements(CLIENTS / "typescript" / f"{operation}.ts")
    javascript = _statements(CLIENTS / "javascript" / f"{operation}.js")
    graphql = parse((CLIENTS / "graphql" / f"{operation}.graphql").read_text(encoding="utf-8"))
    by_operation_name = {
        definition.name.value if definition.name else "": print_ast(definition) for definition in _operations(graphql)
    }

    assert typescript and typescript == javascript
    # Statement `createPost` is operation `CreatePost`.
    assert {name[0].upper() + name[1:]: text for name, text in typescript.items()} == by_operation_name
