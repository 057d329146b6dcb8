"""A synth step end to end on a hand-made pipeline: clean environment, fresh copy, artifact checks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from devtools.pipeline_dryrun.environment import StepEnvironmentError, base_environment, substitute
from devtools.pipeline_dryrun.pipeline_model import StepKind
from devtools.pipeline_dryrun.runner import run_step

from .helpers import context, make_assembly_commands, make_repo, synth_template, write_assembly

EXECUTION_ID = "2b1f2a9e-8d1c-4a57-9a3e-0c7f7b0d9e11"  # helpers.context's fake pipeline execution


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    repo = make_repo(
        tmp_path / "repo",
        {"app.py": "", "Makefile": ""},
        ignore=[".venv", "cdk.out/"],
        untracked={".venv/bin/python3": "#!/bin/sh\necho repo-venv\n", "cdk.out/stale.json": "{}"},
    )
    (repo / ".venv" / "bin" / "python3").chmod(0o755)
    return repo


def developer_environ(repo: Path) -> dict[str, str]:
    """What a developer's shell under `make` might hold: credentials, the repo venv first on PATH, CI, CDK_OUTDIR."""
    return {
        "PATH": f"{repo}/.venv/bin:{os.environ['PATH']}",
        "HOME": os.environ.get("HOME", "/root"),
        "AWS_ACCESS_KEY_ID": "AKIALEAK",
        "AWS_SECRET_ACCESS_KEY": "leak",
        "AWS_SESSION_TOKEN": "leak",
        "AWS_PROFILE": "prod-admin",
        "AWS_REGION": "eu-north-1",
        "CI": "true",
        "CDK_OUTDIR": "/tmp/reference",
        "VIRTUAL_ENV": str(repo / ".venv"),
        "MAKEFLAGS": "-j2",
        "LANG": "C.UTF-8",
    }


def read_env(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)


def test_the_synth_step_runs_in_a_clean_copy_with_codebuild_variables_and_no_credentials(
    tmp_path: Path, repo: Path
) -> None:
    report = tmp_path / "report"
    report.mkdir()
    buildspec = {
        "version": "0.2",
        "env": {"variables": {"FROM_BUILDSPEC": "spec", "OVERRIDDEN": "spec"}},
        "phases": {
            "build": {
                "commands": [
                    f"env > {report}/env.txt",
                    f"ls -A > {report}/ls.txt",
                    f"(command -v python3 || echo none) > {report}/python3.txt",
                    *make_assembly_commands(["Pipe", "Support"], {"assembly-Dev": ["DevApp"]}),
                ]
            }
        },
        "artifacts": {"base-directory": "cdk.out", "files": ["**/*"]},
    }
    template = synth_template(
        buildspec,
        project_env={"OVERRIDDEN": "project", "FROM_PROJECT": "project"},
        action_env={"OVERRIDDEN": "action", "EXECUTION": "#{codepipeline.PipelineExecutionId}"},
    )
    assembly = write_assembly(tmp_path / "ref", template, extra_stacks=["Support"], nested={"assembly-Dev": ["DevApp"]})
    lines: list[str] = []
    ctx = context(repo, assembly, developer_environ(repo), lines)

    result = run_step(ctx.pipeline.of_kind(StepKind.SYNTH)[0], ctx)

    assert result.status == "PASS", "\n".join(lines)
    assert result.detail == "assembly cdk.out has the reference's 3 stacks"
    env = read_env(report / "env.txt")
    assert not {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"} & set(env)
    assert env["AWS_EC2_METADATA_DISABLED"] == "true"
    assert not Path(env["AWS_CONFIG_FILE"]).exists() and not Path(env["AWS_SHARED_CREDENTIALS_FILE"]).exists()
    assert env["AWS_REGION"] == env["AWS_DEFAULT_REGION"] == "us-east-1"  # the pipeline's region, not the developer's
    assert "CI" not in env and "CDK_OUTDIR" not in env and "VIRTUAL_ENV" not in env and "MAKEFLAGS" not in env
    assert f"{repo}/.venv/bin" not in env["PATH"].split(":")
    assert Path(report / "python3.txt").read_text().strip() != f"{repo}/.venv/bin/python3"
    src = Path(env["CODEBUILD_SRC_DIR"])
    assert src != repo and not src.exists()  # a fresh copy, deleted after the PASS
    assert env["CODEBUILD_RESOLVED_SOURCE_VERSION"] == "a" * 40
    assert env["CODEBUILD_BUILD_ID"].startswith("SynthProject:")
    assert (env["FROM_BUILDSPEC"], env["FROM_PROJECT"], env["OVERRIDDEN"]) == ("spec", "project", "action")
    assert env["EXECUTION"] == EXECUTION_ID
    assert (report / "ls.txt").read_text().split() == [".gitignore", "Makefile", "app.py"]
    assert any(line.startswith("[synth] [Container] Running command env >") for line in lines)


def test_a_missing_artifact_directory_fails_the_step_and_keeps_the_build_directory(tmp_path: Path, repo: Path) -> None:
    template = synth_template(
        {
            "version": "0.2",
            "phases": {"build": {"commands": ["echo no synth"]}},
            "artifacts": {"base-directory": "cdk.out", "files": "**/*"},
        }
    )
    lines: list[str] = []
    ctx = context(repo, write_assembly(tmp_path / "ref", template), {"PATH": os.environ["PATH"]}, lines)
    result = run_step(ctx.pipeline.of_kind(StepKind.SYNTH)[0], ctx)
    assert result.status == "FAIL"
    assert result.detail == "artifacts: base-directory 'cdk.out' does not exist after the build"
    kept = Path(next(line for line in lines if "build directory kept:" in line).split("kept: ")[1])
    assert (kept / "src" / "app.py").is_file()


def test_other_stacks_than_the_reference_fail_the_step(tmp_path: Path, repo: Path) -> None:
    template = synth_template(
        {
            "version": "0.2",
            "phases": {"build": {"commands": make_assembly_commands(["Pipe"], {})}},
            "artifacts": {"base-directory": "cdk.out", "files": "**/*"},
        }
    )
    ctx = context(
        repo,
        write_assembly(tmp_path / "ref", template, nested={"assembly-Dev": ["DevApp"]}),
        {"PATH": os.environ["PATH"]},
    )
    result = run_step(ctx.pipeline.of_kind(StepKind.SYNTH)[0], ctx)
    assert (result.status, result.detail) == ("FAIL", "stacks missing from the step's assembly: assembly-Dev/DevApp")


def test_a_failing_command_is_reported_by_phase_command_and_exit_code(tmp_path: Path, repo: Path) -> None:
    template = synth_template({"version": "0.2", "phases": {"pre_build": {"commands": ["sh -c 'exit 7'"]}}})
    ctx = context(repo, write_assembly(tmp_path / "ref", template), {"PATH": os.environ["PATH"]})
    result = run_step(ctx.pipeline.of_kind(StepKind.SYNTH)[0], ctx)
    assert (result.status, result.detail) == ("FAIL", "phase PRE_BUILD: command `sh -c 'exit 7'` exited with 7")


def test_base_environment_drops_credentials_ci_and_the_repository_venv(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    env = base_environment({**developer_environ(repo), "PATH": f"./.venv/bin:{repo}/.venv/bin:/usr/bin"}, repo)
    assert not [k for k in env if k.startswith(("AWS_", "CDK_"))]
    assert "CI" not in env and env["HOME"]
    assert env["PATH"] == "/usr/bin"


def test_base_environment_drops_the_gate_variables_a_developer_may_have_set(tmp_path: Path) -> None:
    gate_variables = {
        "GATE_ALARM_NAME": "mine",
        "GATE_OVERRIDE_MODE": "first-deploy",
        "GATE_SECONDS_PER_MINUTE": "0.001",
        "CANARY_FRESHNESS_MINUTES": "1",
        "PIPELINE_NAME": "mine",
        "NOTIFY_TOPIC_ARN": "arn:aws:sns:us-east-1:1:mine",
        "BAKE_MINUTES": "0",
    }
    env = base_environment({"PATH": "/usr/bin", "HOME": "/root", **gate_variables}, tmp_path)
    assert env == {"PATH": "/usr/bin", "HOME": "/root"}


def test_an_unknown_codepipeline_variable_is_an_error() -> None:
    assert (
        substitute("id-#{codepipeline.PipelineExecutionId}", {"codepipeline.PipelineExecutionId": "x"}, variable="V")
        == "id-x"
    )
    with pytest.raises(StepEnvironmentError, match=r"#\{Stack.Output\}"):
        substitute("#{Stack.Output}", {}, variable="V")
