"""`make synth`: `npx cdk synth` as the README tells users to run it, and refused when it prints a deprecation.

    python3 -m devtools.cdk_synth [--assembly cdk.out] [-- command...]   (default: npx --no-install cdk synth --quiet)

- No virtualenv on PATH: `app.py` must switch to `.venv`'s Python by itself, as it does for a user who never
  activated one (the Makefile puts `.venv/bin` first, so it is taken out here).
- jsii prints `...#principal is deprecated` and the like on stderr without failing the synth; a CDK upgrade or a
  new construct could bring one in unnoticed, so any output line saying "deprecated" fails the step.
- CDK's built-in CloudFormation validation always runs (a CDK_VALIDATION=false left in the shell is dropped).
- On failure the assembly's manifest is removed: make rebuilds `cdk.out/manifest.json` only when it is missing or
  older than its inputs, and a refused synth must not count as done.

This is the whole check (the unit suite does not run the CLI a second time): `make test` synthesizes through it,
and so does every `make synth`, `make preflight` and `make pipeline-dryrun` with changed inputs.
Stdlib only.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from pipeline.project_root import PROJECT_ROOT

DEFAULT_COMMAND = ("npx", "--no-install", "cdk", "synth", "--quiet")
VENV_BIN = PROJECT_ROOT / ".venv" / "bin"


def without_venv(environ: Mapping[str, str], venv_bin: Path = VENV_BIN) -> dict[str, str]:
    """`environ` as a shell where no virtualenv was ever activated."""
    path = os.pathsep.join(p for p in environ.get("PATH", "").split(os.pathsep) if p and Path(p) != venv_bin)
    # CDK_VALIDATION=false (the sandbox's and the unit suite's shortcut) would skip CDK's built-in CloudFormation
    # validation: the real synth always runs it.
    dropped = ("VIRTUAL_ENV", "PYTHONPATH", "CDK_VALIDATION")
    return {k: v for k, v in environ.items() if k not in dropped} | {"PATH": path}


def deprecations(lines: Sequence[str]) -> list[str]:
    return [line.rstrip("\n") for line in lines if "deprecated" in line.lower()]


def synth(command: Sequence[str], assembly: Path, environ: Mapping[str, str] = os.environ) -> int:
    """Run `command`, passing its output through; its status, or 1 when it printed a deprecation."""
    process = subprocess.Popen(
        list(command), env=without_venv(environ), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert process.stdout is not None
    lines: list[str] = []
    for line in process.stdout:
        sys.stdout.write(line)
        lines.append(line)
    status = process.wait()
    found = deprecations(lines)
    if status == 0 and found:
        print(
            f"error: the synth printed {len(found)} deprecation warning(s); replace the deprecated API "
            f"(first: {found[0].strip()})",
            file=sys.stderr,
        )
        status = 1
    if status != 0:
        (assembly / "manifest.json").unlink(missing_ok=True)
    return status


def main(argv: list[str]) -> int:
    assembly = Path("cdk.out")
    if argv[:1] == ["--assembly"] and len(argv) >= 2:
        assembly, argv = Path(argv[1]), argv[2:]
    command = argv[1:] if argv[:1] == ["--"] else list(DEFAULT_COMMAND)
    if argv and argv[:1] != ["--"]:
        print(f"usage: {__doc__.strip().splitlines()[2].strip()}", file=sys.stderr)
        return 2
    return synth(command, assembly)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
