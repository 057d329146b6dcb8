"""Hand-made pipeline templates, assemblies and repositories for the dry-run tests (no CDK synth)."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from devtools.pipeline_dryrun.assembly import pipeline_stack
from devtools.pipeline_dryrun.environment import BuildIdentity
from devtools.pipeline_dryrun.pipeline_model import Pipeline
from devtools.pipeline_dryrun.step_run import RunContext
from devtools.pipeline_dryrun.template import read_pipeline
from devtools.pipeline_dryrun.variables import SandboxTarget

ACCOUNT, REGION = "111111111111", "us-east-1"
SOURCE = "Repo_Source"
SYNTH_OUTPUT = "Synth_Output"
# What a synth step hands on: the whole cloud assembly.
CDK_OUT_ARTIFACTS = {"base-directory": "cdk.out", "files": ["**/*"]}


def spec(*commands: str, **extra: Any) -> dict[str, Any]:
    """A buildspec whose build phase runs `commands`; `extra` adds top-level keys (artifacts, env)."""
    return {"version": "0.2", "phases": {"build": {"commands": list(commands)}}, **extra}


def project(buildspec: Mapping[str, Any] | str, env: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """An AWS::CodeBuild::Project as CDK writes it (buildspec as a JSON string)."""
    return {
        "Type": "AWS::CodeBuild::Project",
        "Properties": {
            "Environment": {
                "Image": "aws/codebuild/standard:7.0",
                "Type": "LINUX_CONTAINER",
                "EnvironmentVariables": [{"Name": k, "Type": "PLAINTEXT", "Value": v} for k, v in (env or {}).items()],
            },
            # A string or an intrinsic as is; a buildspec object as the JSON string CDK writes.
            "Source": {
                "Type": "CODEPIPELINE",
                "BuildSpec": buildspec
                if isinstance(buildspec, str) or "Fn::Join" in buildspec
                else json.dumps(buildspec),
            },
        },
    }


def codebuild_action(
    name: str,
    project_id: str,
    *,
    inputs: Iterable[str],
    outputs: Iterable[str] = (),
    env: Mapping[str, str] | None = None,
    run_order: int = 1,
) -> dict[str, Any]:
    configuration: dict[str, Any] = {"ProjectName": {"Ref": project_id}}
    if env:
        configuration["EnvironmentVariables"] = json.dumps(
            [{"name": k, "type": "PLAINTEXT", "value": v} for k, v in env.items()]
        )
    return {
        "ActionTypeId": {"Category": "Build", "Owner": "AWS", "Provider": "CodeBuild", "Version": "1"},
        "Configuration": configuration,
        "InputArtifacts": [{"Name": n} for n in inputs],
        "OutputArtifacts": [{"Name": n} for n in outputs],
        "Name": name,
        "RunOrder": run_order,
    }


def deploy_action(
    stack_name: str, *, region: str | None = None, run_order: int = 1, account: str | None = None
) -> dict[str, Any]:
    action: dict[str, Any] = {
        "ActionTypeId": {"Category": "Deploy", "Owner": "AWS", "Provider": "CloudFormation", "Version": "1"},
        "Configuration": {
            "StackName": stack_name,
            "ActionMode": "CREATE_UPDATE",
            "TemplatePath": f"{SYNTH_OUTPUT}::x.template.json",
        },
        "InputArtifacts": [{"Name": SYNTH_OUTPUT}],
        "Name": "App.Deploy",
        "RunOrder": run_order,
    }
    if region:
        action["Region"] = region
    if account:  # CDK Pipelines: the target account's deploy role, as a Fn::Join with the partition
        action["RoleArn"] = {
            "Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, f":iam::{account}:role/cdk-deploy-role-{account}"]]
        }
    return action


def source_stage(namespace: str | None = None) -> dict[str, Any]:
    action: dict[str, Any] = {
        "ActionTypeId": {"Category": "Source", "Owner": "AWS", "Provider": "CodeStarSourceConnection", "Version": "1"},
        "Configuration": {
            "ConnectionArn": "arn:aws:codeconnections:us-east-1:111111111111:connection/x",
            "FullRepositoryId": "org/repo",
            "BranchName": "main",
        },
        "Name": "org_repo",
        "OutputArtifacts": [{"Name": SOURCE}],
        "RunOrder": 1,
    }
    if namespace:
        action["Namespace"] = namespace
    return {"Name": "Source", "Actions": [action]}


def synth_stage(env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """CDK Pipelines' Build stage: the synth step, the source in and the cloud assembly out."""
    return {
        "Name": "Build",
        "Actions": [codebuild_action("Synth", "SynthProject", inputs=[SOURCE], outputs=[SYNTH_OUTPUT], env=env)],
    }


def self_mutation_stage() -> dict[str, Any]:
    """CDK Pipelines' UpdatePipeline stage: the self-mutation step, which reads the cloud assembly."""
    return {
        "Name": "UpdatePipeline",
        "Actions": [codebuild_action("SelfMutate", "SelfMutation", inputs=[SYNTH_OUTPUT])],
    }


def pipeline_template(stages: list[dict[str, Any]], projects: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    return {
        "Resources": {
            "Pipeline": {
                "Type": "AWS::CodePipeline::Pipeline",
                "Properties": {"Name": "app-pipeline", "Stages": stages},
            },
            **projects,
        }
    }


def self_mutating_pipeline(
    later_stages: list[dict[str, Any]], projects: Mapping[str, dict[str, Any]]
) -> dict[str, Any]:
    """CDK Pipelines' first stages (Source, Build, UpdatePipeline), then `later_stages`."""
    return pipeline_template([source_stage(), synth_stage(), self_mutation_stage(), *later_stages], projects)


def synth_template(
    buildspec: Mapping[str, Any],
    *,
    project_env: Mapping[str, str] | None = None,
    action_env: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """A pipeline whose only step is a synth step with this buildspec."""
    return pipeline_template(
        [source_stage(), synth_stage(action_env)], {"SynthProject": project(buildspec, project_env)}
    )


def manifest(
    stacks: Iterable[str],
    nested: Mapping[str, Iterable[str]] | None = None,
    environment: str = f"aws://{ACCOUNT}/{REGION}",
) -> dict[str, Any]:
    artifacts: dict[str, Any] = {
        stack: {
            "type": "aws:cloudformation:stack",
            "environment": environment,
            "properties": {"templateFile": f"{stack}.template.json"},
        }
        for stack in stacks
    }
    for directory in nested or {}:
        artifacts[directory] = {"type": "cdk:cloud-assembly", "properties": {"directoryName": directory}}
    return {"version": "48.0.0", "artifacts": artifacts}


def make_assembly_commands(stacks: list[str], nested: dict[str, list[str]]) -> list[str]:
    """Shell commands that write an assembly with these stacks into cdk.out (a stand-in for `cdk synth`)."""
    commands = [
        f"mkdir -p cdk.out && printf '%s' {shlex.quote(json.dumps(manifest(stacks, nested)))} > cdk.out/manifest.json"
    ]
    commands += [f"echo '{{}}' > cdk.out/{stack}.template.json" for stack in stacks]
    for sub, sub_stacks in nested.items():
        written = shlex.quote(json.dumps(manifest(sub_stacks)))
        commands.append(f"mkdir -p cdk.out/{sub} && printf '%s' {written} > cdk.out/{sub}/manifest.json")
        commands += [f"echo '{{}}' > cdk.out/{sub}/{stack}.template.json" for stack in sub_stacks]
    return commands


def write_assembly(
    directory: Path,
    template: Mapping[str, Any],
    *,
    extra_stacks: Iterable[str] = (),
    nested: Mapping[str, Iterable[str]] | None = None,
) -> Path:
    """A reference assembly: the pipeline stack `Pipe`, extra top-level stacks and nested stage assemblies."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "manifest.json").write_text(json.dumps(manifest(["Pipe", *extra_stacks], nested)))
    (directory / "Pipe.template.json").write_text(json.dumps(template))
    for stack in extra_stacks:
        (directory / f"{stack}.template.json").write_text('{"Resources": {}}')
    for sub, stacks in (nested or {}).items():
        (directory / sub).mkdir()
        (directory / sub / "manifest.json").write_text(json.dumps(manifest(stacks)))
        for stack in stacks:
            (directory / sub / f"{stack}.template.json").write_text('{"Resources": {}}')
    return directory


def make_repo(
    directory: Path, files: Mapping[str, str], *, ignore: Iterable[str] = (), untracked: Mapping[str, str] | None = None
) -> Path:
    """A git repository with `files` staged (no commit needed: ls-files reads the index) and `untracked` ones."""
    directory.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", str(directory)], check=True)
    (directory / ".gitignore").write_text("".join(f"{pattern}\n" for pattern in ignore))
    for relative, text in {**files, **(untracked or {})}.items():
        path = directory / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    subprocess.run(["git", "add", ".gitignore", *files], cwd=directory, check=True)
    return directory


def read(assembly: Path) -> Pipeline:
    stack = pipeline_stack(assembly)
    return read_pipeline(
        stack.template, account=stack.account, region=stack.region, assembly_dir=assembly, stack_name=stack.stack_name
    )


def context(
    repo: Path, assembly: Path, environ: Mapping[str, str], lines: list[str] | None = None, **kwargs: Any
) -> RunContext:
    return RunContext(
        repo=repo,
        assembly=assembly,
        pipeline=read(assembly),
        identity=BuildIdentity("2b1f2a9e-8d1c-4a57-9a3e-0c7f7b0d9e11", "a" * 40, 1_700_000_000_000),
        environ=dict(environ),
        out=(lines.append if lines is not None else (lambda _line: None)),
        work_root=kwargs.pop("work_root", assembly.parent),
        **kwargs,
    )


def step_lines(out: str) -> list[str]:
    """The dry run's line per step: what it prints after the heading of the hand-made pipeline."""
    return out.split("pipeline app-pipeline (us-east-1)")[1].splitlines()[1:]


def environ() -> dict[str, str]:
    """The least a step's process needs from this one's environment (PATH and HOME)."""
    return {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/root")}


def sandbox_at(endpoint: str) -> SandboxTarget:
    """A sandbox whose moto answers at `endpoint`, with moto's dummy keys and default account."""
    return SandboxTarget("sandbox", "us-east-1", endpoint, "testing", "testing", None, "123456789012")
