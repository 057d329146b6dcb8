"""The pre-commit hooks run the commands of `make lint`, in its order, with the same tools (the venv's pins)."""

from __future__ import annotations

import re
import shlex

import yaml

from pipeline.project_root import PROJECT_ROOT

ROOT = PROJECT_ROOT
# `@$(PROGRESS) "label" 140 -- command`: devtools/progress.py reports on a slow command and runs it unchanged.
PROGRESS_PREFIX = re.compile(r'^\$\(PROGRESS\) "[^"]*" \d+ -- ')


def lint_recipe() -> list[list[str]]:
    """The commands of the Makefile's lint target, with $(VENV) expanded."""
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("lint:"))
    venv = next(line.split(":=")[1].strip() for line in lines if line.startswith("VENV :="))
    commands = []
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        command = PROGRESS_PREFIX.sub("", line.strip().lstrip("@"))
        commands.append(shlex.split(command.replace("$(VENV)", venv)))
    return commands


def hook_commands() -> list[list[str]]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    assert repo["repo"] == "local", "hooks from other repositories would bring their own tool versions"
    for hook in repo["hooks"]:
        assert hook["language"] == "system", f"{hook['id']}: language must be system (the venv's tool)"
        assert hook["pass_filenames"] is False, f"{hook['id']}: must check the whole tree, as make lint does"
    return [shlex.split(hook["entry"]) for hook in repo["hooks"]]


def test_the_pre_commit_hooks_run_the_lint_targets_commands() -> None:
    recipe = lint_recipe()
    assert [command[0] for command in recipe] == [".venv/bin/ruff", ".venv/bin/ruff", ".venv/bin/mypy"]
    assert hook_commands() == recipe
