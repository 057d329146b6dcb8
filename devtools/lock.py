"""The Python locks: every package (transitive ones too) at one version with its hashes, from the top-level pins.

    python3 -m devtools.lock              # make lock: each lock again from its pins, keeping locked versions that fit
    python3 -m devtools.lock --upgrade    # make lock UPGRADE=1: the newest releases the pins allow
    python3 -m devtools.lock --outdated   # make outdated: what has newer releases (PyPI and npm); changes nothing

A top-level file (requirements-dev.txt, ...) says what the project asks for; its lock (requirements-dev.lock) is
what pipeline/install_deps.py installs, with `--require-hashes`, on a developer machine and in every pipeline step.
One lock serves Python 3.11 (developer machines, the floor) and 3.12 (CodeBuild, pipeline/build_environment.py):
`uv pip compile --universal` resolves for every Python from the floor up, with environment markers where they
differ, and `--generate-hashes` records the hash of every file of each version, so a 3.12 wheel is covered too
(https://docs.astral.sh/uv/pip/compile/#universal-resolution).

The locks are compiled against the primary index (pip's index-url, or uv's default) only: pip's extra sources on
a machine (find-links, extra indexes) may hold a single wheel of a release, and its hash alone would fail a
CodeBuild install of another wheel of the same release. Installs still read those sources: the file found there
must carry one of the locked hashes. The integration and pre-deploy locks are constrained by the dev lock, so every
step installs the versions the developers tested. Reading a lock and checking it against its pins, which the installer
does before anything is installed, is pipeline/lock_files.py. Stdlib only: make runs this before the venv exists.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from pipeline.lock_files import REFRESH, disagreements
from pipeline.project_root import PROJECT_ROOT

ROOT = PROJECT_ROOT
PYTHON_FLOOR = "3.11"  # the oldest Python the locks must install on (pyproject.toml [tool.mypy] python_version)
# Top-level pins and their locks; the dev lock first: the others are compiled under it.
LOCKS = {
    "requirements-dev.txt": "requirements-dev.lock",
    "requirements-integration.txt": "requirements-integration.lock",
    "requirements-predeploy.txt": "requirements-predeploy.lock",
}


def compile_commands(uv: Path, index_args: tuple[str, ...], *, upgrade: bool) -> list[list[str]]:
    """One `uv pip compile` per lock (run in the repository root, so the locks name the files relatively)."""
    # Only the primary index: see the module docstring. --default-index is pip's index-url in uv's words.
    kept = tuple(arg for arg in index_args if arg.startswith(("--default-index=", "--no-index", "--allow-insecure")))
    base = [str(uv), "pip", "compile", "--quiet", "--universal", f"--python-version={PYTHON_FLOOR}"]
    base += ["--generate-hashes", f"--custom-compile-command={REFRESH}", *kept, *(["--upgrade"] if upgrade else [])]
    dev_lock = LOCKS["requirements-dev.txt"]
    commands = []
    for top, lock in LOCKS.items():
        under_dev = [] if lock == dev_lock else [f"--constraints={dev_lock}"]
        commands.append([*base, *under_dev, top, f"--output-file={lock}"])
    return commands


def _uv_and_settings() -> tuple[Path, tuple[str, ...], dict[str, str]]:
    from pipeline.install_deps import bootstrap_uv, tools_root, uv_environment
    from pipeline.pip_settings import uv_settings_from_pip

    settings = uv_settings_from_pip(sys.executable)
    uv = bootstrap_uv(sys.executable, tools_root())
    if uv is None:
        raise SystemExit("devtools.lock: uv is needed to compile the locks (see the message above)")
    return uv, settings.index_args, uv_environment(settings)


def refresh(*, upgrade: bool) -> int:
    uv, index_args, env = _uv_and_settings()
    for command in compile_commands(uv, index_args, upgrade=upgrade):
        print(f"devtools.lock: {command[-1].split('=', 1)[1]} from {command[-2]}", file=sys.stderr, flush=True)
        if subprocess.run(command, cwd=ROOT, env=env).returncode != 0:
            return 1
    problems = [p for top, lock in LOCKS.items() for p in disagreements(ROOT / top, ROOT / lock)]
    for problem in problems:
        print(f"devtools.lock: {problem}", file=sys.stderr)
    return 1 if problems else 0


def outdated(venv: Path) -> int:
    """Newer releases of what the venv holds (top-level pins and transitive ones), then of the npm pins. `npm
    outdated` exits 1 when it lists anything: a listing is this command's purpose, not a failure."""
    uv, index_args, env = _uv_and_settings()
    print("Python (the venv, from requirements-dev.lock):", flush=True)
    listed = subprocess.run(
        [str(uv), "pip", "list", "--outdated", "--python", str(venv / "bin" / "python"), *index_args], cwd=ROOT, env=env
    )
    failed = listed.returncode != 0
    for prefix in (".", "devtools/codegen"):
        print(f"\nnpm ({prefix}/package.json):", flush=True)
        npm = subprocess.run(["npm", "outdated", "--prefix", prefix], cwd=ROOT)
        failed |= npm.returncode not in (0, 1)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m devtools.lock", description=__doc__.split("\n\n")[0])
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--upgrade", action="store_true", help="the newest releases the top-level pins allow")
    action.add_argument("--outdated", action="store_true", help="list newer releases; change nothing")
    parser.add_argument("--venv", type=Path, default=ROOT / ".venv", help="for --outdated (default: .venv)")
    args = parser.parse_args(argv)
    return outdated(args.venv) if args.outdated else refresh(upgrade=args.upgrade)


if __name__ == "__main__":
    sys.exit(main())
