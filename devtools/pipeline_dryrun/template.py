"""The pipeline resource of the synthesized pipeline stack, turned into the CodeBuild steps it runs.

CloudFormation shapes read here:
- AWS::CodePipeline::Pipeline `Stages[].Actions[]` with `ActionTypeId`, `RunOrder`, `InputArtifacts`,
  `OutputArtifacts`, `Region` (cross-region actions), `Namespace`, and for CodeBuild actions
  `Configuration.ProjectName` + `Configuration.EnvironmentVariables` (a JSON string of {name, type, value})
  https://docs.aws.amazon.com/codepipeline/latest/userguide/action-reference-CodeBuild.html
- AWS::CodeBuild::Project `Environment.EnvironmentVariables`, `Environment.Image`, `Source.BuildSpec`,
  `TimeoutInMinutes` (default 60)
  https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-codebuild-project.html

Which steps run offline, and as what: pipeline_model.py (StepKind); stand-ins for the pipeline stack's own
resources: placeholders.py.

Every CodeBuild step, run or not, also gets the static check of its installs (pins.py): an install without an
exact version fails the step.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pipeline.cloudformation.intrinsics import Resolver, Unresolved, pseudo_parameters, resolve
from pipeline.gate.variables import ALARM as GATE_MARKER
from pipeline.gate.variables import TOPIC as GATE_TOPIC

from .pins import install_problems
from .pipeline_model import Deployment, EnvVar, Pipeline, SourceAction, Stage, StageAction, Step, StepKind, aws_kind
from .placeholders import function_placeholders, topic_placeholder

DEFAULT_TIMEOUT_MINUTES = 60  # https://docs.aws.amazon.com/codebuild/latest/APIReference/API_Project.html
POST_DEPLOY_MARKER = "STACK_NAME"


class TemplateError(RuntimeError):
    """The pipeline template has a shape the dry run does not understand."""


def _pipeline_resource(template: Mapping[str, Any]) -> tuple[str, Mapping[str, Any]]:
    found = [(k, r) for k, r in template.get("Resources", {}).items() if r.get("Type") == "AWS::CodePipeline::Pipeline"]
    if len(found) != 1:
        raise TemplateError(f"expected one AWS::CodePipeline::Pipeline, found {len(found)}")
    return found[0]


def _names(artifacts: Iterable[Mapping[str, Any]] | None) -> tuple[str, ...]:
    return tuple(a["Name"] for a in artifacts or ())


def _raw_project_env(project: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return list((project.get("Environment") or {}).get("EnvironmentVariables") or [])


def _project_env(project: Mapping[str, Any], pseudo: Mapping[str, str]) -> tuple[EnvVar, ...]:
    return tuple(
        EnvVar(v["Name"], str(resolve(v.get("Value", ""), pseudo)), v.get("Type", "PLAINTEXT"))
        for v in _raw_project_env(project)
    )


def _gate_project_env(
    project: Mapping[str, Any], pseudo: Mapping[str, str], resources: Mapping[str, Any]
) -> tuple[tuple[EnvVar, ...], tuple[str, ...]]:
    """A gate step's variables: NOTIFY_TOPIC_ARN may be a Ref to the pipeline stack's topic (a placeholder ARN
    here); everything else resolves as in any step."""
    values, placeholders = [], []
    for raw in _raw_project_env(project):
        stand_in = topic_placeholder(raw.get("Value"), resources, pseudo) if raw["Name"] == GATE_TOPIC else None
        if stand_in is None:
            values.append(EnvVar(raw["Name"], str(resolve(raw.get("Value", ""), pseudo)), raw.get("Type", "PLAINTEXT")))
            continue
        values.append(EnvVar(raw["Name"], stand_in, raw.get("Type", "PLAINTEXT")))
        placeholders.append(
            f"{raw['Name']}={stand_in} (placeholder for Ref {raw['Value']['Ref']}: the topic exists once the "
            "pipeline stack is deployed; an override's announcement fails with a warning line)"
        )
    return tuple(values), tuple(placeholders)


def _account_of(role_arn: Any, pseudo: Mapping[str, str]) -> str | None:
    """The account of a (possibly Fn::Join'ed) IAM role ARN, if the template names it."""
    if role_arn is None:
        return None
    parts = str(resolve(role_arn, pseudo, lenient=True)).split(":")
    return parts[4] if len(parts) > 5 and parts[4].isdigit() else None


def _action_env(configuration: Mapping[str, Any], pseudo: Mapping[str, str]) -> tuple[EnvVar, ...]:
    raw = configuration.get("EnvironmentVariables")
    if not raw:
        return ()
    items = json.loads(resolve(raw, pseudo))
    return tuple(EnvVar(v["name"], str(v.get("value", "")), v.get("type", "PLAINTEXT")) for v in items)


def _buildspec_text(buildspec: str | None, primary_input: str | None, artifact_dirs: Mapping[str, Path]) -> str:
    """The buildspec's text, also when it is a file in an input artifact we have locally (the assembly)."""
    if buildspec is None:
        return ""
    stripped = buildspec.strip()
    if "\n" not in stripped and primary_input is not None and primary_input in artifact_dirs:
        path = artifact_dirs[primary_input] / stripped
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return buildspec


def read_pipeline(
    template: Mapping[str, Any],
    *,
    account: str,
    region: str,
    assembly_dir: Path | None = None,
    stack_name: str = "",
) -> Pipeline:
    """The pipeline's steps. `assembly_dir` (the reference assembly) stands for the synth step's output, so
    buildspecs CDK wrote as files into the assembly can be read (what the step is, its installs)."""
    artifact_dirs: dict[str, Path] = {}
    resources = template.get("Resources", {})
    pseudo = pseudo_parameters(account=account, region=region)
    logical_id, pipeline = _pipeline_resource(template)
    props = pipeline["Properties"]
    sources: list[SourceAction] = []
    steps: list[Step] = []
    stages: list[Stage] = []
    for stage in props.get("Stages", []):
        actions = stage.get("Actions", [])
        deployments = [
            Deployment(
                a["Name"],
                str(resolve(a.get("Configuration", {}).get("StackName", ""), pseudo)),
                a.get("Region", region),
                int(a.get("RunOrder", 1)),
                _account_of(a.get("RoleArn") or a.get("Configuration", {}).get("RoleArn"), pseudo),
            )
            for a in actions
            if a["ActionTypeId"]["Provider"] == "CloudFormation"
        ]
        declared = tuple(
            StageAction(
                a["Name"],
                a["ActionTypeId"]["Category"],
                a["ActionTypeId"]["Owner"],
                a["ActionTypeId"]["Provider"],
                str(a["ActionTypeId"].get("Version", "1")),
                int(a.get("RunOrder", 1)),
            )
            for a in actions
        )
        stages.append(Stage(stage["Name"], tuple(deployments), declared))
        for action in actions:
            type_id = action["ActionTypeId"]
            if type_id["Category"] == "Source":
                for artifact in _names(action.get("OutputArtifacts")):
                    sources.append(
                        SourceAction(action["Name"], artifact, action.get("Namespace"), action.get("Configuration", {}))
                    )
                continue
            if type_id["Provider"] != "CodeBuild":
                continue
            steps.append(
                _step(
                    stage["Name"],
                    action,
                    deployments,
                    resources,
                    pseudo,
                    region,
                    {s.artifact for s in sources},
                    artifact_dirs,
                    stack_name,
                )
            )
            if steps[-1].kind is StepKind.SYNTH and assembly_dir is not None:
                artifact_dirs.update({name: assembly_dir for name in steps[-1].outputs})
    return Pipeline(props.get("Name", logical_id), account, region, tuple(sources), tuple(steps), tuple(stages))


def _step(
    stage: str,
    action: Mapping[str, Any],
    deployments: list[Deployment],
    resources: Mapping[str, Any],
    pseudo: Mapping[str, str],
    region: str,
    source_artifacts: set[str],
    artifact_dirs: Mapping[str, Path],
    stack_name: str = "",
) -> Step:
    configuration = action.get("Configuration", {})
    run_order = int(action.get("RunOrder", 1))
    inputs, outputs = _names(action.get("InputArtifacts")), _names(action.get("OutputArtifacts"))
    project_ref = configuration.get("ProjectName")
    project_id = project_ref.get("Ref") if isinstance(project_ref, dict) else None
    project = resources.get(project_id or "", {})
    problem = None
    base = dict(
        stage=stage,
        action=action["Name"],
        run_order=run_order,
        region=action.get("Region", region),
        inputs=inputs,
        outputs=outputs,
        deployed_before=tuple(d for d in deployments if d.run_order < run_order),
    )
    if project.get("Type") != "AWS::CodeBuild::Project":
        return Step(
            **base,
            kind=StepKind.OTHER,
            project_id=str(project_ref),
            image="",
            timeout_minutes=DEFAULT_TIMEOUT_MINUTES,
            project_env=(),
            action_env=(),
            buildspec=None,
            why_not_run=f"project {project_ref!r} is not a CodeBuild project of this template",
        )
    project_props = project["Properties"]
    # Told by the variable's name, which needs no resolving: a gate step stays one even when a value cannot be known.
    gate = any(v.get("Name") == GATE_MARKER for v in _raw_project_env(project_props))
    placeholders: tuple[str, ...] = ()
    try:
        if gate:
            project_env, placeholders = _gate_project_env(project_props, pseudo, resources)
        else:
            project_env = _project_env(project_props, pseudo)
        action_env = _action_env(configuration, pseudo)
    except Unresolved as exc:
        project_env, action_env, problem = (), (), f"an environment variable needs a deployed resource ({exc})"
    raw_buildspec = (project_props.get("Source") or {}).get("BuildSpec")
    primary = inputs[0] if inputs else None
    readable_buildspec = resolve(raw_buildspec, pseudo, lenient=True)
    text = _buildspec_text(readable_buildspec, primary, artifact_dirs)
    refs: dict[str, str] = {}
    if gate:  # before synth: the entry check is a source-input step in a stage without deployments
        kind, why = StepKind.GATE, None
    elif primary in source_artifacts and not deployments:
        kind, why = StepKind.SYNTH, None
    elif base["deployed_before"] and any(v.name == POST_DEPLOY_MARKER for v in project_env):
        kind, why = StepKind.POST_DEPLOY, None
    elif (found := aws_kind(stage, text)) is not None:
        # The permission check may run beside a stage's tests (after its deployments): told by what it runs.
        kind, why = found, None
        if kind is StepKind.PERMISSIONS:
            refs, lines = function_placeholders(raw_buildspec, resources, stack_name)
            placeholders += lines
    elif base["deployed_before"]:
        kind = StepKind.OTHER
        why = (
            f"post-deploy step without {POST_DEPLOY_MARKER} in its project environment (its values come from "
            "CodePipeline variables #{...}); the dry run runs only the static contract"
        )
    else:  # a step the dry run has no particular knowledge of (e.g. a check of the project's own before a stage)
        kind, why = StepKind.GENERIC, None
    try:
        buildspec = Resolver({ref: {"Ref": value} for ref, value in refs.items()}, pseudo).resolve(raw_buildspec)
    except Unresolved as exc:
        buildspec, problem = None, problem or f"the buildspec refers to a deployed resource ({exc})"
    return Step(
        **base,
        kind=kind,
        project_id=project_id or "",
        image=(project_props.get("Environment") or {}).get("Image", ""),
        timeout_minutes=int(project_props.get("TimeoutInMinutes", DEFAULT_TIMEOUT_MINUTES)),
        project_env=project_env,
        action_env=action_env,
        buildspec=buildspec,
        problem=problem,
        why_not_run=why,
        placeholders=placeholders,
        stand_ins=tuple(refs.values()),
        install_problems=install_problems(text),
    )
