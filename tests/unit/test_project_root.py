"""One definition of the project's root, pipeline/project_root.py: a module that derives its own from its file's
depth breaks silently when it moves. backend/runtime keeps its own copy (it ships alone in the Lambda asset)."""

from __future__ import annotations

import re

from pipeline.project_root import CODE_PACKAGES, PROJECT_ROOT

PACKAGES = (*CODE_PACKAGES, "tests")
ROOT_FROM_FILE = re.compile(r"^\w*ROOT\w* = Path\(__file__\)", re.MULTILINE)
OWN_ROOTS = {"pipeline/project_root.py", "backend/runtime/canary/local_run.py"}


def test_only_pipeline_project_root_derives_the_project_root_from_a_file() -> None:
    sources = [
        PROJECT_ROOT / "app.py",
        *(path for package in PACKAGES for path in (PROJECT_ROOT / package).rglob("*.py")),
    ]
    deriving = {str(path.relative_to(PROJECT_ROOT)) for path in sources if ROOT_FROM_FILE.search(path.read_text())}
    assert deriving == OWN_ROOTS


def test_the_project_root_holds_the_makefile() -> None:
    assert (PROJECT_ROOT / "Makefile").is_file() and (PROJECT_ROOT / "pipeline" / "project_root.py").is_file()
