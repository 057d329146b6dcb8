"""Installs a buildspec makes without an exact version: each build could get different software.

A CodeBuild container starts from the image every time, so whatever a command installs is fetched anew on every
build: `npm install -g cdk-assets@latest` (or with no version, or a range) gets whatever was published last, and a
release that changes behaviour breaks the pipeline with no change of ours (CDK Pipelines' own default is exactly
that: `cdkAssetsCliVersion` `latest`). The check is static, on every command of every phase:

- npm/pnpm/yarn installs of named packages (`npm install|i|add [-g] SPEC`, `pnpm add SPEC`, `yarn [global] add
  SPEC`): SPEC must name an exact version (`name@1.2.3`, `@scope/name@1.2.3`); `npm ci`, `npm install` with no
  package (the lockfile decides) and local paths or tarball URLs are fine;
- `npx`/`npm exec` with a package given a version (`-p SPEC`, `--package=SPEC`, `name@SPEC`): exact too (a bare
  `npx cdk` runs the lockfile's local package);
- pip (`pip|pip3 install`, `python[3] -m pip install`, `uv pip install`, `pipx install`, `uv tool install`): each
  requirement given on the command line needs `==`; `-r`/`-c` files and local paths are left to their own pins;
- `go install PKG@VERSION`: a version, not `latest`.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable

import yaml

from .buildspec import BuildSpecError, parse_buildspec

EXACT_SEMVER = re.compile(r"v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?")
NPM_INSTALL = {"install", "i", "in", "ins", "inst", "insta", "instal", "isnt", "isnta", "isntal", "isntall", "add"}
# npm options that take a value as the next word (npm-install's documented ones that can appear in a buildspec).
NPM_VALUE_OPTIONS = {"--prefix", "--registry", "--cache", "--userconfig", "--location", "-w", "--workspace", "--tag"}
PIP_VALUE_OPTIONS = {
    "-r",
    "--requirement",
    "-c",
    "--constraint",
    "-e",
    "--editable",
    "-i",
    "--index-url",
    "--extra-index-url",
    "-f",
    "--find-links",
    "-t",
    "--target",
    "--prefix",
    "--root",
    "--python",
    "-p",
    "--platform",
    "--python-version",
    "--implementation",
    "--abi",
    "--cache-dir",
    "--trusted-host",
    "--src",
}
OPERATORS = {";", "&&", "||", "|", "&", "(", ")", ";;", "\n"}


def _segments(command: str) -> list[list[str]]:
    """The simple commands of a command line, each as words (shell operators split them; quotes are honoured)."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    segments: list[list[str]] = [[]]
    redirect_target = False
    try:
        for token in lexer:
            if redirect_target:  # `> file`, `2>&1`: the target is no argument
                redirect_target = False
            elif set(token) <= set("<>&") and set(token) & set("<>"):
                if segments[-1] and re.fullmatch(r"\d", segments[-1][-1]):  # the `2` of `2>`
                    segments[-1].pop()
                redirect_target = True
            elif token in OPERATORS or set(token) <= set(";&|()"):
                segments.append([])
            else:
                segments[-1].append(token)
    except ValueError:  # unbalanced quotes: the shell will say so when it runs
        return []
    return [_without_prefixes(words) for words in segments if words]


def _without_prefixes(words: list[str]) -> list[str]:
    """Drop leading `VAR=value` assignments and `sudo`/`env`/`exec`/`command`."""
    index = 0
    while index < len(words) and (re.fullmatch(r"[A-Za-z_]\w*=.*", words[index]) or words[index] in _WRAPPERS):
        index += 1
    return words[index:]


_WRAPPERS = {"sudo", "env", "exec", "command", "time", "nohup"}


def _positionals(words: list[str], value_options: set[str]) -> list[str]:
    found, skip = [], False
    for word in words:
        if skip:
            skip = False
        elif word in value_options:
            skip = True
        elif not word.startswith("-"):
            found.append(word)
    return found


def _is_local(spec: str) -> bool:
    return spec.startswith((".", "/", "~", "file:")) or "://" in spec or spec.endswith((".tgz", ".tar.gz", ".whl"))


def npm_spec_problem(spec: str) -> str | None:
    """Why an npm package spec is not pinned, or None."""
    if _is_local(spec) or spec.startswith(("git+", "github:")):
        return None
    name, _, version = spec[1:].partition("@") if spec.startswith("@") else spec.partition("@")
    if spec.startswith("@"):
        name = "@" + name
    if not version:
        return f"{name}: no version (npm installs whatever `latest` is on the day)"
    if version.startswith("npm:"):  # an alias: name@npm:real@version
        return npm_spec_problem(version[len("npm:") :])
    if EXACT_SEMVER.fullmatch(version):
        return None
    if version == "latest" or not re.match(r"[\d^~<>=*vxX]", version):
        return f"{name}@{version}: `{version}` is a tag that moves with each release"
    return f"{name}@{version}: a version range, not one version"


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


def _npm_specs(words: list[str]) -> list[str] | None:
    """The package specs an npm/pnpm/yarn command installs, or None when it is not such a command."""
    tool = words[0].rsplit("/", 1)[-1]
    rest = words[1:]
    if tool == "npm" and rest and rest[0] in NPM_INSTALL:
        return _positionals(rest[1:], NPM_VALUE_OPTIONS)
    if tool == "pnpm" and rest and rest[0] in {"add", "install", "i"}:
        return _positionals(rest[1:], NPM_VALUE_OPTIONS)
    if tool == "yarn":
        if rest[:1] == ["global"]:
            rest = rest[1:]
        if rest and rest[0] == "add":
            return _positionals(rest[1:], NPM_VALUE_OPTIONS)
    return None


def _npx_specs(words: list[str]) -> list[str]:
    tool = words[0].rsplit("/", 1)[-1]
    rest = words[1:]
    if tool == "npm" and rest[:1] == ["exec"]:
        rest = rest[1:]
    elif tool != "npx":
        return []
    specs, index = [], 0
    while index < len(rest):
        word = rest[index]
        if word in ("-p", "--package") and index + 1 < len(rest):
            specs.append(rest[index + 1])
            index += 2
            continue
        if word.startswith("--package="):
            specs.append(word.split("=", 1)[1])
        elif word == "--":
            break
        elif not word.startswith("-"):  # the command: a package only when it carries a version
            if "@" in word.lstrip("@"):
                specs.append(word)
            break
        index += 1
    return specs


def _pip_specs(words: list[str]) -> list[str] | None:
    tool = words[0].rsplit("/", 1)[-1]
    rest = words[1:]
    if re.fullmatch(r"python(\d(\.\d+)?)?", tool) and rest[:2] == ["-m", "pip"]:
        rest = rest[2:]
    elif tool == "uv" and rest[:1] in (["pip"], ["tool"]):
        rest = rest[1:]
    elif not re.fullmatch(r"pip(\d(\.\d+)?)?|pipx", tool):
        return None
    if rest[:1] != ["install"]:
        return None
    return _positionals(rest[1:], PIP_VALUE_OPTIONS)


def _go_specs(words: list[str]) -> list[str]:
    if words[0].rsplit("/", 1)[-1] != "go" or words[1:2] != ["install"]:
        return []
    return [w for w in words[2:] if not w.startswith("-")]


def command_problems(command: str) -> list[str]:
    """One line per unpinned package the command installs."""
    problems = []
    for words in _segments(command):
        if not words:
            continue
        npm = _npm_specs(words)
        for spec in (npm or []) + _npx_specs(words):
            if problem := npm_spec_problem(spec):
                problems.append(problem)
        for spec in _pip_specs(words) or []:
            if problem := pip_spec_problem(spec):
                problems.append(problem)
        for spec in _go_specs(words):
            version = spec.rpartition("@")[2] if "@" in spec else ""
            if not version or version == "latest" or not EXACT_SEMVER.fullmatch(version):
                problems.append(f"{spec}: not one version (go installs the newest)")
    return problems


def unpinned_installs(commands: Iterable[str]) -> list[str]:
    """`unpinned install `<command>`: <why>` for each problem, in buildspec order."""
    return [f"unpinned install `{command}`: {problem}" for command in commands for problem in command_problems(command)]


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
