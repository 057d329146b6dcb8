"""`make test-unit` spreads the suite over pytest-xdist workers a module at a time (tests/unit/conftest.py marks each
test with its module as its xdist group): module-scoped fixtures (synths, moto servers, a sandbox whose tests build
on each other) must see every test of their module. pytest 9.2.0 silently broke that with pytest-xdist 3.8.0."""

from __future__ import annotations

import re
import subprocess
import sys

from pipeline.project_root import PROJECT_ROOT

MODULE = "tests/unit/test_progress.py"  # a few fast tests


def test_a_modules_tests_run_on_one_worker_as_its_group() -> None:
    ran = subprocess.run(
        [sys.executable, "-m", "pytest", MODULE, "-v", "-n", "2", "--dist", "loadgroup", "-p", "no:cacheprovider"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert ran.returncode == 0, ran.stdout[-2000:]
    passed = re.findall(r"^\[(gw\d+)\] .*PASSED (\S+)", ran.stdout, re.MULTILINE)
    assert len(passed) >= 2, ran.stdout
    assert {worker for worker, _ in passed} == {passed[0][0]}, passed
    assert all(node.endswith(f"@{MODULE}") for _, node in passed), passed
