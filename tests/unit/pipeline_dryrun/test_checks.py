"""After the build: artifact directories (CodeBuild's UPLOAD_ARTIFACTS), same stacks, JUnit results."""

from __future__ import annotations

from pathlib import Path

from devtools.pipeline_dryrun.buildspec import BuildSpec, parse_buildspec
from devtools.pipeline_dryrun.checks import artifact_problems, junit_summary, stack_differences

from .helpers import write_assembly


def spec(artifacts: dict) -> BuildSpec:
    return parse_buildspec({"version": "0.2", "phases": {"build": {"commands": ["true"]}}, "artifacts": artifacts})


def test_a_missing_base_directory_fails(tmp_path: Path) -> None:
    problems = artifact_problems(spec({"base-directory": "cdk.out", "files": ["**/*"]}), tmp_path)
    assert problems == ["artifacts: base-directory 'cdk.out' does not exist after the build"]


def test_a_secondary_artifact_is_checked_too(tmp_path: Path) -> None:
    (tmp_path / "cdk.out").mkdir()
    (tmp_path / "cdk.out" / "manifest.json").write_text("{}")
    buildspec = spec(
        {
            "base-directory": "cdk.out",
            "files": ["**/*"],
            "secondary-artifacts": {"reports": {"base-directory": "reports", "files": ["*.xml"]}},
        }
    )
    assert artifact_problems(buildspec, tmp_path) == [
        "secondary artifact reports: base-directory 'reports' does not exist after the build"
    ]


def test_an_empty_base_directory_fails_and_a_filled_one_passes(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    buildspec = spec({"base-directory": "out", "files": ["**/*"]})
    assert artifact_problems(buildspec, tmp_path) == ["artifacts: no file matches **/* in out"]
    (tmp_path / "out" / "nested").mkdir()
    (tmp_path / "out" / "nested" / "file.txt").write_text("x")
    assert artifact_problems(buildspec, tmp_path) == []


def test_stacks_are_compared_across_nested_assemblies(tmp_path: Path) -> None:
    reference = write_assembly(tmp_path / "ref", {}, extra_stacks=["Support"], nested={"assembly-Dev": ["DevApp"]})
    same = write_assembly(tmp_path / "same", {}, extra_stacks=["Support"], nested={"assembly-Dev": ["DevApp"]})
    other = write_assembly(tmp_path / "other", {}, nested={"assembly-Dev": ["DevApp2"]})
    assert stack_differences(reference, same) == []
    assert stack_differences(reference, other) == [
        "stacks missing from the step's assembly: Support, assembly-Dev/DevApp",
        "stacks not in the reference assembly: assembly-Dev/DevApp2",
    ]


JUNIT = (
    '<testsuites><testsuite name="pytest" tests="{tests}" failures="{failures}" errors="{errors}" '
    'skipped="{skipped}"/></testsuites>'
)


def test_junit_totals_decide(tmp_path: Path) -> None:
    assert junit_summary(tmp_path).problem() == "no JUnit report (*.xml) in the step's output"
    report = tmp_path / "junit.xml"
    report.write_text(JUNIT.format(tests=5, failures=0, errors=0, skipped=1))
    assert junit_summary(tmp_path).problem() is None
    assert junit_summary(tmp_path).describe() == "4 passed, 0 failed, 0 errors, 1 skipped"
    report.write_text(JUNIT.format(tests=5, failures=1, errors=1, skipped=0))
    assert junit_summary(tmp_path).problem() == "JUnit: 1 failed, 1 errors of 5"
    report.write_text(JUNIT.format(tests=0, failures=0, errors=0, skipped=0))
    assert junit_summary(tmp_path).problem() == "JUnit: no test passed (0 tests, 0 skipped)"
