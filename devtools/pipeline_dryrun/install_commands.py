"""What a shell command installs: the packages each of its simple commands asks npm, pnpm, yarn, npx, pip, pipx, uv
or go to fetch. Reading only; pins.py judges the versions.

The line is split as sh would split it, without running it: quotes are honoured; `;`, `&&`, `||`, `|`, `&`,
parentheses and line breaks separate commands (a backslash before a line break joins the lines); a redirection
(`2>&1`, `> file`) is no argument; leading `VAR=value` assignments, wrappers (`sudo`, `env`, `exec`, ...) and the
keywords that can start a command (`if`, `then`, `do`, `{`, ...) are dropped. A package named through a variable or a
command substitution is seen as its literal text, and a `#` inside a word starts a comment (shlex does that).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from enum import Enum
from itertools import pairwise

# https://docs.npmjs.com/cli/v10/commands/npm-install and .../npm-ci (each command's aliases)
NPM_INSTALL = {"install", "i", "in", "ins", "inst", "insta", "instal", "isnt", "isnta", "isntal", "isntall", "add"}
NPM_CI = {"ci", "clean-install", "ic", "install-clean", "isntall-clean"}
# npm options that take a value as the next word (npm-install's documented ones that can appear in a buildspec).
NPM_VALUE_OPTIONS = {
    "--prefix",
    "--registry",
    "--cache",
    "--userconfig",
    "--location",
    "--loglevel",
    "-w",
    "--workspace",
    "--tag",
}
PIP_FILE_OPTIONS = {"-r", "--requirement"}
PIP_EDITABLE_OPTIONS = {"-e", "--editable"}
PIP_VALUE_OPTIONS = {
    "-c",
    "--constraint",
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
    "--venv",
}
OPERATORS = {";", "&&", "||", "|", "&", "(", ")", ";;", "\n"}
# Words before the program that are not it: wrappers that run the rest of the line, and sh's reserved words.
WRAPPERS = {"sudo", "env", "exec", "command", "time", "nohup"}
RESERVED_WORDS = {"if", "then", "else", "elif", "while", "until", "do", "!", "{", "}", "fi", "done"}
PREFIXES = WRAPPERS | RESERVED_WORDS


class Kind(Enum):
    NPM_INSTALL = "npm/pnpm/yarn install of named packages (or npm install of package.json)"
    NPM_CI = "npm ci: the lock's packages, and their bins in node_modules/.bin"
    NPX = "npx/npm exec"
    PIP_INSTALL = "pip install"
    PYTHON_TOOL = "pipx, uvx, uv tool: a tool in a venv of its own"
    GO_INSTALL = "go install"


@dataclass(frozen=True)
class Install:
    """One simple command that fetches software, with what it names as written (`name@1.2.3`, `name==1.2.3`, a path
    or URL)."""

    kind: Kind
    tool: str  # the program: npm, pnpm, yarn, npx, pip3, pipx, uv, uvx, go, ...
    packages: tuple[str, ...] = ()
    runs: str = ""  # npx: the command it runs when it names no version (a bin of a package, local or fetched)
    files: tuple[str, ...] = ()  # pip: requirement files (`-r`), which carry their own pins
    editables: tuple[str, ...] = ()  # pip: `-e` paths or URLs


def installs(command: str) -> list[Install]:
    """What each simple command of a line installs, in order (commands that install nothing are left out)."""
    return [found for words in simple_commands(command) if (found := read_install(words))]


def simple_commands(command: str) -> list[list[str]]:
    """The simple commands of a command line, each as words."""
    lexer = shlex.shlex(_CommentEndsAtNewline(command.replace("\\\n", "")), posix=True, punctuation_chars="();<>|&\n")
    lexer.whitespace_split = True
    lexer.whitespace = " \t\r"  # a line break separates commands
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
    return [words for words in map(_without_prefixes, segments) if words]


class _CommentEndsAtNewline:
    """The line for shlex to read. shlex skips a comment with readline(), which would take the line break too; sh
    ends the comment there and the next line is a command of its own."""

    def __init__(self, text: str) -> None:
        self._text, self._at = text, 0

    def read(self, size: int = 1) -> str:
        chunk = self._text[self._at : self._at + size]
        self._at += len(chunk)
        return chunk

    def readline(self) -> str:
        end = self._text.find("\n", self._at)
        line = self._text[self._at : len(self._text) if end < 0 else end]
        self._at += len(line)
        return line

    def close(self) -> None:
        """Nothing to release (shlex closes a stream it is done with)."""


def _without_prefixes(words: list[str]) -> list[str]:
    index = 0
    while index < len(words) and (re.fullmatch(r"[A-Za-z_]\w*=.*", words[index]) or words[index] in PREFIXES):
        index += 1
    return words[index:]


def read_install(words: list[str]) -> Install | None:
    """What one simple command installs, or None when it is no install."""
    tool, rest = words[0].rsplit("/", 1)[-1], words[1:]
    if tool == "npm" and rest[:1] and rest[0] in NPM_CI:
        return Install(Kind.NPM_CI, tool)
    if tool == "npx" or (tool == "npm" and rest[:1] == ["exec"]):
        return _npx(tool, rest if tool == "npx" else rest[1:])
    if (args := _npm_install_args(tool, rest)) is not None:
        return Install(Kind.NPM_INSTALL, tool, tuple(_positionals(args, NPM_VALUE_OPTIONS)))
    if tool in ("pipx", "uvx") or (tool == "uv" and rest[:1] == ["tool"]):
        sub = rest[1:] if tool == "uv" else rest
        packages = _positionals(sub[1:], PIP_VALUE_OPTIONS) if sub[:1] == ["install"] else []
        return Install(Kind.PYTHON_TOOL, tool, tuple(packages))
    if _is_pip(tool, rest):
        return _pip(tool, rest[rest.index("install") + 1 :])
    if tool == "go" and rest[:1] == ["install"]:
        return Install(Kind.GO_INSTALL, tool, tuple(w for w in rest[1:] if not w.startswith("-")))
    return None


def _npm_install_args(tool: str, rest: list[str]) -> list[str] | None:
    """The words after the verb of `npm install`, `pnpm add`, `yarn [global] add`; None for other commands."""
    if tool == "yarn" and rest[:1] == ["global"]:
        rest = rest[1:]
    verbs = {"npm": NPM_INSTALL, "pnpm": {"add", "install", "i"}, "yarn": {"add"}}.get(tool, set())
    return rest[1:] if rest[:1] and rest[0] in verbs else None


def _is_pip(tool: str, rest: list[str]) -> bool:
    if re.fullmatch(r"python(\d(\.\d+)?)?", tool) and rest[:2] == ["-m", "pip"]:
        rest = rest[2:]
    elif tool == "uv" and rest[:1] == ["pip"]:
        rest = rest[1:]
    elif not re.fullmatch(r"pip(\d(\.\d+)?)?", tool):
        return False
    return rest[:1] == ["install"]


def _pip(tool: str, args: list[str]) -> Install:
    files, editables = _values(args, PIP_FILE_OPTIONS), _values(args, PIP_EDITABLE_OPTIONS)
    packages = _positionals(args, PIP_VALUE_OPTIONS | PIP_FILE_OPTIONS | PIP_EDITABLE_OPTIONS)
    return Install(Kind.PIP_INSTALL, tool, tuple(packages), files=files, editables=editables)


def _npx(tool: str, args: list[str]) -> Install:
    """`-p SPEC`/`--package=SPEC` name packages; the command (after the options, or after `--`) is one too when it
    carries a version (`cdk@latest`), else a bin (`npx cdk`: the lock's, if `npm ci` put it there)."""
    packages, command, index = [], "", 0
    while index < len(args):
        word = args[index]
        if word in ("-p", "--package") and index + 1 < len(args):
            packages.append(args[index + 1])
            index += 1
        elif word.startswith("--package="):
            packages.append(word.split("=", 1)[1])
        elif word in ("-c", "--call"):  # a shell line to run: no command word
            break
        elif word in NPM_VALUE_OPTIONS:
            index += 1
        elif word == "--":
            command = args[index + 1] if index + 1 < len(args) else ""
            break
        elif not word.startswith("-"):
            command = word
            break
        index += 1
    if "@" in command.lstrip("@"):
        return Install(Kind.NPX, tool, (*packages, command))
    return Install(Kind.NPX, tool, tuple(packages), runs=command)


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


def _values(words: list[str], options: set[str]) -> tuple[str, ...]:
    """The values given to any of `options` (`-r FILE`, `--requirement=FILE`)."""
    found = [after for before, after in pairwise(words) if before in options]
    return (*found, *(w.split("=", 1)[1] for w in words if w.split("=", 1)[0] in options and "=" in w))
