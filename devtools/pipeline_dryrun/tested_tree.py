"""Which tree `make test-unit` last passed on, so the dry run's synth step does not run the unit suite again.

`make test-unit` takes the digest of the tree before pytest starts (the files a source zip of the working tree
would hold, workspace.source_files, with their bytes and executable bits) and records it in
.cache/unit-tests-passed.json once pytest passes. When the dry run copies that same tree into its synth step's
source, it sets UNIT_TESTS_PASSED in the step's environment to a sentence saying when and with which Python the
suite passed, and `make test-unit` prints that sentence instead of running the suite (Makefile). Everything else
the synth step does still runs: the lock-file installs into a fresh copy, `cdk synth` there on the pipeline's
Python, the assembly compared with the reference. CodePipeline never sets the variable, so the real synth step
runs the unit suite before every deployment.

    python -m devtools.pipeline_dryrun.tested_tree digest          # prints the digest ("" outside a git work tree)
    python -m devtools.pipeline_dryrun.tested_tree record DIGEST   # after pytest passed; "" records nothing
"""

from __future__ import annotations

import datetime
import hashlib
import json
import platform
import sys
from pathlib import Path

from .workspace import WorkspaceError, source_files

RECORD = Path(".cache") / "unit-tests-passed.json"
VARIABLE = "UNIT_TESTS_PASSED"


def tree_digest(repo: Path) -> str:
    """sha256 over every source file's path, executable bit and bytes, in git's order."""
    digest = hashlib.sha256()
    for relative in source_files(repo):
        path = repo / relative
        if path.is_symlink():
            content = f"symlink:{path.readlink()}".encode()
        elif path.is_file():
            content = path.read_bytes()
        else:  # listed but deleted: a source zip of the working tree would not hold it
            continue
        executable = path.stat().st_mode & 0o111 != 0 if not path.is_symlink() else False
        digest.update(f"{relative}\0{int(executable)}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()


def record(repo: Path, digest: str, *, now: datetime.datetime | None = None) -> None:
    if not digest:
        return
    moment = (now or datetime.datetime.now(datetime.UTC)).strftime("%Y-%m-%d %H:%M UTC")
    target = repo / RECORD
    target.parent.mkdir(parents=True, exist_ok=True)
    entry = {"tree": digest, "python": platform.python_version(), "passed_at": moment}
    staging = target.with_suffix(".tmp")
    staging.write_text(json.dumps(entry), encoding="utf-8")
    staging.replace(target)


def passed_on(repo: Path) -> str | None:
    """The sentence for UNIT_TESTS_PASSED when the recorded pass is for the tree as it is now, else None."""
    try:
        entry = json.loads((repo / RECORD).read_text(encoding="utf-8"))
        recorded = str(entry["tree"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    try:
        if recorded != tree_digest(repo):
            return None
    except WorkspaceError:
        return None
    return (
        f"make test-unit passed on this tree (sha256 {recorded[:12]}) at {entry.get('passed_at', '?')} "
        f"with Python {entry.get('python', '?')}: not run again in the dry run "
        "(the pipeline's own synth step runs it before every deployment)"
    )


def main(argv: list[str]) -> int:
    repo = Path.cwd()
    if argv[:1] == ["digest"] and len(argv) == 1:
        try:
            print(tree_digest(repo))
        except WorkspaceError:
            print("")  # not a git work tree (the pipeline's source zip): nothing to record
        return 0
    if argv[:1] == ["record"] and len(argv) == 2:
        record(repo, argv[1])
        return 0
    print(__doc__.strip().splitlines()[-2].strip(), file=sys.stderr)
    print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
