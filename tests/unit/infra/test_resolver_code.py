"""Runs the Node tests of the APPSYNC_JS resolvers (node --test), so `make test-unit` covers them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent


def test_appsync_js_resolvers() -> None:
    node = shutil.which("node")
    assert node, "node is required (the project's toolchain installs Node 20)"
    result = subprocess.run([node, "--test", str(HERE / "resolvers.test.mjs")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout and "# pass 8" in result.stdout
