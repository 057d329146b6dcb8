"""What the dry run reads of the pipeline: its stages, deployments, source actions and CodeBuild steps.

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
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


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
