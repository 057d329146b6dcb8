"""The Python locks: every package (transitive ones too) at one version with its hashes, from the top-level pins.

    python3 -m tools.lock              # make lock: each lock again from its pins, keeping locked versions that fit
    python3 -m tools.lock --upgrade    # make lock UPGRADE=1: the newest releases the pins allow
    python3 -m tools.lock --outdated   # make outdated: what has newer releases (PyPI and npm); changes nothing

A top-level file (requirements-dev.txt, ...) says what the project asks for; its lock (requirements-dev.lock) is
what tools/install_deps.py installs, with `--require-hashes`, on a developer machine and in every pipeline step.
One lock serves Python 3.11 (developer machines, the floor) and 3.12 (CodeBuild, pipeline/build_environment.py):
`uv pip compile --universal` resolves for every Python from the floor up, with environment markers where they
differ, and `--generate-hashes` records the hash of every file of each version, so a 3.12 wheel is covered too
(https://docs.astral.sh/uv/pip/compile/#universal-resolution).

The locks are compiled against the primary index (pip's index-url, or uv's default) only: pip's extra sources on
a machine (find-links, extra indexes) may hold a single wheel of a release, and its hash alone would fail a
CodeBuild install of another wheel of the same release. Installs still read those sources: the file found there
must carry one of the locked hashes. The integration and pre-deploy locks are constrained by the dev lock, so every
step installs the versions the developers tested. Stdlib only: install_deps checks a lock before the venv exists.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from tools.project_root import PROJECT_ROOT

ROOT = PROJECT_ROOT
PYTHON_FLOOR = "3.11"  # the oldest Python the locks must install on (pyproject.toml [tool.mypy] python_version)
# Top-level pins and their locks; the dev lock first: the others are compiled under it.
LOCKS = {
    "requirements-dev.txt": "requirements-dev.lock",
    "requirements-integration.txt": "requirements-integration.lock",
    "requirements-predeploy.txt": "requirements-predeploy.lock",
}
REFRESH = "make lock"
_NAME = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(.*)$")
_VIA_FILE = re.compile(r"#\s+(?:via\s+)?-r\s+(\S+)")


def normalize(name: str) -> str:
    """PEP 503's form of a project name, as uv writes it in a lock."""
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass(frozen=True)
class Pin:
    name: str  # normalized
    spec: str  # "==1.2.3", ">=10.8,<11", or "" when unversioned
    file: str


def top_level_pins(path: Path) -> list[Pin]:
    """The requirements of a top-level file and of the files it includes with `-r`, in order."""
    pins: list[Pin] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith("-r"):
            pins += top_level_pins(path.parent / line[2:].strip())
        elif line:
            match = _NAME.match(line.split(";", 1)[0].strip())
            if match is None:
                raise ValueError(f"{path.name}: cannot read the requirement {line!r}")
            pins.append(Pin(normalize(match[1]), match[3].replace(" ", ""), path.name))
    return pins


@dataclass(frozen=True)
class Locked:
    name: str  # normalized
    version: str
    marker: str  # "" for every Python; a universal lock forks a package whose releases differ by Python version
    hashes: tuple[str, ...] = ()
    via_files: tuple[str, ...] = ()  # the top-level files that ask for it (`# via -r FILE`)


def read_lock(path: Path) -> list[Locked]:
    """What the lock installs, entry by entry, from uv's requirements format (an entry, its `--hash` lines, then
    its `# via` annotation)."""
    entries: list[Locked] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if line and not line[0].isspace() and not line.startswith("#"):
            requirement, _, marker = stripped.rstrip("\\").strip().partition(";")
            match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==(\S+)", requirement.strip())
            if match is None:
                raise ValueError(f"{path.name}: {requirement.strip()!r} is not `name==version`")
            entries.append(Locked(normalize(match[1]), match[2], marker.strip()))
        elif entries and stripped.startswith("--hash="):
            entry = entries[-1]
            entries[-1] = replace(entry, hashes=(*entry.hashes, stripped.rstrip("\\").strip()))
        elif entries and (via := _VIA_FILE.search(line)):
            entries[-1] = replace(entries[-1], via_files=(*entries[-1].via_files, Path(via[1]).name))
    return entries


def _satisfies(version: str, spec: str) -> bool:
    """`version` against `==X` exactly, and against `>=A,<B` by release numbers (the forms our pins use)."""

    def release(text: str) -> tuple[int, ...]:
        return tuple(int(part) for part in re.findall(r"\d+", text.split("+")[0])[:4])

    for clause in filter(None, spec.split(",")):
        operator, bound = re.match(r"(==|>=|<=|!=|~=|>|<)?(.*)", clause).groups()  # type: ignore[union-attr]
        have, want = release(version), release(bound)
        ok = {
            "==": version == bound,
            ">=": have >= want,
            "<=": have <= want,
            ">": have > want,
            "<": have < want,
            "!=": version != bound,
            "~=": have >= want and have[: len(want) - 1] == want[:-1],
        }.get(operator or "==", False)
        if not ok:
            return False
    return True


def disagreements(top: Path, lock: Path) -> list[str]:
    """One line per way the lock no longer matches its top-level pins (empty when it does): a pin changed, added or
    removed since `make lock`, or an entry without a hash."""
    if not lock.is_file():
        return [f"{lock.name}: missing; `{REFRESH}` writes it from {top.name}"]
    locked = read_lock(lock)
    problems: list[str] = []
    pins = top_level_pins(top)
    for pin in pins:
        forks = [entry for entry in locked if entry.name == pin.name]
        if not forks:
            problems.append(f"{lock.name}: {pin.name} is pinned in {pin.file} but not locked; run `{REFRESH}`")
        for entry in forks:
            if not _satisfies(entry.version, pin.spec):
                problems.append(
                    f"{lock.name}: {pin.name} is locked at {entry.version}, {pin.file} pins {pin.spec}; run `{REFRESH}`"
                )
    pinned = {(pin.name, pin.file) for pin in pins}
    for entry in locked:
        if not entry.hashes:
            problems.append(f"{lock.name}: {entry.name}=={entry.version} has no --hash; run `{REFRESH}`")
        for file in entry.via_files:
            if (entry.name, file) not in pinned:
                problems.append(f"{lock.name}: {entry.name} is no longer pinned in {file}; run `{REFRESH}`")
    return problems


def top_level_of(lock: Path) -> Path:
    """The top-level file a lock is compiled from (requirements-dev.lock <- requirements-dev.txt)."""
    return lock.with_suffix(".txt")


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
    from .install_deps import bootstrap_uv, tools_root, uv_environment
    from .pip_settings import uv_settings_from_pip

    settings = uv_settings_from_pip(sys.executable)
    uv = bootstrap_uv(sys.executable, tools_root())
    if uv is None:
        raise SystemExit("tools.lock: uv is needed to compile the locks (see the message above)")
    return uv, settings.index_args, uv_environment(settings)


def refresh(*, upgrade: bool) -> int:
    uv, index_args, env = _uv_and_settings()
    for command in compile_commands(uv, index_args, upgrade=upgrade):
        print(f"tools.lock: {command[-1].split('=', 1)[1]} from {command[-2]}", file=sys.stderr, flush=True)
        if subprocess.run(command, cwd=ROOT, env=env).returncode != 0:
            return 1
    problems = [p for top, lock in LOCKS.items() for p in disagreements(ROOT / top, ROOT / lock)]
    for problem in problems:
        print(f"tools.lock: {problem}", file=sys.stderr)
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
    for prefix in (".", "tools/codegen"):
        print(f"\nnpm ({prefix}/package.json):", flush=True)
        npm = subprocess.run(["npm", "outdated", "--prefix", prefix], cwd=ROOT)
        failed |= npm.returncode not in (0, 1)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m tools.lock", description=__doc__.split("\n\n")[0])
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--upgrade", action="store_true", help="the newest releases the top-level pins allow")
    action.add_argument("--outdated", action="store_true", help="list newer releases; change nothing")
    parser.add_argument("--venv", type=Path, default=ROOT / ".venv", help="for --outdated (default: .venv)")
    args = parser.parse_args(argv)
    return outdated(args.venv) if args.outdated else refresh(upgrade=args.upgrade)


if __name__ == "__main__":
    sys.exit(main())
