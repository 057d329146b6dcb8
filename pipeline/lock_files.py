"""Reading the Python locks (requirements-*.lock, written by `make lock`, devtools/lock.py) and checking each
against its top-level pins: what pipeline/install_deps.py does before it installs a lock, on a developer machine and
in every pipeline step. Stdlib only: it runs before the venv exists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

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
