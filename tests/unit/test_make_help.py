"""`make help` lists every documented target (a `## ` comment right above it) with its first line, in order."""

from __future__ import annotations

import re
import subprocess

from pipeline.project_root import PROJECT_ROOT

MAKEFILE = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")

# The .PHONY targets without a `##` comment: a new target must be documented, or added here on purpose.
UNDOCUMENTED = {
    "browser",
    "test-unit",
    "test-against-sandbox",
    "test-integration",
    "test-client",
    "cfn-lint",
    "bench",
    "clean",
    "deps",
}


def phony_targets() -> set[str]:
    joined = MAKEFILE.replace("\\\n", " ")
    return {name for line in re.findall(r"^\.PHONY:(.*)$", joined, re.MULTILINE) for name in line.split()}


def documented_targets() -> dict[str, str]:
    """Each target whose rule line follows a block of `## ` lines, with the block's first line."""
    documented: dict[str, str] = {}
    first: str | None = None
    for line in MAKEFILE.splitlines():
        if line.startswith("## "):
            first = first or line[3:]
            continue
        rule = re.match(r"^([A-Za-z0-9_.-]+):", line)
        if rule and first:
            documented[rule.group(1)] = first
        first = None
    return documented


def help_lines() -> list[str]:
    result = subprocess.run(
        ["make", "-s", "help"], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    return result.stdout.splitlines()


def test_help_names_every_documented_phony_target_in_makefile_order_with_its_first_line() -> None:
    documented = documented_targets()
    lines = help_lines()
    listed = [line.split()[0] for line in lines]
    assert listed == list(documented)
    for line, (target, first) in zip(lines, documented.items(), strict=True):
        assert line.split(maxsplit=1) == [target, first]
    # aligned: every description starts in the same column
    assert len({line.index(first) for line, first in zip(lines, documented.values(), strict=True)}) == 1
    assert set(listed) <= phony_targets()


def test_no_phony_target_is_left_out_silently() -> None:
    listed = {line.split()[0] for line in help_lines()}
    assert listed == phony_targets() - UNDOCUMENTED
    assert UNDOCUMENTED <= phony_targets()
    assert "help" in listed


def test_make_without_a_target_stays_the_venv_install() -> None:
    result = subprocess.run(
        ["make", "-n", "-p", "-f", "Makefile"], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60
    )
    assert re.search(r"^\.DEFAULT_GOAL := \.venv/\.installed$", result.stdout, re.MULTILINE)
