"""after_import: a patch waits for the module it patches, and is applied exactly once."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import pytest

from sandbox.moto_host.after_import import after_import


def test_runs_after_the_first_import_only_and_at_once_when_already_imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "late_module_for_after_import.py").write_text("VALUE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    seen: list[ModuleType] = []
    after_import("late_module_for_after_import", seen.append)
    assert seen == [] and "late_module_for_after_import" not in sys.modules  # nothing imported by registering

    import late_module_for_after_import  # type: ignore[import-not-found]  # the import under test, written above

    assert seen == [late_module_for_after_import] and seen[0].VALUE == 1
    import late_module_for_after_import as again

    assert again is seen[0] and len(seen) == 1
    after_import("late_module_for_after_import", seen.append)  # already imported: now
    assert seen == [again, again]
    sys.modules.pop("late_module_for_after_import")
