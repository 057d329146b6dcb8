"""Unpinned installs and bash-only syntax are caught: statically in every buildspec, and when a step runs under sh."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from devtools.pipeline_dryrun.__main__ import main
from devtools.pipeline_dryrun.pins import command_problems
from devtools.pipeline_dryrun.pipeline_model import StepKind

from .helpers import (
    CDK_OUT_ARTIFACTS,
    make_assembly_commands,
    make_repo,
    project,
    read,
    self_mutating_pipeline,
    spec,
    step_lines,
)
from .helpers import write_assembly as write


@pytest.mark.parametrize(
    ("command", "problem"),
    [
        ("npm install -g cdk-assets@latest", "cdk-assets@latest: `latest` is a tag that moves with each release"),
        ("npm install -g aws-cdk", "aws-cdk: no version (npm installs whatever `latest` is on the day)"),
        ("npm i --global @scope/tool@^2", "@scope/tool@^2: a version range, not one version"),
        ("sudo npm install -g yarn && echo done", "yarn: no version (npm installs whatever `latest` is on the day)"),
        ("npx -y cdk@latest synth", "cdk@latest: `latest` is a tag that moves with each release"),
        ("pip install --upgrade pip", "pip: no version (pip installs the newest release)"),
        ('python3 -m pip install "ruff>=0.5"', "ruff>=0.5: not one exact version (use `ruff==<version>`)"),
        ("go install golang.org/x/tools/cmd/goimports@latest", "not one version (go installs the newest)"),
    ],
)
def test_an_install_without_an_exact_version_is_a_problem(command: str, problem: str) -> None:
    (found,) = command_problems(command)
    assert found.endswith(problem)


@pytest.mark.parametrize(
    "command",
    [
        "npm install -g aws-cdk@2.1148.1",
        "npm install -g --prefix /opt/tools cdk-assets@4.7.3 2>&1 | tail -1",
        "npm ci --prefer-offline --no-audit --no-fund",
        "npm install",
        "npx cdk synth",  # the lockfile's local package
        "pip install -r requirements.txt -e .",
        "python3 -m pip install boto3==1.35.0",
        "python3 -m pipeline.install_deps --venv .venv -r requirements-dev.lock",
        "cp pipeline/scripts/hold_self_mutation.py cdk.out/",
        "echo 'npm install -g left-alone'",
    ],
)
def test_pinned_installs_and_other_commands_are_fine(command: str) -> None:
    assert command_problems(command) == []


def pipeline_with(synth_commands: list[str], other_install: str) -> dict:
    """A synth step and, after it, a self-mutation step (never run here) whose install is `other_install`."""
    return self_mutating_pipeline(
        [],
        {
            "SynthProject": project(spec(*synth_commands, artifacts=CDK_OUT_ARTIFACTS)),
            "SelfMutation": project(
                {
                    "version": "0.2",
                    "phases": {
                        "install": {"commands": [other_install]},
                        "build": {"commands": ["cdk -a . deploy Pipe --require-approval=never"]},
                    },
                }
            ),
        },
    )


def summary(out: str) -> dict[str, str]:
    lines = step_lines(out)
    return {line[22:].split()[0]: line for line in lines}  # status (7), kind (11), label: StepResult.line


@pytest.mark.parametrize("install", ["npm install -g aws-cdk@latest", "npm install -g aws-cdk"])
def test_an_unpinned_install_fails_its_step_even_when_the_step_does_not_run(
    tmp_path: Path, install: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assembly = write(tmp_path / "ref", pipeline_with(make_assembly_commands(["Pipe"], {}), install))
    step = read(assembly).of_kind(StepKind.SELF_MUTATE)[0]
    assert step.install_problems and step.install_problems[0].startswith(f"unpinned install `{install}`: aws-cdk")

    repo = make_repo(tmp_path / "repo", {"app.py": ""})
    assert main(["--assembly", str(assembly), "--only", "synth"], repo=repo, work_root=tmp_path) == 1
    lines = summary(capsys.readouterr().out)
    assert lines["Build/Synth"].startswith("PASS")
    mutate = lines["UpdatePipeline/SelfMutate"]
    assert mutate.startswith("FAIL     self-mutate") and f"unpinned install `{install}`" in mutate
    assert mutate.endswith("| NOT RUN: --only synth")


def test_a_pinned_install_leaves_a_step_that_did_not_run_as_not_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assembly = write(tmp_path / "ref", pipeline_with(make_assembly_commands(["Pipe"], {}), "npm i -g aws-cdk@2.1.0"))
    repo = make_repo(tmp_path / "repo", {"app.py": ""})
    assert main(["--assembly", str(assembly), "--only", "synth"], repo=repo, work_root=tmp_path) == 0
    assert summary(capsys.readouterr().out)["UpdatePipeline/SelfMutate"].startswith("NOT RUN")


@pytest.mark.parametrize(
    ("command", "exit_code"),
    [
        ('[[ -n "$HOME" ]]', 127),  # dash: `[[: not found`
        ("source ./helper.sh", 127),  # dash has `.` only
        ("names=(a b c)", 2),  # arrays: a syntax error in dash
        ('echo "${names[0]}"', 2),  # dash: bad substitution
    ],
)
def test_a_step_that_needs_bash_fails_under_sh_as_on_codebuild(
    tmp_path: Path, command: str, exit_code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """CodeBuild runs a buildspec with /bin/sh (dash on its Ubuntu images) unless `env.shell` says bash."""
    assembly = write(tmp_path / "ref", pipeline_with([command, *make_assembly_commands(["Pipe"], {})], "true"))
    repo = make_repo(tmp_path / "repo", {"app.py": "", "helper.sh": "HELPER=1\n"})
    assert main(["--assembly", str(assembly), "--only", "synth"], repo=repo, work_root=tmp_path) == 1
    synth = summary(capsys.readouterr().out)["Build/Synth"]
    assert synth.startswith("FAIL     synth        Build/Synth")
    assert f"phase BUILD: command `{command}` exited with {exit_code}" in synth

    spec = json.loads(read(assembly).of_kind(StepKind.SYNTH)[0].buildspec or "")
    spec["env"] = {"shell": "bash"}  # the same commands pass where the buildspec asks for bash
    template = pipeline_with([], "true")
    template["Resources"]["SynthProject"]["Properties"]["Source"]["BuildSpec"] = json.dumps(spec)
    bash = write(tmp_path / "bash", template)
    assert main(["--assembly", str(bash), "--only", "synth"], repo=repo, work_root=tmp_path) == 0, capsys.readouterr()


# --- cases the two checkers (this one and tests/unit/infra/test_build_pins.py's own) disagreed on ------------------


@pytest.mark.parametrize(
    ("command", "problem"),
    [
        ("npx -- cdk@latest synth", "cdk@latest: `latest` is a tag that moves with each release"),  # was missed here
        (
            "if npm install -g aws-cdk; then echo ok; fi",
            "aws-cdk: no version (npm installs whatever `latest` is on the day)",
        ),
        (
            "echo start # the CLI\nnpm i -g aws-cdk",
            "aws-cdk: no version (npm installs whatever `latest` is on the day)",
        ),
        (".venv/bin/pip install boto3", "boto3: no version (pip installs the newest release)"),  # missed there
        (
            "yarn global add aws-cdk",
            "aws-cdk: no version (npm installs whatever `latest` is on the day)",
        ),  # missed there
    ],
)
def test_an_unpinned_install_is_found_after_any_shell_syntax(command: str, problem: str) -> None:
    (found,) = command_problems(command)
    assert found == problem


@pytest.mark.parametrize(
    "command",
    [
        "npm install -g aws-cdk@2.1148.1\necho done",  # a line break ends the install (`echo`, `done`: no packages)
        "npm install -g aws-cdk@2.1148.1 \\\n  --no-fund",  # a continued line
    ],
)
def test_a_pinned_install_over_several_lines_is_fine(command: str) -> None:
    assert command_problems(command) == []
