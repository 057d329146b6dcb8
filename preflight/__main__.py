"""`python -m preflight [ASSEMBLY_DIR]`: one line per failure and exit 1, or a one-line summary and exit 0."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .assembly import AssemblyError
from .checks import check_assembly


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m preflight",
        description="Check a synthesized cloud assembly against AWS's published limits, offline.",
    )
    parser.add_argument("assembly", nargs="?", default="cdk.out", help="cloud assembly directory (default: cdk.out)")
    arguments = parser.parse_args(argv)
    try:
        results = check_assembly(Path(arguments.assembly))
    except AssemblyError as exc:
        print(f"preflight: error: {exc}", file=sys.stderr)
        return 2
    for finding in results.findings:
        print(finding.line())
    if results.findings:
        print(f"preflight: {len(results.findings)} limit(s) exceeded in {arguments.assembly}", file=sys.stderr)
        return 1
    print(results.summary(arguments.assembly))
    return 0


if __name__ == "__main__":
    sys.exit(main())
