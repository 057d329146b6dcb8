"""`python -m devtools.preflight [ASSEMBLY_DIR] [--baseline DIR]`: one line per failure and exit 1, or a one-line
summary and exit 0.

With `--baseline` (`make preflight BASELINE=<dir>`), also the replacement guard (pipeline/predeploy/replacement): every
environment of config/environments.yaml, its stack in ASSEMBLY_DIR against the same stack in the baseline
assembly (e.g. the last release's `cdk.out`); a protected environment fails on any replacement or deletion of a
stateful resource that its `allow_replacements` does not acknowledge, any other environment only notes them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.cloudformation.assembly import AssemblyError

from .checks import check_assembly


class _GuardSetupError(Exception):
    """The guard cannot run: the environments file or cfn-lint's schemas."""


def _guard(assembly: Path, baseline: Path, config_path: Path | None) -> tuple[list[str], int]:
    """The guard's lines and how many findings it refused (the config and the CDK-free naming, loaded here only)."""
    from backend.naming import STACK_ID, stack_name_for
    from config import ConfigError, load_config
    from pipeline.predeploy.replacement import SchemaError
    from pipeline.predeploy.replacement.assemblies import Target, guard_assemblies
    from pipeline.predeploy.replacement.verdict import Acknowledgement

    try:
        config = load_config(config_path) if config_path is not None else load_config()
    except ConfigError as exc:
        raise _GuardSetupError(str(exc)) from None
    targets = [
        Target(
            environment=env.name,
            stack_name=stack_name_for(env.name),
            account=env.account,
            region=env.region,
            protected=env.protect_data,
            allowed=tuple(Acknowledgement(a.resource, a.reason) for a in env.allow_replacements),
        )
        for env in config.environments
    ]
    try:
        results = guard_assemblies(assembly, baseline, targets, stack_id=STACK_ID)
    except SchemaError as exc:
        raise _GuardSetupError(str(exc)) from None
    return results.lines, results.refused


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m devtools.preflight",
        description="Check a synthesized cloud assembly against AWS's published limits, offline.",
    )
    parser.add_argument("assembly", nargs="?", default="cdk.out", help="cloud assembly directory (default: cdk.out)")
    parser.add_argument(
        "--baseline",
        type=Path,
        help="a previous cloud assembly (e.g. the last release's cdk.out): refuse replacing or deleting a protected "
        "environment's stateful resources",
    )
    parser.add_argument(
        "--config", type=Path, help="environments file for --baseline (default: config/environments.yaml)"
    )
    arguments = parser.parse_args(argv)
    if arguments.baseline is not None and arguments.baseline.resolve() == Path(arguments.assembly).resolve():
        print(
            f"preflight: error: --baseline {arguments.baseline} is the assembly being checked (`make preflight` "
            "synthesizes into cdk.out first): keep the release's assembly in a directory of its own",
            file=sys.stderr,
        )
        return 2
    try:
        results = check_assembly(Path(arguments.assembly))
        guard_lines, refused = (
            _guard(Path(arguments.assembly), arguments.baseline, arguments.config) if arguments.baseline else ([], 0)
        )
    except (AssemblyError, _GuardSetupError) as exc:
        print(f"preflight: error: {exc}", file=sys.stderr)
        return 2
    for finding in results.findings:
        print(finding.line())
    for line in guard_lines:
        print(line)
    if results.findings:
        print(f"preflight: {len(results.findings)} limit(s) exceeded in {arguments.assembly}", file=sys.stderr)
    if refused:
        print(
            f"preflight: {refused} replacement(s) or deletion(s) of stateful resources refused against "
            f"{arguments.baseline}",
            file=sys.stderr,
        )
    if results.findings or refused:
        return 1
    print(results.summary(arguments.assembly))
    return 0


if __name__ == "__main__":
    sys.exit(main())
