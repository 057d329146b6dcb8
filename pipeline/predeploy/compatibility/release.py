"""`python -m pipeline.predeploy.compatibility.release VERSION [--operations DIR]` (`make release-client VERSION=...`):
record what an app release ships, so `make schema-check` protects it from then on.

Writes clients/released/<VERSION>/schema.graphql (the schema the app is built against) and operations/ (a copy
of the operation documents, by default clients/graphql/, which `make codegen` generates). Commit the directory.
Nothing is written when anything is wrong: one line says what, exit status 2. Every operation must validate
against the schema it is released with: an app cannot ship an operation its own schema rejects.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from graphql import GraphQLError, validate

from backend.schema import SCHEMA_PATH, build_appsync_schema
from pipeline.project_root import PROJECT_ROOT

from .released import OPERATIONS_DIR, RELEASED_DIR, SCHEMA_FILE, ReleaseError, operation_files, parse_document
from .verdict import operations_of
from .versions import is_semver

DEFAULT_OPERATIONS = PROJECT_ROOT / "clients" / "graphql"
PREFIX = "release-client"


def release(version: str, *, operations: Path, schema_path: Path, released_dir: Path) -> Path:
    """The new version's directory. Raises ReleaseError, having written nothing."""
    if not is_semver(version):
        raise ReleaseError(f"VERSION={version!r}: expected a semantic version MAJOR.MINOR.PATCH (like 1.4.0)")
    target = released_dir / version
    if target.exists():
        raise ReleaseError(f"{target}: version {version} is already released (a release is never rewritten)")
    files = operation_files(operations)
    documents = [parse_document(path) for path in files]
    try:
        sdl = schema_path.read_text(encoding="utf-8")
        schema = build_appsync_schema(sdl)
    except (OSError, GraphQLError, TypeError) as exc:
        raise ReleaseError(f"{schema_path}: cannot be built ({exc})") from None
    for path, document in zip(files, documents, strict=True):
        for name, operation in operations_of(document.ast):
            errors = validate(schema, operation)
            if errors:
                raise ReleaseError(
                    f"{path}: operation {name} does not validate against {schema_path.name}: {errors[0].message}"
                )
    released_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{version}-", dir=released_dir))
    try:
        (staging / SCHEMA_FILE).write_text(sdl, encoding="utf-8")
        (staging / OPERATIONS_DIR).mkdir()
        for path in files:
            shutil.copyfile(path, staging / OPERATIONS_DIR / path.name)
        staging.chmod(0o755)
        staging.rename(target)  # atomic: the version appears whole or not at all
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise ReleaseError(f"{target}: cannot be written ({exc})") from None
    return target


def main(argv: Sequence[str] | None = None, say: Callable[[str], None] = print) -> int:
    parser = argparse.ArgumentParser(prog="make release-client", description=__doc__.split("\n\n")[0])
    parser.add_argument("version", help="the app release's semantic version, e.g. 1.4.0")
    parser.add_argument("--operations", type=Path, default=DEFAULT_OPERATIONS, help="its operation documents")
    parser.add_argument("--schema", type=Path, default=SCHEMA_PATH, help="the schema it is built against")
    parser.add_argument("--released", type=Path, default=RELEASED_DIR, help="where released versions are kept")
    args = parser.parse_args(argv)
    try:
        target = release(args.version, operations=args.operations, schema_path=args.schema, released_dir=args.released)
    except ReleaseError as exc:
        say(f"{PREFIX}: {exc}")
        return 2
    count = len(list((target / OPERATIONS_DIR).glob("*.graphql")))
    say(f"{PREFIX}: released {args.version}: {target} ({count} operation documents); commit it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
