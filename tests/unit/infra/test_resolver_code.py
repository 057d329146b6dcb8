"""Runs the Node tests of the APPSYNC_JS resolvers (node --test), so `make test-unit` covers them."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from backend.infra.api import RESOLVER_DIR

HERE = Path(__file__).resolve().parent
NODE_TESTS = HERE / "resolvers.test.mjs"


def expected_tests() -> set[str]:
    """Every test the file declares (`test(`${file}: <title>`)`), for every resolver the API construct ships."""
    titles = re.findall(r"\btest\(`\$\{file\}: ([^`]+)`", NODE_TESTS.read_text(encoding="utf-8"))
    resolvers = sorted(p.name for p in RESOLVER_DIR.glob("*.js"))
    assert titles and resolvers, (titles, resolvers)
    return {f"{resolver}: {title}" for resolver in resolvers for title in titles}


def test_appsync_js_resolvers() -> None:
    node = shutil.which("node")
    assert node, "node is required (the project's toolchain installs Node 20)"
    result = subprocess.run(
        [node, "--test", "--test-reporter=tap", str(NODE_TESTS)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # TAP: `ok N - <name>` per passing test (a skipped or todo one carries a `# SKIP`/`# TODO` directive).
    passed = re.findall(r"^ok \d+ - (.+?)$", result.stdout, flags=re.MULTILINE)
    assert not [name for name in passed if re.search(r"\s#\s*(SKIP|TODO)\b", name, flags=re.IGNORECASE)], result.stdout
    expected = expected_tests()
    assert set(passed) == expected, result.stdout  # a resolver file without its tests fails here
    assert f"# pass {len(expected)}" in result.stdout and "# fail 0" in result.stdout


def test_batched_fields_get_the_same_code_with_batch_invoke() -> None:
    from backend.infra.api import lambda_resolver_code

    single, batch = lambda_resolver_code(batched=False), lambda_resolver_code(batched=True)
    assert "const OPERATION = 'Invoke';" in single and "const OPERATION = 'BatchInvoke';" in batch
    assert single.replace("'Invoke';", "'BatchInvoke';") == batch
