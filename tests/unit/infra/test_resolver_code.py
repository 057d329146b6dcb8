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
    assert "# fail 0" in result.stdout and "# pass 4" in result.stdout


def test_batched_fields_get_the_same_code_with_batch_invoke() -> None:
    from backend.infra.api import lambda_resolver_code

    single, batch = lambda_resolver_code(batched=False), lambda_resolver_code(batched=True)
    assert "const OPERATION = 'Invoke';" in single and "const OPERATION = 'BatchInvoke';" in batch
    assert single.replace("'Invoke';", "'BatchInvoke';") == batch
