"""Every name the stages, the pipeline and the sandbox agree on is built in backend/naming.py and nowhere else: the
product code's string literals (docstrings and comments aside) must not spell one of those names' patterns."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

from pipeline.project_root import CODE_PACKAGES, PROJECT_ROOT

ROOT = PROJECT_ROOT
PRODUCT = ("app.py", *CODE_PACKAGES)
NAMING = ROOT / "backend" / "naming.py"
# A literal as written (a help text's example is prose: the patterns match whole names), each `{...}` of an
# f-string as `{}`, but `{STACK_ID}`.
NAME_PATTERNS = {
    "a personal stage id (naming.personal_stage_id)": re.compile(r"^Personal-"),
    "a backend stack name (naming.stack_name_for, personal_stack_name)": re.compile(
        r"^\S*-(MobileBackend|\{STACK_ID\})$"
    ),
    "an `<app>-<env>-...` physical name (naming: roles, alarms)": re.compile(r"^\{\}-\{\}-"),
    "the pipeline's name (naming.pipeline_name)": re.compile(r"^\{\}-pipeline$"),
}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _part(node: ast.AST) -> str:
    if isinstance(node, ast.Constant):
        return str(node.value)
    value = getattr(node, "value", None)
    return "{STACK_ID}" if isinstance(value, ast.Name) and value.id == "STACK_ID" else "{}"


def _literal(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(_part(part) for part in node.values)
    return None


def names_built_in(source: str, filename: str) -> list[str]:
    """`file:line: what` for each literal that spells a name pattern."""
    tree = ast.parse(source, filename)
    skipped = _docstrings(tree)  # and the parts of f-strings, which are checked whole
    skipped |= {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
    problems: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        text = _literal(node)
        if text is None:
            continue
        for what, pattern in NAME_PATTERNS.items():
            if pattern.search(text):
                line = getattr(node, "lineno", 0)  # literals and f-strings always have one
                problems.append((line, f"{filename}:{line}: {text!r} builds {what} outside backend/naming.py"))
    return [problem for _, problem in sorted(problems)]


def product_files() -> list[Path]:
    files = []
    for name in PRODUCT:
        path = ROOT / name
        files += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return [path for path in files if path != NAMING and "__pycache__" not in path.parts]


def test_no_name_is_built_outside_backend_naming() -> None:
    problems = []
    for path in product_files():
        problems += names_built_in(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix())
    assert not problems, "\n".join(problems)


def test_the_guard_sees_each_pattern_and_skips_docstrings() -> None:
    source = '''"""Deploys `Personal-<name>` as Dev-MobileBackend."""
stage = f"Personal-{name}"
stack = "Sandbox-MobileBackend"
role = f"{config.app_name}-{env.name}-gate-reader"[:64]
pipeline = f"{app}-pipeline"
table = f"{STACK_NAME}-{logical}"
usage = "python -m backend.outputs --stack Dev-MobileBackend"
stack_name = f"{stage}-{STACK_ID}"
'''
    problems = names_built_in(source, "sample.py")
    lines = [line.split(": ", 1)[0] for line in problems]
    assert lines == ["sample.py:2", "sample.py:3", "sample.py:4", "sample.py:5", "sample.py:8"]
    assert "builds a personal stage id" in problems[0]


def test_the_runtimes_fallback_metric_namespace_is_the_one_infra_sets() -> None:
    """backend/runtime ships in the Lambda asset without backend/naming.py, so it spells the namespace itself
    (a fresh process: the module reads its environment once, at import)."""
    from backend import naming

    environ = {key: value for key, value in os.environ.items() if key != "POWERTOOLS_METRICS_NAMESPACE"}
    code = "from backend.runtime.observability import metrics; print(metrics.namespace)"
    ran = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environ, capture_output=True, text=True, timeout=60
    )
    assert ran.stdout.strip() == naming.METRIC_NAMESPACE, ran.stderr
