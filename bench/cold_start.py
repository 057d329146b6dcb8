"""Cold-start proxy: fresh-process import of the GraphQL handler vs. `import boto3`; zipped asset size."""

from __future__ import annotations

import io
import os
import sys
import zipfile
from pathlib import Path

from .measure import Row, interleaved, median, run_process

ROOT = Path(__file__).resolve().parent.parent
# The Lambda asset root is backend/ filtered to runtime/** (docs/architecture.md), so import it the same way.
ASSET_ROOT = ROOT / "backend"
HANDLER_MODULE = "runtime.graphql_handler"


def _import_seconds(module: str) -> float:
    env = {
        **os.environ,
        "PYTHONPATH": str(ASSET_ROOT),
        "PYTHONDONTWRITEBYTECODE": "1",
        "POWERTOOLS_TRACE_DISABLED": "1",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    return run_process([sys.executable, "-c", f"import {module}"], env=env, cwd=str(ROOT)).seconds


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
    import aws_lambda_powertools

    powertools = zipped_bytes(Path(aws_lambda_powertools.__file__).parent)
    return [
        Row("cold start: import graphql handler vs import boto3", median(ours), median(base), "s", runs),
        Row(
            "lambda asset: zipped runtime/ vs Powertools bundled",
            zipped_bytes(ASSET_ROOT / "runtime") / 1e6,
            powertools / 1e6,
            "MB",
            1,
            note="Powertools comes from the AWS-managed layer, so it is not in our asset",
        ),
    ]
