"""The fresh copy holds what a source zip of the working tree would: no .git, nothing ignored."""

from __future__ import annotations

from pathlib import Path

from devtools.pipeline_dryrun.workspace import fresh_copy, source_files

from .helpers import make_repo


def test_the_copy_has_tracked_and_untracked_files_but_no_git_and_no_ignored_files(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {"app.py": "print(1)\n", "pkg/mod.py": "", "gone.txt": "deleted later"},
        ignore=[".venv", "node_modules", "cdk.out/", "*.pyc"],
        untracked={
            "new_module.py": "",
            ".venv/bin/python3": "#!/bin/sh\n",
            "node_modules/x/index.js": "",
            "cdk.out/manifest.json": "{}",
            "pkg/mod.pyc": "",
        },
    )
    (repo / "gone.txt").unlink()  # deleted in the working tree, not yet committed
    copy = tmp_path / "copy"

    count = fresh_copy(repo, copy)

    files = sorted(str(p.relative_to(copy)) for p in copy.rglob("*") if p.is_file())
    assert files == [".gitignore", "app.py", "new_module.py", "pkg/mod.py"]
    assert count == 4
    assert not (copy / ".git").exists()


def test_executable_bits_and_symlinks_survive(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"run.sh": "#!/bin/sh\n"})
    (repo / "run.sh").chmod(0o755)
    (repo / "link").symlink_to("run.sh")
    fresh_copy(repo, tmp_path / "copy")
    assert (tmp_path / "copy" / "run.sh").stat().st_mode & 0o111
    assert (tmp_path / "copy" / "link").is_symlink()
    assert "link" in source_files(repo)
