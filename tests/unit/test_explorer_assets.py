"""devtools/explorer_assets.py: the explorer's files from the three tarballs package-lock.json pins, checked against
the lock's integrity; `npm` is a stand-in here that serves tarballs this test builds (no registry)."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import sys
import tarfile
from pathlib import Path

import pytest

from devtools import explorer_assets

FILES = {
    "react": {"umd/react.production.min.js": b"react"},
    "react-dom": {"umd/react-dom.production.min.js": b"react-dom"},
    "graphiql": {"graphiql.min.js": b"graphiql js", "graphiql.min.css": b"graphiql css", "README.md": b"unused"},
}


def tarball(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, content in files.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


def integrity(content: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(content).digest()).decode()


@pytest.fixture()
def registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """A fake `npm` first on PATH: `npm pack a@v b@v --pack-destination d --json` copies the tarballs to d."""
    store = tmp_path / "store"
    store.mkdir()
    packs = {name: tarball(files) for name, files in FILES.items()}
    for name, content in packs.items():
        (store / f"{name}.tgz").write_bytes(content)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "npm"
    fake.write_text(
        f"#!{sys.executable}\n"
        "import json, shutil, sys\n"
        "args = sys.argv[1:]\n"
        "dest = args[args.index('--pack-destination') + 1]\n"
        "specs = [a for a in args[1:] if '@' in a and not a.startswith('-')]\n"
        "out = []\n"
        "for spec in specs:\n"
        "    name, version = spec.rsplit('@', 1)\n"
        f"    shutil.copy({str(store)!r} + '/' + name + '.tgz', dest + '/' + name + '-' + version + '.tgz')\n"
        "    out.append({'name': name, 'filename': name + '-' + version + '.tgz'})\n"
        "print(json.dumps(out))\n"
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return packs


def write_lock(path: Path, packs: dict[str, bytes]) -> Path:
    entries = {f"node_modules/{n}": {"version": "1.0.0", "integrity": integrity(c)} for n, c in packs.items()}
    lock = {"packages": entries}
    path.write_text(json.dumps(lock))
    return path


def test_only_the_served_files_come_out_of_the_pinned_tarballs(tmp_path: Path, registry: dict[str, bytes]) -> None:
    into = tmp_path / "node_modules"
    fetched = explorer_assets.fetch(write_lock(tmp_path / "lock.json", registry), into)

    assert sorted(fetched) == ["graphiql@1.0.0", "react-dom@1.0.0", "react@1.0.0"]
    assert (into / "graphiql" / "graphiql.min.js").read_bytes() == b"graphiql js"
    assert (into / "react-dom" / "umd" / "react-dom.production.min.js").read_bytes() == b"react-dom"
    assert not (into / "graphiql" / "README.md").exists()  # not served: not extracted


def test_a_tarball_that_is_not_what_the_lock_pins_is_refused(tmp_path: Path, registry: dict[str, bytes]) -> None:
    lock = write_lock(tmp_path / "lock.json", {**registry, "graphiql": b"another build"})
    with pytest.raises(explorer_assets.AssetError, match=r"graphiql@1\.0\.0: the tarball does not match"):
        explorer_assets.fetch(lock, tmp_path / "node_modules")
    assert not (tmp_path / "node_modules").exists()  # nothing written, not even the packages that matched


def test_a_package_missing_from_the_lock_is_named(tmp_path: Path, registry: dict[str, bytes]) -> None:
    lock = write_lock(tmp_path / "lock.json", {k: v for k, v in registry.items() if k != "react"})
    with pytest.raises(explorer_assets.AssetError, match=r"packages\.node_modules/react needs a version"):
        explorer_assets.fetch(lock, tmp_path / "node_modules")


def test_the_files_wanted_are_the_explorers_own_list() -> None:
    assert explorer_assets.wanted_files() == {
        "react": ["umd/react.production.min.js"],
        "react-dom": ["umd/react-dom.production.min.js"],
        "graphiql": ["graphiql.min.js", "graphiql.min.css"],
    }
