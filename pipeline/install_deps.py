"""Install a lock (requirements-*.lock, written by `make lock`: devtools/lock.py) into a venv with
uv, or with pip when uv cannot be had.

    python3 -m pipeline.install_deps --venv .venv -r requirements-dev.lock

Hash-checking mode, always: every package, transitive ones included, must be the locked version and match one
of its locked hashes, or nothing is installed (`--require-hashes`: pip
https://pip.pypa.io/en/stable/topics/secure-installs/#hash-checking-mode, uv
https://docs.astral.sh/uv/reference/cli/#uv-pip-install--require-hashes). A lock that no longer matches its
top-level pins (requirements-dev.txt for requirements-dev.lock) is refused before anything is installed: run
`make lock`. The same package sources as `pip install -r`: pip's own index settings (pip.conf, PIP_*)
are read from pip and handed to uv (pipeline/pip_settings.py). uv resolves, downloads and installs in parallel
and links files from its cache; pip does each package in turn (bench: `make bench`, section "setup").

uv itself comes from the package index through pip (`pip install --target`, a wheel only) into a per-user
directory shared by every clone (XDG_CACHE_HOME, default ~/.cache), so only a machine's first install pays
for it. Stdlib only: this runs before the venv has any packages. INSTALL_DEPS_WITH=pip skips uv.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from .lock_files import disagreements, top_level_of
from .pip_settings import UvSettings, uv_settings_from_pip

UV_VERSION = "0.13.8"  # the uv release used to install; bumping it re-bootstraps once per machine


def tools_root(environ: Mapping[str, str] = os.environ) -> Path:
    base = environ.get("XDG_CACHE_HOME") or str(Path(environ.get("HOME") or Path.home()) / ".cache")
    return Path(base) / "install-deps"


def uv_binary(root: Path, version: str = UV_VERSION) -> Path:
    return root / f"uv-{version}" / "bin" / "uv"


def _say(message: str) -> None:
    print(f"install_deps: {message}", file=sys.stderr, flush=True)


def _runs(uv: Path, version: str) -> bool:
    try:
        out = subprocess.run([str(uv), "--version"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return out.split()[1:2] == [version]


def bootstrap_uv(python: str, root: Path, version: str = UV_VERSION) -> Path | None:
    """uv from the package index via pip (pip's own settings apply), installed once per machine and version.
    None, with the reason printed, when it cannot be had (no pip, no wheel for this platform, no index)."""
    uv = uv_binary(root, version)
    if _runs(uv, version):
        return uv
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".uv-{version}-", dir=root))  # renamed into place: clones may race
    command = [python, "-m", "pip", "install", "--quiet", "--only-binary=:all:", "--target", str(staging)]
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_ROOT_USER_ACTION": "ignore"}
    try:
        done = subprocess.run([*command, f"uv=={version}"], capture_output=True, text=True, env=env, timeout=600)
    except (OSError, subprocess.SubprocessError) as exc:
        done = subprocess.CompletedProcess(command, 1, "", str(exc))
    if done.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        errors = [line for line in done.stderr.splitlines() if "ERROR" in line or "rror:" in line]
        _say(f"uv {version} could not be installed with pip ({(errors or ['exit ' + str(done.returncode)])[-1]})")
        return None
    try:
        staging.rename(uv.parents[1])
    except OSError:  # another clone finished first: use its copy
        shutil.rmtree(staging, ignore_errors=True)
    return uv if _runs(uv, version) else None


def uv_commands(
    uv: Path, venv: Path, requirements: Sequence[str], settings: UvSettings, python: str
) -> list[list[str]]:
    """The venv (only when missing; `--seed`: with pip, as `python -m venv` makes it) then the install."""
    commands = []
    if not (venv / "bin" / "python").exists():
        commands.append([str(uv), "venv", "--quiet", "--seed", "--python", python, *settings.index_args, str(venv)])
    # --quiet as pip was run: errors and warnings only, no line per package (the summary line says how long)
    install = [str(uv), "pip", "install", "--quiet", "--require-hashes", "--python", str(venv / "bin" / "python")]
    # Not pip's constraint files (pip.conf `constraint`): the lock fixes every version, and uv's hash-checking mode
    # refuses a constraint without `==` and hashes.
    install += settings.index_args
    install += [arg for path in requirements for arg in ("-r", path)]
    commands.append(install)
    return commands


def pip_commands(venv: Path, requirements: Sequence[str], python: str) -> list[list[str]]:
    commands = [] if (venv / "bin" / "python").exists() else [[python, "-m", "venv", str(venv)]]
    install = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    install += ["--require-hashes"]  # as uv: every package locked and hashed
    commands.append(install + [arg for path in requirements for arg in ("-r", path)])
    return commands


def uv_environment(settings: UvSettings, environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """pip's settings under the caller's variables (what the caller set wins); never a Python download: uv
    installs into the interpreter the venv already has."""
    return {**settings.env, **environ, "UV_PYTHON_DOWNLOADS": "never", "UV_NO_PROGRESS": "1"}


def _run_all(commands: list[list[str]], env: Mapping[str, str] | None = None) -> bool:
    for command in commands:
        if subprocess.run(command, env=env).returncode != 0:
            return False
    return True


def lock_problems(requirements: Sequence[str]) -> list[str]:
    """Why these files cannot be installed as locks: not a lock, or a lock behind its top-level pins."""
    problems = []
    for name in requirements:
        lock = Path(name)
        if lock.suffix != ".lock":
            problems.append(f"{name}: not a lock with hashes; install its lock (`make lock` writes it)")
        elif top_level_of(lock).is_file():
            problems += disagreements(top_level_of(lock), lock)
    return problems


def install(venv: Path, requirements: Sequence[str], *, python: str = sys.executable) -> int:
    started = time.monotonic()
    problems = lock_problems(requirements)
    if problems:
        for problem in problems:
            _say(problem)
        return 1
    names = " ".join(requirements)
    if os.environ.get("INSTALL_DEPS_WITH", "uv") != "pip":
        settings = uv_settings_from_pip(python)
        for note in settings.notes:
            _say(note)
        uv = bootstrap_uv(python, tools_root())
        if uv is not None:
            if _run_all(uv_commands(uv, venv, requirements, settings, python), uv_environment(settings)):
                took = time.monotonic() - started
                _say(f"{names} into {venv} with uv {UV_VERSION} in {took:.1f} s (pip's sources: {settings.summary})")
                return 0
            _say("uv failed (output above); trying pip, which is slower")
        else:
            _say("installing with pip instead (slower); INSTALL_DEPS_WITH=pip skips this attempt")
    if not _run_all(pip_commands(venv, requirements, python)):
        return 1
    _say(f"{names} into {venv} with pip in {time.monotonic() - started:.1f} s")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m pipeline.install_deps", description=__doc__.split("\n\n")[0])
    parser.add_argument("--venv", type=Path, default=Path(".venv"), help="created when missing (default: .venv)")
    parser.add_argument("-r", "--requirement", dest="requirements", action="append", required=True, help="a lock")
    args = parser.parse_args(argv)
    return install(args.venv, args.requirements)


if __name__ == "__main__":
    sys.exit(main())
