"""`python -m pipeline.predeploy.compatibility` (`make schema-check`): backend/schema.graphql against every supported
app version in clients/released/. Exit status: 0 no supported app breaks; 1 one does (each problem on its own
line); 2 the check cannot run (a released version or the schema cannot be read)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from graphql import GraphQLError

from backend.schema import SCHEMA_PATH, build_appsync_schema

from .released import RELEASED_DIR, ReleaseError, load_releases
from .verdict import judge

PASSED, BREAKS, CANNOT_CHECK = 0, 1, 2
PREFIX = "schema-check"


def main(argv: Sequence[str] | None = None, say: Callable[[str], None] = print) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline.predeploy.compatibility", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--schema", type=Path, default=SCHEMA_PATH, help="the schema about to ship")
    parser.add_argument("--released", type=Path, default=RELEASED_DIR, help="the supported app versions")
    args = parser.parse_args(argv)
    try:
        new = build_appsync_schema(args.schema.read_text(encoding="utf-8"))
    except (OSError, GraphQLError, TypeError) as exc:
        say(f"{PREFIX}: {args.schema}: cannot be built ({exc})")
        return CANNOT_CHECK
    try:
        releases = load_releases(args.released)
    except ReleaseError as exc:
        say(f"{PREFIX}: {exc}")
        return CANNOT_CHECK
    if not releases:
        say(f"{PREFIX}: no app version is released in {args.released}: nothing to protect (make release-client)")
        return PASSED
    names = ", ".join(release.version for release in releases)
    verdict = judge(new, releases)
    for line in verdict.lines:
        say(f"{PREFIX}: {line}")
    if not verdict.passed:
        say(f"{PREFIX}: {len(verdict.problems)} problem(s) would break apps in the field (docs/evolving-the-api.md)")
        return BREAKS
    say(f"{PREFIX}: {args.schema.name} keeps every supported app version working ({names})")
    return PASSED


if __name__ == "__main__":
    sys.exit(main())
