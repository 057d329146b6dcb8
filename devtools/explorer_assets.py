"""The explorer's browser files without `npm ci`: `make sandbox` needs four files of three npm packages.

`npm ci` installs about 200 packages (the CDK CLI, Amplify, cdk-assets) that only the tests, the synth and the
pipeline use; on an empty machine that is most of a first `make sandbox`. Here `npm pack` fetches just the
packages the explorer serves files from (sandbox/web/explorer.py, ASSETS), at the versions package-lock.json
pins, through npm's own cache and registry settings; each tarball must match the lock's integrity hash, and only
the served files are extracted, to node_modules/<package>/ where `npm ci` would put them (a later `npm ci`
replaces node_modules whole).

    .venv/bin/python -m devtools.explorer_assets
"""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from collections import defaultdict
from pathlib import Path

from pipeline.project_root import PROJECT_ROOT
from sandbox.web.explorer import ASSETS, NODE_MODULES


class AssetError(RuntimeError):
    """A package cannot be fetched, or is not what the lock file pins."""


def wanted_files(node_modules: Path = NODE_MODULES) -> dict[str, list[str]]:
    """package name -> the paths inside it that the explorer serves."""
    wanted: dict[str, list[str]] = defaultdict(list)
    for path, _content_type in ASSETS.values():
        if not path.is_relative_to(node_modules):
            continue  # the explorer's own files, in the repository
        parts = path.relative_to(node_modules).parts
        size = 2 if parts[0].startswith("@") else 1  # @scope/name
        wanted["/".join(parts[:size])].append("/".join(parts[size:]))
    return dict(wanted)


def pinned(lock: dict, package: str) -> tuple[str, str]:
    try:
        entry = lock["packages"][f"node_modules/{package}"]
        return entry["version"], entry["integrity"]
    except KeyError:
        key = f"packages.node_modules/{package}"
        raise AssetError(f"package-lock.json: {key} needs a version and an integrity") from None


def matches(tarball: bytes, integrity: str) -> bool:
    """Subresource-integrity form, as npm writes it: `<algorithm>-<base64 digest>` (any of several)."""
    for candidate in integrity.split():
        algorithm, _, expected = candidate.partition("-")
        if algorithm in ("sha512", "sha384", "sha256"):
            if base64.b64encode(hashlib.new(algorithm, tarball).digest()).decode() == expected:
                return True
    return False


def extract(tarball: Path, files: list[str], target: Path) -> None:
    with tarfile.open(tarball, "r:gz") as archive:
        for name in files:
            try:
                member = archive.getmember(f"package/{name}")  # npm packs every file under package/
            except KeyError:
                raise AssetError(f"{tarball.name} has no {name}") from None
            source = archive.extractfile(member)
            if source is None:
                raise AssetError(f"{tarball.name}: {name} is not a file")
            destination = target / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(source.read())


def fetch(lock_path: Path = PROJECT_ROOT / "package-lock.json", into: Path = NODE_MODULES) -> list[str]:
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    wanted = wanted_files()
    pins = {package: pinned(lock, package) for package in wanted}
    specs = [f"{package}@{version}" for package, (version, _integrity) in pins.items()]
    with tempfile.TemporaryDirectory(prefix="explorer-assets-") as scratch:
        packed = subprocess.run(  # one npm run for all of them: each start of npm costs about a second
            ["npm", "pack", *specs, "--pack-destination", scratch, "--json", "--silent"],
            cwd=scratch,
            capture_output=True,
            text=True,
        )
        if packed.returncode != 0:
            raise AssetError(f"npm pack {' '.join(specs)}: {packed.stderr.strip()[-500:]}")
        tarballs = {entry["name"]: Path(scratch) / entry["filename"] for entry in json.loads(packed.stdout)}
        for package, (version, integrity) in pins.items():  # all checked before any file is written
            if package not in tarballs or not matches(tarballs[package].read_bytes(), integrity):
                raise AssetError(f"{package}@{version}: the tarball does not match package-lock.json's integrity")
        for package, files in wanted.items():
            extract(tarballs[package], files, into / package)
    return specs


def main() -> int:
    try:
        fetched = fetch()
    except (AssetError, OSError, ValueError) as exc:
        print(f"explorer assets: {exc}", file=sys.stderr)
        return 1
    print(f"explorer assets: {', '.join(fetched)} (only the files the explorer serves)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
