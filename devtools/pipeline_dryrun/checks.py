"""What is checked after a build succeeded: what CodeBuild checks itself, and what the pipeline relies on.

- UPLOAD_ARTIFACTS: CodeBuild fails the build when an artifact's base-directory does not exist or no file
  matches its `files` (build-spec-ref.html#build-spec.artifacts.base-directory; the phase is attempted even
  after a failed build: view-build-details-phases.html).
- the synth step's artifact is the assembly every later action deploys from: it must hold the same stacks as
  the reference assembly (artifact ids, nested stage assemblies included).
- the post-deploy step's artifact holds its JUnit report: tests ran, none failed or errored.
- the build cache (warnings only, CodeBuild does not fail on them): each `cache.paths` entry names a directory
  the build filled, and the files a `$(codebuild-hash-files ...)` key hashes exist in the source; otherwise
  the cache silently holds nothing or its key never changes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

from .assembly import AssemblyError, stack_ids
from .buildspec import BuildSpec


def artifact_directory(spec: BuildSpec, src_dir: Path) -> Path:
    """The directory the primary artifact is taken from (its base-directory, else the source root)."""
    primary = next((a for a in spec.artifacts if not a.name), None)
    if primary and primary.base_directory:
        matches = sorted(p for p in src_dir.glob(primary.base_directory) if p.is_dir())
        if matches:
            return matches[0]
        return src_dir / primary.base_directory
    return src_dir


def artifact_problems(spec: BuildSpec, src_dir: Path) -> list[str]:
    problems = []
    for artifact in spec.artifacts:
        label = "artifacts" if not artifact.name else f"secondary artifact {artifact.name}"
        bases = [src_dir]
        if artifact.base_directory:
            try:
                bases = sorted(p for p in src_dir.glob(artifact.base_directory) if p.is_dir())
            except ValueError as exc:
                problems.append(f"{label}: base-directory {artifact.base_directory!r}: {exc}")
                continue
            if not bases:
                problems.append(f"{label}: base-directory {artifact.base_directory!r} does not exist after the build")
                continue
        if artifact.files and not any(
            path.is_file() for base in bases for pattern in artifact.files for path in base.glob(pattern)
        ):
            problems.append(
                f"{label}: no file matches {', '.join(artifact.files)} in {bases[0].relative_to(src_dir) or '.'}"
            )
    return problems


def stack_differences(reference: Path, produced: Path) -> list[str]:
    try:
        expected, actual = stack_ids(reference), stack_ids(produced)
    except (AssemblyError, OSError, KeyError) as exc:
        return [f"cannot compare the assemblies: {exc}"]
    problems = []
    if missing := sorted(expected - actual):
        problems.append(f"stacks missing from the step's assembly: {', '.join(missing)}")
    if extra := sorted(actual - expected):
        problems.append(f"stacks not in the reference assembly: {', '.join(extra)}")
    return problems


@dataclass(frozen=True)
class JUnitSummary:
    files: int = 0
    tests: int = 0
    failures: int = 0
    errors: int = 0
    skipped: int = 0

    @property
    def passed(self) -> int:
        return self.tests - self.failures - self.errors - self.skipped

    def problem(self) -> str | None:
        if not self.files:
            return "no JUnit report (*.xml) in the step's output"
        if self.failures or self.errors:
            return f"JUnit: {self.failures} failed, {self.errors} errors of {self.tests}"
        if self.passed <= 0:
            return f"JUnit: no test passed ({self.tests} tests, {self.skipped} skipped)"
        return None

    def describe(self) -> str:
        return f"{self.passed} passed, {self.failures} failed, {self.errors} errors, {self.skipped} skipped"


def junit_summary(directory: Path) -> JUnitSummary:
    """Totals over every JUnit XML file below `directory` (pytest writes <testsuites><testsuite .../>)."""
    files = tests = failures = errors = skipped = 0
    for path in sorted(directory.rglob("*.xml")) if directory.is_dir() else []:
        try:
            root = ElementTree.parse(path).getroot()  # noqa: S314 - the JUnit report pytest wrote in this build
        except ElementTree.ParseError:
            continue
        suites = [s for s in root.iter("testsuite") if s.find("testsuite") is None]
        if not suites:
            continue
        files += 1
        for suite in suites:
            tests += int(suite.get("tests", 0))
            failures += int(suite.get("failures", 0))
            errors += int(suite.get("errors", 0))
            skipped += int(suite.get("skipped", suite.get("skips", 0)))
    return JUnitSummary(files, tests, failures, errors, skipped)


CODEBUILD_HOME = "/root"  # CodeBuild's standard images build as root
HASH_FILES = re.compile(r"\$\(codebuild-hash-files ([^)]*)\)")


def _fixed_prefix(pattern: str) -> str:
    """The directory part of a cache path before its first glob character (`/root/.npm/**/*` -> `/root/.npm`)."""
    parts = []
    for part in pattern.split("/"):
        if any(c in part for c in "*?[{"):
            break
        parts.append(part)
    return "/".join(parts) or "."


def cache_warnings(spec: BuildSpec, src_dir: Path, home: str | None) -> list[str]:
    """What would make the build cache useless; CodeBuild's /root is this machine's HOME here."""
    warnings = []
    for pattern in spec.cache_paths:
        prefix = _fixed_prefix(pattern)
        if home and (prefix == CODEBUILD_HOME or prefix.startswith(CODEBUILD_HOME + "/")):
            prefix = home + prefix[len(CODEBUILD_HOME) :]
        directory = Path(prefix) if prefix.startswith("/") else src_dir / prefix
        if not directory.is_dir() or not any(directory.iterdir()):
            warnings.append(f"cache path {pattern}: nothing to cache ({directory} is empty or missing after the build)")
    for match in HASH_FILES.finditer(spec.cache_key or ""):
        missing = [f for f in match.group(1).split() if not any(src_dir.glob(f))]
        if missing:
            warnings.append(f"cache key hashes {', '.join(missing)}: not in the source, the key would not follow it")
    return warnings
