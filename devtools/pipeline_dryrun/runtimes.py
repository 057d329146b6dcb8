"""`phases.install.runtime-versions` mapped to the binaries this machine has.

CodeBuild installs/selects exactly the named runtime on its standard images:
https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html#build-spec.phases.install.runtime-versions
and https://docs.aws.amazon.com/codebuild/latest/userguide/available-runtimes.html
(`3.12`, a major with `.x`, or `latest`; a value may be an environment variable). Locally the exact runtime
is used where it exists (python: a directory put first on PATH with `python3`/`python` pointing to it);
where it does not, one warning line says what is used instead.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Installation:
    version: tuple[int, ...]
    executable: Path

    @property
    def version_text(self) -> str:
        return ".".join(map(str, self.version))


@dataclass(frozen=True)
class RuntimeSetup:
    path_prefix: tuple[str, ...] = ()  # directories to put first on PATH
    warnings: tuple[str, ...] = ()
    chosen: Mapping[str, str] = field(default_factory=dict)  # runtime -> "version (path)"


def _version_of(executable: Path, args: list[str]) -> tuple[int, ...] | None:
    try:
        out = subprocess.run([str(executable), *args], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"(\d+)\.(\d+)\.(\d+)", out)
    return tuple(int(g) for g in match.groups()) if match else None


def _path_dirs(env: Mapping[str, str]) -> list[Path]:
    # pyenv/asdf shims pick a version from files and env we do not control: look past them.
    return [Path(p) for p in env.get("PATH", "").split(os.pathsep) if p and "shims" not in Path(p).parts]


@functools.cache
def _python_installations(path: str, pyenv_root: str) -> tuple[Installation, ...]:
    candidates: list[Path] = []
    for directory in _path_dirs({"PATH": path}):
        candidates += sorted(directory.glob("python3*"))
    versions_dir = Path(pyenv_root) / "versions"
    if versions_dir.is_dir():
        candidates += sorted(versions_dir.glob("*/bin/python3"))
    found: dict[Path, Installation] = {}
    for candidate in candidates:
        if not re.fullmatch(r"python3(\.\d+)?", candidate.name) or not os.access(candidate, os.X_OK):
            continue
        real = candidate.resolve()
        if real in found:
            continue
        version = _version_of(real, ["-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"])
        if version:
            found[real] = Installation(version, real)
    return tuple(found.values())


@functools.cache
def _node_installations(path: str, home: str) -> tuple[Installation, ...]:
    candidates = [d / "node" for d in _path_dirs({"PATH": path})]
    candidates += sorted(Path(home).glob(".nvm/versions/node/*/bin/node"))
    found: dict[Path, Installation] = {}
    for candidate in candidates:
        if not candidate.is_file() or not os.access(candidate, os.X_OK):
            continue
        real = candidate.resolve()
        if real not in found and (version := _version_of(real, ["--version"])):
            found[real] = Installation(version, candidate)  # keep the bin dir: npm/npx live next to it
    return tuple(found.values())


def select(spec: str, installations: tuple[Installation, ...]) -> Installation | None:
    """The installation a runtime-versions value asks for: `3.12` (that minor), `3` / `3.x` / `20.x` (newest
    of that major), `latest` (newest), `3.12.1` (exactly)."""
    spec = spec.strip().lower()
    ordered = sorted(installations, key=lambda i: i.version, reverse=True)
    if spec == "latest":
        return ordered[0] if ordered else None
    parts = [p for p in spec.split(".") if p not in ("x", "")]
    if not parts or not all(p.isdigit() for p in parts):
        return None
    wanted = tuple(int(p) for p in parts)
    return next((i for i in ordered if i.version[: len(wanted)] == wanted), None)


def _expand(spec: str, env: Mapping[str, str]) -> str:
    """A runtime version may be given as an environment variable (`ruby: "$MY_RUBY_VAR"`)."""
    match = re.fullmatch(r"\$\{?(\w+)\}?", spec.strip())
    return env.get(match.group(1), "") if match else spec


def prepare_runtimes(versions: Mapping[str, str], bin_dir: Path, env: Mapping[str, str]) -> RuntimeSetup:
    """Choose the runtimes; `bin_dir` (created) gets the python links. `env` is the step's environment
    (PATH without the repository's venv)."""
    path, warnings, prefix, chosen = env.get("PATH", ""), [], [], {}
    for runtime, raw_spec in versions.items():
        spec = _expand(str(raw_spec), env)
        if runtime == "python":
            installs = _python_installations(
                path, env.get("PYENV_ROOT") or str(Path(env.get("HOME", "~")).expanduser() / ".pyenv")
            )
            match = select(spec, installs)
            if match is None:
                warnings.append(_warning("python", "Python", spec, _first_on_path("python3", path)))
                continue
            bin_dir.mkdir(parents=True, exist_ok=True)
            major_minor = f"python{match.version[0]}.{match.version[1]}"
            for name in ("python3", "python", major_minor):
                link = bin_dir / name
                link.unlink(missing_ok=True)
                link.symlink_to(match.executable)
            for name in ("pip", "pip3"):  # the image's python runtime has pip next to python
                script = bin_dir / name
                script.write_text(f'#!/bin/sh\nexec "{match.executable}" -m pip "$@"\n')
                script.chmod(0o755)
            prefix.append(str(bin_dir))
            chosen["python"] = f"{match.version_text} ({match.executable})"
        elif runtime == "nodejs":
            installs = _node_installations(path, env.get("HOME", str(Path.home())))
            match = select(spec, installs)
            if match is None:
                warnings.append(_warning("nodejs", "Node", spec, installs[0] if installs else None))
                continue
            if installs and match != installs[0]:  # not the one PATH finds first: put its directory first
                prefix.append(str(match.executable.parent))
            chosen["nodejs"] = f"{match.version_text} ({match.executable})"
        else:
            warnings.append(
                f"warning: runtime-versions {runtime} {spec!r}: not mapped by the dry run; using what this machine has"
            )
    return RuntimeSetup(tuple(prefix), tuple(warnings), chosen)


def _first_on_path(name: str, path: str) -> Installation | None:
    """What a command named `name` runs when no runtime is selected (shims included: that is what runs)."""
    found = shutil.which(name, path=path)
    version = _version_of(Path(found), ["--version"]) if found else None
    return Installation(version, Path(found)) if found and version else None


def _warning(runtime: str, label: str, spec: str, fallback: Installation | None) -> str:
    instead = (
        f"using {label} {fallback.version_text} ({fallback.executable})" if fallback else f"no {label} found at all"
    )
    return f"warning: runtime-versions {runtime} {spec!r}: no {label} {spec} on this machine; {instead}"
