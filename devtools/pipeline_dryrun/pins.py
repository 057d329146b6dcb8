"""Installs a buildspec makes without an exact version: each build could get different software.

A CodeBuild container starts from the image every time, so whatever a command installs is fetched anew on every
build: `npm install -g cdk-assets@latest` (or with no version, or a range) gets whatever was published last, and a
release that changes behaviour breaks the pipeline with no change of ours (CDK Pipelines' own default is exactly
that: `cdkAssetsCliVersion` `latest`). The check is static, on every command of every phase (install_commands.py
reads what each command installs):

- npm/pnpm/yarn installs of named packages (`npm install|i|add [-g] SPEC`, `pnpm add SPEC`, `yarn [global] add
  SPEC`): SPEC must name an exact version (`name@1.2.3`, `@scope/name@1.2.3`); `npm ci`, `npm install` with no
  package (the lockfile decides) and local paths or tarball URLs are fine;
- `npx`/`npm exec` with a package given a version (`-p SPEC`, `--package=SPEC`, `name@SPEC`): exact too (a bare
  `npx cdk` runs the lockfile's local package);
- pip (`pip|pip3 install`, `python[3] -m pip install`, `uv pip install`, `pipx install`, `uv tool install`): each
  requirement given on the command line needs `==`; `-r`/`-c` files and local paths are left to their own pins;
- `go install PKG@VERSION`: a version, not `latest`.

Given the project's pins (ProjectPins: package.json's versions and the bins its lock installs), the stricter rules
of tests/unit/infra/test_build_pins.py apply as well, where the versions must be the project's own:
- an npm package is installed at the version package.json pins (a package it does not pin, a path or a URL is a
  problem), and a bare `npm install` is one (it resolves package.json's ranges; `npm ci` installs the lock);
- a bare `npx NAME` runs a bin of the lock's direct packages that an earlier `npm ci` of the same buildspec
  installed (otherwise npx fetches the newest release of whatever is called NAME);
- pip installs a requirement file or exact requirements (a local path or URL brings its dependencies unpinned), and
  pipx/uvx/`uv tool` install tools outside the project's locks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

import yaml

from .buildspec import BuildSpecError, parse_buildspec
from .install_commands import Install, Kind, installs

EXACT_SEMVER = re.compile(r"v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?")


@dataclass(frozen=True)
class ProjectPins:
    """What the stricter rules compare with: package.json's exact versions, and the commands (`bin`s) that
    `npm ci` puts in node_modules/.bin for its direct packages."""

    npm: Mapping[str, str]
    bins: frozenset[str] = frozenset()


def _is_local(spec: str) -> bool:
    return spec.startswith((".", "/", "~", "file:")) or "://" in spec or spec.endswith((".tgz", ".tar.gz", ".whl"))


def _npm_name_version(spec: str) -> tuple[str, str]:
    """`name@version` (or `@scope/name@version`, or `name@npm:other@version`) → (name, version or "")."""
    name, _, version = spec[1:].partition("@") if spec.startswith("@") else spec.partition("@")
    return ("@" + name if spec.startswith("@") else name), version


def npm_spec_problem(spec: str) -> str | None:
    """Why an npm package spec is not pinned, or None."""
    if _is_local(spec) or spec.startswith(("git+", "github:")):
        return None
    name, version = _npm_name_version(spec)
    if not version:
        return f"{name}: no version (npm installs whatever `latest` is on the day)"
    if version.startswith("npm:"):  # an alias: name@npm:real@version
        return npm_spec_problem(version[len("npm:") :])
    if EXACT_SEMVER.fullmatch(version):
        return None
    if version == "latest" or not re.match(r"[\d^~<>=*vxX]", version):
        return f"{name}@{version}: `{version}` is a tag that moves with each release"
    return f"{name}@{version}: a version range, not one version"


def npm_pin_problem(spec: str, pins: Mapping[str, str]) -> str | None:
    """Why an exact npm spec is not the project's pin (package.json), or None."""
    if _is_local(spec) or spec.startswith(("git+", "github:")):
        return f"{spec}: a path or URL, not a package at package.json's version"
    name, version = _npm_name_version(spec)
    if name not in pins:
        return f"{spec}: {name} is not pinned in package.json"
    if pins[name] != version:
        return f"{spec}: package.json pins {name} {pins[name]}"
    return None


def pip_spec_problem(spec: str) -> str | None:
    if _is_local(spec) or spec.startswith("git+"):
        return None
    requirement = spec.split(";", 1)[0].strip()
    match = re.search(r"===?\s*([^,\s]+)$", requirement)
    if match and "*" not in match.group(1) and "," not in requirement:
        return None
    name = re.split(r"[<>=!~\[ ]", requirement, maxsplit=1)[0]
    if requirement == name:
        return f"{name}: no version (pip installs the newest release)"
    return f"{requirement}: not one exact version (use `{name}==<version>`)"


def _go_problem(spec: str) -> str | None:
    version = spec.rpartition("@")[2] if "@" in spec else ""
    if not version or version == "latest" or not EXACT_SEMVER.fullmatch(version):
        return f"{spec}: not one version (go installs the newest)"
    return None


def _exact_version_problems(install: Install) -> list[str]:
    """The rule for any buildspec: every package named gets one exact version."""
    problems: list[str | None] = []
    if install.kind in (Kind.NPM_INSTALL, Kind.NPX):
        problems = [npm_spec_problem(spec) for spec in install.packages]
    elif install.kind in (Kind.PIP_INSTALL, Kind.PYTHON_TOOL):
        problems = [pip_spec_problem(spec) for spec in (*install.packages, *install.editables)]
    elif install.kind is Kind.GO_INSTALL:
        problems = [_go_problem(spec) for spec in install.packages]
    return [problem for problem in problems if problem]


def _project_pin_problems(install: Install, project: ProjectPins, npm_ci_ran: bool) -> list[str]:
    """The stricter rules: the versions are the project's own (module docstring)."""
    problems: list[str | None] = []
    if install.kind in (Kind.NPM_INSTALL, Kind.NPX):
        problems = [npm_pin_problem(s, project.npm) for s in install.packages if not npm_spec_problem(s)]
        if install.kind is Kind.NPM_INSTALL and install.tool == "npm" and not install.packages:
            problems.append("installs package.json's ranges, not the lock (use npm ci)")
        if install.runs and not install.packages and not (npm_ci_ran and install.runs in project.bins):
            problems.append(f"{install.runs}: not a bin of a locked package installed by an earlier npm ci")
    elif install.kind is Kind.PIP_INSTALL:
        problems = [f"{s}: a path or URL, its dependencies unpinned" for s in install.packages if _is_local(s)]
        problems += [f"-e {s}: a path or URL, its dependencies unpinned" for s in install.editables]
        if not (install.packages or install.files or install.editables):
            problems.append("installs nothing pinned")
    elif install.kind is Kind.PYTHON_TOOL:
        problems = [f"{install.tool}: installs a tool outside the project's locks"]
    return [problem for problem in problems if problem]


def _problems(commands: Iterable[str], project: ProjectPins | None) -> Iterator[tuple[str, str]]:
    """(command, why) for each problem, in order. `commands` are one buildspec's: an `npm ci` in one puts the lock's
    bins in place for the next (the stricter rules, with `project`)."""
    npm_ci_ran = False
    for command in commands:
        for install in installs(command):
            npm_ci_ran = npm_ci_ran or install.kind is Kind.NPM_CI
            problems = _exact_version_problems(install)
            if project is not None:
                problems += _project_pin_problems(install, project, npm_ci_ran)
            yield from ((command, problem) for problem in problems)


def unpinned_installs(commands: Iterable[str], project: ProjectPins | None = None) -> list[str]:
    """`unpinned install `<command>`: <why>` for each problem, in buildspec order."""
    return [f"unpinned install `{command}`: {problem}" for command, problem in _problems(commands, project)]


def command_problems(command: str, project: ProjectPins | None = None) -> list[str]:
    """One line per unpinned package the command installs."""
    return [problem for _, problem in _problems([command], project)]


def install_problems(buildspec_text: str) -> tuple[str, ...]:
    """The unpinned installs of a buildspec's commands (every phase, `finally` included); () when it cannot be read
    here (a file in an artifact the dry run does not have: the step reports that when it runs)."""
    try:
        parsed = yaml.safe_load(buildspec_text) if buildspec_text else None
        spec = parse_buildspec(parsed) if isinstance(parsed, dict) else None
    except (yaml.YAMLError, BuildSpecError):
        return ()
    if spec is None:
        return ()
    commands = [c for phase in spec.phases for c in (*phase.commands, *phase.finally_commands)]
    return tuple(unpinned_installs(commands))
