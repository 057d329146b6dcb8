"""What a synth read: every project file the `python app.py` process opened or imported, so a cached assembly
counts as current exactly while those files keep their bytes, with no hand-kept list of inputs to forget one of.

app.py calls `record_reads()` first thing; it does nothing unless SYNTH_INPUTS_RECORD names a file. Then a
`sys.addaudithook` hook notes every file opened for reading (the `open` audit event) and every directory listed
(`os.scandir`, `os.listdir`: a glob's new file changes the synth too; https://docs.python.org/3/library/audit_events.html),
and at exit the project modules in sys.modules are added (an import may read cached bytecode, not the source). The
project-relative paths, sorted, directories ending in `/`, go to that file as JSON.
Only files of the project count: not the venv, node_modules, caches or the assembly being written.

Files only CDK's node process reads are not seen: today that is `Definition.from_file(schema.graphql)`
(backend/infra/api.py), which the Python side reads too (backend/infra/schema_fields.py), and cdk.json, which
app.py reads itself. The Lambda code asset (backend/runtime) is read here, by its hash and local bundling
(backend/infra/lambda_asset.py), so it is recorded like any input; the sandbox leaves it out of its own cache key
(sandbox/provisioning/template.py says why). `python -m pipeline.synth_inputs makefile RECORD TARGET` turns a record
into the make rule of `make synth` (Makefile).
"""

from __future__ import annotations

import atexit
import json
import os
import sys
from pathlib import Path

from pipeline.project_root import PROJECT_ROOT

ENV = "SYNTH_INPUTS_RECORD"
ROOT = PROJECT_ROOT
_NOT_INPUTS = frozenset({".venv", "node_modules", ".git", ".cache", ".sandbox", "cdk.out", "__pycache__", "tests"})
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def project_file(path: str | bytes | os.PathLike[str] | os.PathLike[bytes], root: Path = ROOT) -> str | None:
    """`path` relative to the project when it is a project file (or directory, then ending in `/`) that can be a
    synth input, else None."""
    try:
        absolute = Path(os.path.abspath(os.fsdecode(path)))
    except (TypeError, ValueError):
        return None
    if not absolute.is_relative_to(root):
        return None
    relative = absolute.relative_to(root)
    if _NOT_INPUTS.intersection(relative.parts) or relative.suffix in {".pyc", ".pyo"}:
        return None
    if absolute.is_dir():
        return relative.as_posix() + "/"
    return relative.as_posix() if absolute.is_file() else None


def listing(directory: Path) -> list[str]:
    """What a directory input is: the names in it (bytecode caches left out: they come and go with imports)."""
    return sorted(name for name in os.listdir(directory) if name not in _NOT_INPUTS and not name.endswith(".pyc"))


def _opened_for_reading(mode: object, flags: object) -> bool:
    if isinstance(mode, str):
        return not set(mode) & set("wax+")
    return isinstance(flags, int) and not flags & _WRITE_FLAGS


def _listed_by_the_import_system() -> bool:
    """Python's path finder lists every directory it imports from (to cache its entries), importlib.metadata every
    entry of sys.path (to find installed distributions): those listings are no inputs (the modules found are
    recorded, and a new module only counts once a recorded file imports it)."""
    caller = sys._getframe(2)  # 0: this function, 1: the hook, 2: whoever listed
    return "importlib" in caller.f_code.co_filename  # `<frozen importlib._bootstrap_external>`, importlib/metadata


def record_reads(root: Path = ROOT) -> None:
    """Start recording when SYNTH_INPUTS_RECORD is set; the record is written when the process exits."""
    target = os.environ.get(ENV)
    if not target:
        return
    main = getattr(sys.modules.get("__main__"), "__file__", None)  # app.py itself, read before the hook
    opened: set[str] = {os.path.abspath(main)} if isinstance(main, str) else set()

    def hook(event: str, args: tuple[object, ...]) -> None:
        path = args[0] if args else None
        if not isinstance(path, str | bytes | os.PathLike):  # a file descriptor or None (the current directory)
            return
        if event in ("os.scandir", "os.listdir") and _listed_by_the_import_system():
            return
        if event in ("os.scandir", "os.listdir") or (
            event == "open" and len(args) == 3 and _opened_for_reading(args[1], args[2])
        ):
            opened.add(os.path.abspath(os.fsdecode(path)))  # checked at exit: the hook must stay cheap

    def write() -> None:
        modules = [getattr(module, "__file__", None) for module in list(sys.modules.values())]
        candidates = opened | {path for path in modules if isinstance(path, str)}
        inputs = sorted({name for path in candidates if (name := project_file(path, root)) is not None})
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        Path(target).write_text(json.dumps(inputs, indent=0) + "\n", encoding="utf-8")

    sys.addaudithook(hook)
    atexit.register(write)


def read_record(path: Path) -> list[str]:
    """The inputs a synth recorded (project-relative paths); [] when there is no readable record."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [item for item in data if isinstance(item, str)] if isinstance(data, list) else []


def makefile_rule(target: str, inputs: list[str]) -> str:
    """A make rule: `target` depends on every input, and each input gets an empty rule of its own, so a deleted
    input makes the target stale instead of failing make (as `gcc -MP` does)."""
    names = [name.rstrip("/") or "." for name in inputs]  # a directory: its mtime changes with its entries
    lines = [f"{target}: " + " ".join(names), ""]
    lines += [f"{name}:" for name in names if name != "."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """`python -m pipeline.synth_inputs makefile RECORD TARGET`: the record as a make rule, on stdout."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 3 or args[0] != "makefile":
        print("usage: python -m pipeline.synth_inputs makefile RECORD TARGET", file=sys.stderr)
        return 2
    sys.stdout.write(makefile_rule(args[2], read_record(Path(args[1]))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
