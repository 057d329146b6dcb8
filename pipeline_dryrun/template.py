"""The pipeline resource of the synthesized pipeline stack, turned into the CodeBuild steps it runs.

CloudFormation shapes read here:
- AWS::CodePipeline::Pipeline `Stages[].Actions[]` with `ActionTypeId`, `RunOrder`, `InputArtifacts`,
  `OutputArtifacts`, `Region` (cross-region actions), `Namespace`, and for CodeBuild actions
  `Configuration.ProjectName` + `Configuration.EnvironmentVariables` (a JSON string of {name, type, value})
  https://docs.aws.amazon.com/codepipeline/latest/userguide/action-reference-CodeBuild.html
- AWS::CodeBuild::Project `Environment.EnvironmentVariables`, `Environment.Image`, `Source.BuildSpec`,
  `TimeoutInMinutes` (default 60)
  https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-codebuild-project.html

Which steps run offline:
- synth: a CodeBuild action on the source artifact in a stage without deployments (CDK Pipelines' Build stage);
- post-deploy: a CodeBuild action after a CloudFormation deployment of its stage whose project environment
  holds STACK_NAME (the static contract: the step reads the stack outputs itself);
- gate: a CodeBuild action whose project environment holds GATE_ALARM_NAME (pipeline/gate/variables.py): the
  entry check `GateCheck-<env>` in the stage `Gate-<target>` before the gated stage (a stage without
  deployments, so it must be told from the synth step by its variables, not by its position) and the bake
  `Bake-<env>` after the gated stage's tests. Their one variable that names a resource of the pipeline stack,
  NOTIFY_TOPIC_ARN (a `Ref` to the notification topic, which Ref gives as the topic's ARN), gets a placeholder
  ARN of that topic in the pipeline's account and region; any other deployed-resource reference, and this one in
  any other step, stays unresolvable;
- everything else needs AWS and is listed with the reason.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from pipeline.gate.variables import ALARM as GATE_MARKER
from pipeline.gate.variables import TOPIC as GATE_TOPIC

from .intrinsics import Unresolvable, pseudo_parameters, resolve

DEFAULT_TIMEOUT_MINUTES = 60  # https://docs.aws.amazon.com/codebuild/latest/APIReference/API_Project.html
POST_DEPLOY_MARKER = "STACK_NAME"


class StepKind(StrEnum):
    SYNTH = "synth"
    POST_DEPLOY = "post-deploy"
    GATE = "gate"
    OTHER = "other"


class TemplateError(RuntimeError):
    """The pipeline template has a shape the dry run does not understand."""


@dataclass(frozen=True)
class EnvVar:
    name: str
    value: str
    type: str = "PLAINTEXT"  # PLAINTEXT | PARAMETER_STORE | SECRETS_MANAGER


@dataclass(frozen=True)
class Deployment:
    """A CloudFormation action of a stage: which stack, where, when."""

    action: str
    stack_name: str
    region: str
    run_order: int
    account: str | None = None  # from the action's role ARN (CDK Pipelines: the target account's deploy role)


@dataclass(frozen=True)
class Stage:
    name: str
    deployments: tuple[Deployment, ...]


@dataclass(frozen=True)
class SourceAction:
    name: str
    artifact: str
    namespace: str | None
    configuration: Mapping[str, Any]


@dataclass(frozen=True)
class Step:
    stage: str
    action: str
    run_order: int
    kind: StepKind
    project_id: str
    image: str
    timeout_minutes: int
    region: str
    inputs: tuple[str, ...]  # the first one is the primary input (CODEBUILD_SRC_DIR)
    outputs: tuple[str, ...]
    project_env: tuple[EnvVar, ...]
    action_env: tuple[EnvVar, ...]
    buildspec: str | None  # Source.BuildSpec: the buildspec itself or a file name in the primary input
    deployed_before: tuple[Deployment, ...]  # deployments of the same stage that run before this action
    problem: str | None = None  # why the step cannot be read, if it cannot
    why_not_run: str | None = None  # for StepKind.OTHER
    placeholders: tuple[str, ...] = ()  # variables given a stand-in value offline, each as one line

    @property
    def label(self) -> str:
        return f"{self.stage}/{self.action}"

    @property
    def prefix(self) -> str:
        """Output prefix: the action name, which is unique enough and what the console shows."""
        return "synth" if self.kind is StepKind.SYNTH else self.action


@dataclass(frozen=True)
class Pipeline:
    name: str
    account: str
    region: str
    sources: tuple[SourceAction, ...]
    steps: tuple[Step, ...]
    stages: tuple[Stage, ...] = ()  # in pipeline order, with their CloudFormation deployments

    def of_kind(self, kind: StepKind) -> list[Step]:
        return [step for step in self.steps if step.kind is kind]

    @property
    def source_artifacts(self) -> set[str]:
        return {source.artifact for source in self.sources}

    @property
    def synth_outputs(self) -> set[str]:
        """The synth step's output artifacts: the cloud assembly later actions deploy from."""
        return {name for step in self.of_kind(StepKind.SYNTH) for name in step.outputs}


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


def topic_placeholder(value: Any, resources: Mapping[str, Any], pseudo: Mapping[str, str]) -> str | None:
    """For `{"Ref": <an AWS::SNS::Topic of this template>}`: the ARN that Ref returns once deployed, with the topic's
    TopicName or, when CloudFormation would generate the name, the logical id. None for any other value.
    https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sns-topic.html#aws-resource-sns-topic-return-values"""
    if not isinstance(value, dict) or set(value) != {"Ref"}:
        return None
    logical_id = value["Ref"]
    resource = resources.get(logical_id) if isinstance(logical_id, str) else None
    if not isinstance(resource, dict) or resource.get("Type") != "AWS::SNS::Topic":
        return None
    name = (resource.get("Properties") or {}).get("TopicName")
    name = name if isinstance(name, str) and name else logical_id
    return f"arn:{pseudo['AWS::Partition']}:sns:{pseudo['AWS::Region']}:{pseudo['AWS::AccountId']}:{name}"


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


def _why_not_run(stage: str, buildspec_text: str, inputs: tuple[str, ...]) -> str:
    """One line saying why a step needs real AWS (recognized by what its buildspec runs)."""
    if "cdk -a . deploy" in buildspec_text or stage == "UpdatePipeline":
        return (
            "self-mutation: `cdk deploy` of the pipeline stack itself needs AWS credentials and the deployed pipeline"
        )
    if "cdk-assets" in buildspec_text:
        return (
            "asset publishing: `cdk-assets publish` uploads to the environments' bootstrap buckets/repositories "
            "(needs AWS)"
        )
    if "--security-only" in buildspec_text:
        return (
            "permission-broadening check: `cdk diff --security-only` against the deployed stage and the "
            "auto-approve Lambda need AWS"
        )
    return f"input {', '.join(inputs) or '(none)'}: only the synth, post-deploy test and gate steps run offline"


def read_pipeline(
    template: Mapping[str, Any], *, account: str, region: str, assembly_dir: Path | None = None
) -> Pipeline:
    """The pipeline's steps. `assembly_dir` (the reference assembly) stands for the synth step's output, so
    buildspecs CDK wrote as files into the assembly can be read for the not-run reasons."""
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
        stages.append(Stage(stage["Name"], tuple(deployments)))
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
    except Unresolvable as exc:
        project_env, action_env, problem = (), (), f"an environment variable needs a deployed resource ({exc})"
    raw_buildspec = (project_props.get("Source") or {}).get("BuildSpec")
    try:
        buildspec = resolve(raw_buildspec, pseudo)
    except Unresolvable as exc:
        buildspec, problem = None, problem or f"the buildspec refers to a deployed resource ({exc})"
    readable_buildspec = buildspec if buildspec is not None else resolve(raw_buildspec, pseudo, lenient=True)
    primary = inputs[0] if inputs else None
    if gate:  # before synth: the entry check is a source-input step in a stage without deployments
        kind, why = StepKind.GATE, None
    elif primary in source_artifacts and not deployments:
        kind, why = StepKind.SYNTH, None
    elif base["deployed_before"] and any(v.name == POST_DEPLOY_MARKER for v in project_env):
        kind, why = StepKind.POST_DEPLOY, None
    elif base["deployed_before"] and "--security-only" in _buildspec_text(readable_buildspec, primary, artifact_dirs):
        # The next stage's permission check, run beside this stage's tests (pipeline/pipeline_stack.py).
        kind = StepKind.OTHER
        why = _why_not_run(stage, _buildspec_text(readable_buildspec, primary, artifact_dirs), inputs)
    elif base["deployed_before"]:
        kind = StepKind.OTHER
        why = (
            f"post-deploy step without {POST_DEPLOY_MARKER} in its project environment (its values come from "
            "CodePipeline variables #{...}); the dry run runs only the static contract"
        )
    else:
        kind, why = (
            StepKind.OTHER,
            _why_not_run(stage, _buildspec_text(readable_buildspec, primary, artifact_dirs), inputs),
        )
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
    )
