"""What the runtime functions' code asset holds: `runtime/` plus the pinned Powertools package and the one
dependency of it that the Python Lambda runtime lacks, copied from this Python's installation (no Docker, no
network, no CDK: the bench reads it too).

Lambda puts the asset in /var/task, first on the runtime's module search path, so the packages sit at the asset's
top level next to `runtime/` (handler strings stay `runtime.<module>.handler`). The runtime itself provides boto3,
botocore and their dependencies, jmespath among them, so those are not shipped
(https://docs.aws.amazon.com/lambda/latest/dg/python-package.html#python-package-searchpath).

No bytecode is shipped: it is specific to the Python minor version (the functions run 3.14, the synth 3.11+) and
would make the asset depend on the machine. The asset's hash is computed here from relative paths and file bytes
only, so every machine with the same pins and the same `runtime/` produces the same asset.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import re
import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path

BACKEND_DIR = Path(__file__).resolve().parents[1]
REQUIREMENTS = BACKEND_DIR.parent / "requirements-dev.txt"
RUNTIME_PACKAGE = "runtime"
# Never shipped: bytecode and tool caches (machine-specific, and Lambda cannot use another Python's bytecode).
SKIPPED_DIRECTORIES = frozenset({"__pycache__", ".pytest_cache", ".mypy_cache"})
SKIPPED_SUFFIXES = (".pyc", ".pyo")


class AssetError(Exception):
    """The installed packages do not match the pins, so the asset would not be the tested code."""


@dataclass(frozen=True)
class Shipped:
    """A distribution copied into the asset: its pinned name in requirements-dev.txt and its top-level module."""

    distribution: str
    module: str


# Powertools (pure Python) and its runtime requirement that Lambda does not provide; jmespath, its other one, comes
# with the runtime's botocore (and shadowing botocore's copy would be worse than using it).
SHIPPED: tuple[Shipped, ...] = (
    Shipped("aws-lambda-powertools", "aws_lambda_powertools"),
    Shipped("typing-extensions", "typing_extensions"),
)


def pinned_version(distribution: str, requirements: Path = REQUIREMENTS) -> str:
    """The `name==X.Y.Z` pin of `distribution` (extras allowed, `-`/`_` alike) in the requirements file."""
    name = "[-_.]".join(re.escape(part) for part in re.split(r"[-_.]", distribution))
    match = re.search(rf"^{name}(?:\[[^\]]*\])?==([0-9][^\s#;]*)", requirements.read_text(), re.MULTILINE | re.I)
    if not match:
        raise ValueError(f"{requirements}: expected a pinned '{distribution}[...]==X.Y.Z'")
    return match.group(1)


def _installed_source(shipped: Shipped, requirements: Path) -> Path:
    pin = pinned_version(shipped.distribution, requirements)
    try:
        installed = importlib.metadata.version(shipped.distribution)
    except importlib.metadata.PackageNotFoundError:
        installed = None
    spec = importlib.util.find_spec(shipped.module)
    if installed != pin or spec is None or spec.origin is None:
        raise AssetError(
            f"{requirements.name} pins {shipped.distribution}=={pin} but this Python has "
            f"{installed or 'none'} installed: run `make deps` before synthesizing"
        )
    origin = Path(spec.origin)
    return origin.parent if origin.name == "__init__.py" else origin


def asset_sources(requirements: Path = REQUIREMENTS) -> dict[str, Path]:
    """Top-level name in the asset -> where it comes from (a directory or a single module file)."""
    sources = {RUNTIME_PACKAGE: BACKEND_DIR / RUNTIME_PACKAGE}
    for shipped in SHIPPED:
        source = _installed_source(shipped, requirements)
        sources[source.name] = source
    return sources


def _skipped(relative: Path) -> bool:
    return any(part in SKIPPED_DIRECTORIES for part in relative.parts) or relative.name.endswith(SKIPPED_SUFFIXES)


def asset_files(sources: dict[str, Path]) -> list[tuple[str, Path]]:
    """(path inside the asset, file to copy), sorted by path; caches and bytecode left out."""
    files: list[tuple[str, Path]] = []
    for name, source in sources.items():
        if source.is_file():
            files.append((name, source))
            continue
        for path in source.rglob("*"):
            relative = path.relative_to(source)
            if path.is_file() and not _skipped(relative):
                files.append(((Path(name) / relative).as_posix(), path))
    return sorted(files)


def content_hash(files: list[tuple[str, Path]]) -> str:
    """SHA-256 over each file's asset path and bytes: independent of where and how the packages were installed."""
    digest = hashlib.sha256()
    for relative, path in files:
        data = path.read_bytes()
        digest.update(f"{relative}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def copy_files(files: list[tuple[str, Path]], target: Path) -> None:
    """Write the asset's files under `target` (readable by Lambda: 0644 files, 0755 directories)."""
    for relative, path in files:
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True, mode=0o755)
        shutil.copyfile(path, destination)
        destination.chmod(0o644)


@dataclass(frozen=True)
class Asset:
    files: tuple[tuple[str, Path], ...]
    hash: str


@cache
def runtime_asset() -> Asset:
    """The runtime functions' asset for this checkout and this Python's pinned packages (computed once a process)."""
    files = asset_files(asset_sources())
    return Asset(tuple(files), content_hash(files))
