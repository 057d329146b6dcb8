"""`make release-client VERSION=...`: a version appears whole, or nothing is written and one line says why."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend.schema import SCHEMA_PATH
from pipeline.predeploy.compatibility.release import DEFAULT_OPERATIONS, main


def run(tmp_path: Path, *args: str) -> tuple[int, list[str]]:
    lines: list[str] = []
    code = main([*args, "--released", str(tmp_path / "released")], say=lines.append)
    return code, lines


def tree(directory: Path) -> list[str]:
    return sorted(str(p.relative_to(directory)) for p in directory.rglob("*")) if directory.exists() else []


def test_a_release_records_the_schema_and_every_operation_document(tmp_path: Path) -> None:
    code, lines = run(tmp_path, "1.4.0")
    assert code == 0, lines
    version = tmp_path / "released" / "1.4.0"
    assert (version / "schema.graphql").read_text() == SCHEMA_PATH.read_text()
    shipped = sorted(p.name for p in DEFAULT_OPERATIONS.glob("*.graphql"))
    assert sorted(p.name for p in (version / "operations").iterdir()) == shipped
    for name in shipped:
        assert (version / "operations" / name).read_text() == (DEFAULT_OPERATIONS / name).read_text()
    assert lines == [f"release-client: released 1.4.0: {version} ({len(shipped)} operation documents); commit it"]


@pytest.mark.parametrize("version", ["1.4", "v1.4.0", "01.4.0", "1.4.0+build.7", "", "1.4.0-"])
def test_a_version_that_is_not_semver_is_refused(tmp_path: Path, version: str) -> None:
    code, lines = run(tmp_path, version)
    assert (code, lines) == (
        2,
        [f"release-client: VERSION={version!r}: expected a semantic version MAJOR.MINOR.PATCH (like 1.4.0)"],
    )
    assert tree(tmp_path / "released") == []


def test_a_pre_release_version_is_accepted(tmp_path: Path) -> None:
    assert run(tmp_path, "2.0.0-beta.1")[0] == 0


def test_a_version_is_released_once(tmp_path: Path) -> None:
    run(tmp_path, "1.4.0")
    before = {p: p.read_bytes() for p in (tmp_path / "released").rglob("*") if p.is_file()}
    code, lines = run(tmp_path, "1.4.0")
    target = tmp_path / "released" / "1.4.0"
    assert (code, lines) == (
        2,
        [f"release-client: {target}: version 1.4.0 is already released (a release is never rewritten)"],
    )
    assert {p: p.read_bytes() for p in (tmp_path / "released").rglob("*") if p.is_file()} == before


def test_a_missing_or_empty_operations_directory_is_refused(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    assert run(tmp_path, "1.4.0", "--operations", str(missing)) == (
        2,
        [f"release-client: {missing}: no such directory of operation documents"],
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run(tmp_path, "1.4.0", "--operations", str(empty)) == (
        2,
        [f"release-client: {empty}: holds no *.graphql operation documents"],
    )
    assert tree(tmp_path / "released") == []


def test_an_operation_document_that_does_not_parse_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    operations = tmp_path / "ops"
    operations.mkdir()
    (operations / "good.graphql").write_text("query Me { me { id } }\n")
    (operations / "broken.graphql").write_text("query Me {\n  me { id \n")
    code, lines = run(tmp_path, "1.4.0", "--operations", str(operations))
    assert code == 2
    [line] = lines
    assert line.startswith(f"release-client: {operations / 'broken.graphql'}: not a GraphQL document: Syntax Error:")
    assert line.endswith("Expected Name, found <EOF>. (line 3)")  # EOF: after the last newline (graphql-core 3.2.14)
    assert tree(tmp_path / "released") == []


def test_an_operation_its_own_schema_rejects_is_refused(tmp_path: Path) -> None:
    operations = tmp_path / "ops"
    operations.mkdir()
    (operations / "q.graphql").write_text("query Me { me { id nickname } }\n")
    code, lines = run(tmp_path, "1.4.0", "--operations", str(operations))
    assert (code, lines) == (
        2,
        [
            f"release-client: {operations / 'q.graphql'}: operation Me does not validate against schema.graphql: "
            "Cannot query field 'nickname' on type 'User'. Did you mean 'username'?"
        ],
    )
    assert tree(tmp_path / "released") == []
