"""The pipeline resource of the synthesized pipeline stack, turned into the CodeBuild steps it runs.

CloudFormation shapes read here:
- AWS::CodePipeline::Pipeline `Stages[].Actions[]` with `ActionTypeId`, `RunOrder`, `InputArtifacts`,
  `OutputArtifacts`, `Region` (cross-region actions), `Namespace`, and for CodeBuild actions
  `Configuration.ProjectName` + `Configuration.EnvironmentVariables` (a JSON string of {name, type, value})
  https://docs.aws.amazon.com/codepipeline/latest/userguide/action-reference-CodeBuild.html
- AWS::CodeBuild::Project `Environment.EnvironmentVariables`, `Environment.Image`, `Source.BuildSpec`,
  `TimeoutInMinutes` (default 60)
  https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-codebuild-project.html

Which steps run offline (each in the sandbox session but the synth step):
- synth: a CodeBuild action on the source artifact in a stage without deployments (CDK Pipelines' Build stage);
- self-mutate: the `cdk -a . deploy` of the pipeline stack (CDK Pipelines' UpdatePipeline stage), on the synth
  output, its AWS calls answered by the sandbox's moto (aws_steps.py);
- assets: the `cdk-assets ... publish` step(s) (CDK Pipelines' Assets stage), against the sandbox's S3;
- permissions: the permission-broadening check (`cdk diff --security-only`, CDK Pipelines' ConfirmPermissionsBroadening)
  against the sandbox's moto. Its buildspec names the auto-approve Lambda of the pipeline stack by `Ref`: a
  placeholder name here (the function exists once the pipeline stack is deployed), said in one line;
- post-deploy: a CodeBuild action after a CloudFormation deployment of its stage whose project environment
  holds STACK_NAME (the static contract: the step reads the stack outputs itself);
- gate: a CodeBuild action whose project environment holds GATE_ALARM_NAME (pipeline/gate/variables.py): the
  entry check `GateCheck-<env>` in the stage `Gate-<target>` before the gated stage (a stage without
  deployments, so it must be told from the synth step by its variables, not by its position) and the bake
  `Bake-<env>` after the gated stage's tests. Their one variable that names a resource of the pipeline stack,
  NOTIFY_TOPIC_ARN (a `Ref` to the notification topic, which Ref gives as the topic's ARN), gets a placeholder
  ARN of that topic in the pipeline's account and region; any other deployed-resource reference, and this one in
  any other step, stays unresolvable;
- codebuild: any other CodeBuild step (one of the project's own, e.g. a check before a stage), run as written on
  its inputs (the source, the synth output) with the sandbox's moto as its AWS, like the three above: PASS when its
  build succeeds. When the dry run cannot give it an input or a variable, it is NOT RUN with the reason;
- a post-deploy step whose values come from CodePipeline variables (`#{...}` of a deployment) is NOT RUN.

Every CodeBuild step, run or not, also gets the static check of its installs (pins.py): an install without an
exact version fails the step.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from cloudformation.intrinsics import Resolver, Unresolved, pseudo_parameters, resolve
from pipeline.gate.variables import ALARM as GATE_MARKER
from pipeline.gate.variables import TOPIC as GATE_TOPIC

from .buildspec import BuildSpecError, parse_buildspec
from .pins import unpinned_installs

DEFAULT_TIMEOUT_MINUTES = 60  # https://docs.aws.amazon.com/codebuild/latest/APIReference/API_Project.html
POST_DEPLOY_MARKER = "STACK_NAME"


class StepKind(StrEnum):
    SYNTH = "synth"
    SELF_MUTATE = "self-mutate"
    ASSETS = "assets"
    PERMISSIONS = "permissions"
    GENERIC = "codebuild"  # any other CodeBuild step: run as written, with the sandbox's moto as its AWS
    POST_DEPLOY = "post-deploy"
    GATE = "gate"
    OTHER = "other"


# Run against the sandbox's moto through the recording proxy (aws_steps.py).
AWS_KINDS = (StepKind.SELF_MUTATE, StepKind.ASSETS, StepKind.PERMISSIONS, StepKind.GENERIC)


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
class StageAction:
    """An action of a stage as CodePipeline declares it (name, ActionTypeId, RunOrder)."""

    name: str
    category: str
    owner: str
    provider: str
    version: str
    run_order: int


@dataclass(frozen=True)
class Stage:
    name: str
    deployments: tuple[Deployment, ...]
    actions: tuple[StageAction, ...] = ()


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
    stand_ins: tuple[str, ...] = ()  # the stand-in values of the pipeline stack's resources its buildspec names
    install_problems: tuple[str, ...] = ()  # unpinned installs of its buildspec (pins.py)

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


def function_placeholder(logical_id: str, resources: Mapping[str, Any], stack_name: str) -> str | None:
    """For a Ref to an AWS::Lambda::Function of this template: the name Ref returns once deployed, its FunctionName
    or, when CloudFormation generates it, `<stack name>-<logical id>` cut to Lambda's 64 characters (CloudFormation
    adds a random suffix of its own). None for any other resource.
    https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-function.html#aws-resource-lambda-function-return-values"""
    resource = resources.get(logical_id)
    if not isinstance(resource, dict) or resource.get("Type") != "AWS::Lambda::Function":
        return None
    name = (resource.get("Properties") or {}).get("FunctionName")
    if isinstance(name, str) and name:
        return name
    return f"{stack_name or 'stack'}-{logical_id}"[:64]


def _refs(value: Any) -> set[str]:
    if isinstance(value, dict):
        if set(value) == {"Ref"} and isinstance(value["Ref"], str):
            return {value["Ref"]}
        return {ref for item in value.values() for ref in _refs(item)}
    if isinstance(value, list):
        return {ref for item in value for ref in _refs(item)}
    return set()


def _function_placeholders(
    raw_buildspec: Any, resources: Mapping[str, Any], stack_name: str
) -> tuple[dict[str, str], tuple[str, ...]]:
    """Stand-in values for the buildspec's Refs to Lambda functions of the pipeline stack, and one line each."""
    values: dict[str, str] = {}
    for ref in sorted(_refs(raw_buildspec)):
        if (name := function_placeholder(ref, resources, stack_name)) is not None:
            values[ref] = name
    lines = tuple(
        f"Ref {ref} = {name} (placeholder: the name of the pipeline stack's Lambda function once it is deployed)"
        for ref, name in values.items()
    )
    return values, lines


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


def aws_kind(stage: str, buildspec_text: str) -> StepKind | None:
    """The CDK Pipelines step a buildspec is, recognized by what it runs: self-mutation (`cdk -a . deploy` of the
    pipeline stack, in the UpdatePipeline stage), asset publishing (`cdk-assets ... publish`), the permission check
    (`cdk diff ... --security-only`)."""
    if "cdk -a . deploy" in buildspec_text or stage == "UpdatePipeline":
        return StepKind.SELF_MUTATE
    if "cdk-assets" in buildspec_text and "publish" in buildspec_text:
        return StepKind.ASSETS
    if "--security-only" in buildspec_text:
        return StepKind.PERMISSIONS
    return None


def install_problems(buildspec_text: str) -> tuple[str, ...]:
    """The unpinned installs of a buildspec's commands (every phase, `finally` included); () when it cannot be read
    here (a file in an artifact the dry run does not have: the step reports that when it runs)."""
    try:
        parsed = yaml.safe_load(buildspec_text) if buildspec_text else None
        spec = parse_buildspec(parsed) if isinstance(parsed, dict) else None
    except (yaml.YAMLError, BuildSpecError):
        return ()
    if spec is None:
        return ()
    commands = [c for phase in spec.phases for c in (*phase.commands, *phase.finally_commands)]
    return tuple(unpinned_installs(commands))


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
            refs, lines = _function_placeholders(raw_buildspec, resources, stack_name)
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
