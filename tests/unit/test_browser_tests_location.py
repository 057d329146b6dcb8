"""`make test-browser` collects tests/unit/sandbox only: a browser test anywhere else would never run."""

from __future__ import annotations

from pathlib import Path

from pipeline.project_root import PROJECT_ROOT

SANDBOX_TESTS = PROJECT_ROOT / "tests" / "unit" / "sandbox"


def test_every_browser_marked_test_is_where_make_test_browser_looks() -> None:
    marked = [
        path for path in (PROJECT_ROOT / "tests").rglob("*.py") if "mark.browser" in path.read_text(encoding="utf-8")
    ]
    assert marked, "the explorer's browser test carries pytest.mark.browser"
    assert [path for path in marked if SANDBOX_TESTS not in path.parents and path != Path(__file__)] == []
