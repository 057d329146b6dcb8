"""Cold-start proxy: fresh-process import of the GraphQL handler vs. `import boto3`; zipped asset size.

The proxy runs on this machine's Python, not the Lambda runtime: a deployed function's real cold start is the
`Init Duration` of its REPORT log lines, and docs/cold-start.md has the CloudWatch Logs Insights query for it.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

from .measure import Row, interleaved, median, run_process

ROOT = Path(__file__).resolve().parent.parent
# The Lambda asset root is backend/ filtered to runtime/** (docs/architecture.md), so import it the same way.
ASSET_ROOT = ROOT / "backend"
HANDLER_MODULE = "runtime.graphql_handler"


def _environment() -> dict[str, str]:
    # No bytecode is written: the asset ships no __pycache__, so Lambda compiles runtime/ on every cold start.
    return {
        **os.environ,
        "PYTHONPATH": str(ASSET_ROOT),
        "PYTHONDONTWRITEBYTECODE": "1",
        "AWS_DEFAULT_REGION": "us-east-1",
    }


def _import_seconds(module: str) -> float:
    return run_process([sys.executable, "-c", f"import {module}"], env=_environment(), cwd=str(ROOT)).seconds


def imported_modules(module: str) -> set[str]:
    """The modules a fresh `import <module>` loads: a count that, unlike the timing, load does not blur."""
    lines = [
        "import json, sys",
        "before = set(sys.modules)",
        f"import {module}",
        "print(json.dumps(list(sys.modules.keys() - before)))",
    ]
    code = "\n".join(lines)
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=_environment(),
        cwd=str(ROOT),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(json.loads(out))


def zipped_bytes(folder: Path) -> int:
    """Size of a folder zipped the way a folder asset is zipped (deflate), caches excluded."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                archive.write(path, path.relative_to(folder.parent))
    return buffer.tell()


def run(runs: int = 10) -> list[Row]:
    # Warm the OS file cache for both sides once; only fresh interpreters are timed.
    _import_seconds(HANDLER_MODULE)
    _import_seconds("boto3")
    ours, base = interleaved(lambda: _import_seconds(HANDLER_MODULE), lambda: _import_seconds("boto3"), runs)
    handler_modules, boto3_modules = imported_modules(HANDLER_MODULE), imported_modules("boto3")
    beyond = Counter(name.split(".")[0] for name in handler_modules - boto3_modules)
    import aws_lambda_powertools

    powertools = zipped_bytes(Path(aws_lambda_powertools.__file__).parent)
    return [
        Row(
            "cold start: import graphql handler vs import boto3",
            median(ours),
            median(base),
            "s",
            runs,
            note=(
                f"{beyond.total()} modules beyond boto3's {len(boto3_modules)} "
                f"({', '.join(f'{name} {count}' for name, count in beyond.most_common(4))}); "
                "a proxy: the real cold start is Init Duration in REPORT lines (docs/cold-start.md)"
            ),
            extra={"modules": len(handler_modules), "boto3_modules": len(boto3_modules), "beyond_boto3": dict(beyond)},
        ),
        Row(
            "lambda asset: zipped runtime/ vs Powertools bundled",
            zipped_bytes(ASSET_ROOT / "runtime") / 1e6,
            powertools / 1e6,
            "MB",
            1,
            note="Powertools comes from the AWS-managed layer, so it is not in our asset",
        ),
    ]
