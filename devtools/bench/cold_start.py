"""Cold-start proxy: fresh-process import of the GraphQL handler from the functions' asset as Lambda gets it;
what shipping Powertools in that asset costs against Powertools precompiled (as the AWS layer had it); asset size.

The asset is rebuilt here with the synth's own code (backend/infra/lambda_asset.py): `runtime/` plus the pinned
Powertools and typing-extensions, no bytecode. The proxy runs on this machine's Python, not the Lambda runtime: a
deployed function's real cold start is the `Init Duration` of its REPORT log lines, and docs/cold-start.md has the
CloudWatch Logs Insights query for it.
"""

from __future__ import annotations

import compileall
import io
import json
import os
import py_compile
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

from backend.infra.lambda_asset import RUNTIME_PACKAGE, asset_files, asset_sources, copy_files
from pipeline.project_root import PROJECT_ROOT as ROOT

from .measure import Row, interleaved, median, run_process

HANDLER_MODULE = "runtime.graphql_handler"


def build_assets(root: Path) -> tuple[Path, Path]:
    """Two copies of the functions' asset under `root`: as shipped (source only), and the same with the shipped
    packages (not `runtime/`) compiled to checked-hash bytecode, the way the Powertools layer ships them."""
    sources = asset_sources()
    files = asset_files(sources)
    shipped, precompiled = root / "asset", root / "precompiled"
    copy_files(files, shipped)
    copy_files(files, precompiled)
    mode = py_compile.PycInvalidationMode.CHECKED_HASH
    for name in sources:
        if name == RUNTIME_PACKAGE:
            continue
        target = precompiled / name
        if target.is_dir():
            compileall.compile_dir(target, quiet=1, invalidation_mode=mode)
        else:
            compileall.compile_file(target, quiet=1, invalidation_mode=mode)
    return shipped, precompiled


def _environment(asset: Path) -> dict[str, str]:
    # No bytecode is written: Lambda's /var/task is read-only, so every cold start compiles what has no .pyc.
    return {
        **os.environ,
        "PYTHONPATH": str(asset),
        "PYTHONDONTWRITEBYTECODE": "1",
        "AWS_DEFAULT_REGION": "us-east-1",
    }


def _import_seconds(module: str, asset: Path) -> float:
    return run_process([sys.executable, "-c", f"import {module}"], env=_environment(asset), cwd=str(ROOT)).seconds


def imported_modules(module: str, asset: Path) -> set[str]:
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
        env=_environment(asset),
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
                archive.write(path, path.relative_to(folder))
    return buffer.tell()


def run(runs: int = 10) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="bench-cold-start-") as scratch:
        shipped, precompiled = build_assets(Path(scratch))
        # Warm the OS file cache for every side once; only fresh interpreters are timed.
        for asset in (shipped, precompiled):
            _import_seconds(HANDLER_MODULE, asset)
        _import_seconds("boto3", shipped)
        ours, base = interleaved(
            lambda: _import_seconds(HANDLER_MODULE, shipped), lambda: _import_seconds("boto3", shipped), runs
        )
        source, compiled = interleaved(
            lambda: _import_seconds(HANDLER_MODULE, shipped), lambda: _import_seconds(HANDLER_MODULE, precompiled), runs
        )
        handler_modules, boto3_modules = imported_modules(HANDLER_MODULE, shipped), imported_modules("boto3", shipped)
        beyond = Counter(name.split(".")[0] for name in handler_modules - boto3_modules)
        asset_bytes, runtime_bytes = zipped_bytes(shipped), zipped_bytes(shipped / RUNTIME_PACKAGE)
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
            "cold start: Powertools in the asset vs precompiled (layer)",
            median(source),
            median(compiled),
            "s",
            runs,
            note=(
                "the asset ships no bytecode (it is Python-version specific), so each cold start compiles the "
                f"{beyond['aws_lambda_powertools'] + beyond['typing_extensions']} Powertools and typing_extensions "
                "modules the handler imports; the AWS layer shipped them compiled"
            ),
        ),
        Row(
            "lambda asset, zipped: runtime/ + Powertools vs runtime/",
            asset_bytes / 1e6,
            runtime_bytes / 1e6,
            "MB",
            1,
            note="one asset for all functions (uploaded once per change); runtime/ alone was the asset with the layer",
        ),
    ]
