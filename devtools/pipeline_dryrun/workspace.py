"""The fresh copy of the repository that a step's source artifact would hold.

The CodeConnections source action hands CodeBuild a zip of the repository's files at the commit, without
`.git` (output artifact format CODE_ZIP, the default; only CODEBUILD_CLONE_REF would give a clone):
https://docs.aws.amazon.com/codepipeline/latest/userguide/action-reference-CodestarConnectionSource.html
Locally the files are those git would commit from the working tree: tracked plus untracked-not-ignored
(`git ls-files --cached --others --exclude-standard`), so nothing a developer's machine accumulates
(.venv, node_modules, cdk.out, .sandbox) can make a step pass that would fail in CodeBuild.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path


class WorkspaceError(RuntimeError):
    """The repository cannot be listed or copied."""


def source_files(repo: Path) -> list[str]:
    """Repository-relative paths of the files a source zip of the working tree would hold."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=repo,
            check=True,
            capture_output=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        raise WorkspaceError(
            f"cannot list the files of {repo} with git: {detail.decode(errors='replace').strip() or exc}"
        ) from None
    # A conflicted file is listed once per stage: keep each path once, in git's order.
    return list(dict.fromkeys(p for p in listed.decode("utf-8", errors="surrogateescape").split("\0") if p))


def fresh_copy(repo: Path, destination: Path) -> int:
    """Copy the source files of `repo` into `destination` (created); returns how many were copied.

    Paths listed but gone from the working tree (deleted, not yet committed) are skipped, as they would
    be missing from a commit of the working tree; submodule entries (directories) are skipped too."""
    destination.mkdir(parents=True, exist_ok=True)
    copied = 0
    for relative in source_files(repo):
        source, target = repo / relative, destination / relative
        if not source.is_symlink() and not source.is_file():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            os.symlink(os.readlink(source), target)
        else:
            shutil.copy2(source, target)  # keeps the mode: executable scripts stay executable
        copied += 1
    return copied


def head_commit(repo: Path) -> str | None:
    """The commit the working tree is on (what CODEBUILD_RESOLVED_SOURCE_VERSION would name), if any."""
    try:
        return subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=repo, check=True, capture_output=True, text=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
