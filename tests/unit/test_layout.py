"""The top level shows the product; developer tooling lives in devtools/, which the product never imports, and the
README's "What is where" names what is there."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from pipeline.project_root import CODE_PACKAGES, PROJECT_ROOT

PRODUCT = ("app.py", "backend", "config", "pipeline", "sandbox", "stages")
TOOLING = "devtools"


def _imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module)
    return modules


def _product_sources() -> list[Path]:
    sources: list[Path] = []
    for name in PRODUCT:
        path = PROJECT_ROOT / name
        sources += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return sources


def test_the_product_never_imports_the_developer_tooling() -> None:
    importing = {
        str(path.relative_to(PROJECT_ROOT))
        for path in _product_sources()
        if any(module == TOOLING or module.startswith(f"{TOOLING}.") for module in _imported_modules(path))
    }
    assert importing == set()


def test_the_import_check_sees_an_import_of_devtools(tmp_path: Path) -> None:
    source = tmp_path / "x.py"
    source.write_text("def f():\n    from devtools.progress import run\n    import devtools.lock\n")
    assert _imported_modules(source) == {"devtools.progress", "devtools.lock"}


def test_the_code_packages_are_the_top_level_packages() -> None:
    packages = {path.parent.name for path in PROJECT_ROOT.glob("*/__init__.py")} - {"tests"}
    assert packages == set(CODE_PACKAGES)
    assert TOOLING in CODE_PACKAGES and set(PRODUCT) - {"app.py"} <= set(CODE_PACKAGES)


def _what_is_where() -> list[str]:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## What is where\n\n```\n", 1)[1].split("```", 1)[0]
    entries: list[str] = []
    parent = ""
    for line in block.splitlines():
        match = re.match(r"^( *)(\S+)", line)
        if match is None or len(match[1]) > 2:  # a description's continuation line
            continue
        name = match[2]
        if match[1]:
            entries.append(parent + name)
        else:
            parent = name if name.endswith("/") else ""
            entries.append(name)
    return entries


def test_the_readme_names_only_what_exists() -> None:
    missing = [entry for entry in _what_is_where() if not any(PROJECT_ROOT.glob(entry.rstrip("/")))]
    assert missing == []


def test_the_readme_names_every_top_level_folder_of_the_repository() -> None:
    named = {entry.split("/", 1)[0] for entry in _what_is_where()}
    assert {*CODE_PACKAGES, "clients", "docs", "tests"} <= named
