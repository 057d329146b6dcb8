"""App versions as `make release-client` names them: semantic versions, MAJOR.MINOR.PATCH with an optional
pre-release (https://semver.org, §2 and §9; build metadata is not allowed in a directory name we compare)."""

from __future__ import annotations

import re

SEMVER = re.compile(
    r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?"
)


def is_semver(text: str) -> bool:
    return SEMVER.fullmatch(text) is not None


def sort_key(version: str) -> tuple[tuple[int, int, int], int, tuple[tuple[int, int | str], ...]]:
    """Semver precedence (§11): numbers, then a pre-release before its release, identifiers compared in turn."""
    match = SEMVER.fullmatch(version)
    if match is None:
        raise ValueError(f"{version!r} is not a semantic version (MAJOR.MINOR.PATCH)")
    major, minor, patch, pre = match.groups()
    identifiers = tuple((0, int(part)) if part.isdigit() else (1, part) for part in (pre or "").split(".") if part)
    return (int(major), int(minor), int(patch)), 0 if pre else 1, identifiers
