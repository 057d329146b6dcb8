"""PipelineStack: CodePipeline V2, self-mutating, one stage per environment in file order.

Consecutive environments that share a `wave` deploy in parallel behind one approval. Protected environments
also get ConfirmPermissionsBroadening. Environments with integration tests get a post-deploy test step.
"""

from __future__ import annotations

import json
from pathlib import Path

import aws_cdk as cdk
from aws_cdk import aws_codebuild as codebuild
from aws_cdk import aws_iam as iam
from aws_cdk import pipelines
from constructs import Construct

from backend.outputs import PIPELINE_ENV_OUTPUTS
from config import AppConfig, EnvironmentConfig
from stages import MobileBackendStage, test_runner_role_name, test_user_role_name

from .environment_settings import backend_settings, needs_test_role
from .nag import acknowledge_pipeline_findings

PROJECT_ROOT = Path(__file__).resolve().parents[1]

# Lock-file installs, the unit tests (the sandbox-based suites run in CI, not here), then the synth.
SYNTH_COMMANDS = [
    "npm ci --no-audit --no-fund",
    "python3 -m venv .venv",
    ".venv/bin/python -m pip install --quiet -r requirements-dev.txt",
    "touch .venv/.installed node_modules/.installed",  # tell make the lock-file installs above are done
    "make test-unit",
    'export PATH="$PWD/.venv/bin:$PATH"',
    "npx cdk synth",
]

# Stack output → environment variable of the post-deploy tests (docs/architecture.md).
# Every stack output the generator reads, so the artifact amplify_outputs.json is complete (auth settings too).
TEST_ENV_OUTPUTS = PIPELINE_ENV_OUTPUTS

BUILD_IMAGE = codebuild.LinuxBuildImage.STANDARD_7_0  # Ubuntu 22.04: Python 3.11+, Node 20
INSTALL_RUNTIMES = {"phases": {"install": {"runtime-versions": {"python": "3.12", "nodejs": "20"}}}}


def cdk_cli_version(package_json: Path = PROJECT_ROOT / "package.json") -> str:
    """The CDK CLI the project pins (devDependencies.aws-cdk), so self-mutation uses the same CLI."""
    return json.loads(package_json.read_text(encoding="utf-8"))["devDependencies"]["aws-cdk"]


TEST_OUTPUT_DIR = "test-output"  # the step's artifact: amplify_outputs.json + JUnit report


def integration_test_commands(env: EnvironmentConfig) -> list[str]:
    marker = " -m smoke" if env.integration_tests == "smoke" else ""
    return [
        'export AWS_REGION="$TARGET_REGION" AWS_DEFAULT_REGION="$TARGET_REGION"',
        f'mkdir -p {TEST_OUTPUT_DIR} && export AMPLIFY_OUTPUTS="$PWD/{TEST_OUTPUT_DIR}/amplify_outputs.json"',
        "python3 -m venv .venv",
        # The suite's own needs only (no CDK toolchain): about a minute less per environment.
        ".venv/bin/python -m pip install --quiet -r requirements-integration.txt",
        '.venv/bin/python -m backend.outputs --from-env --out "$AMPLIFY_OUTPUTS"',
        f".venv/bin/python -m pytest tests/integration -q{marker} --junitxml={TEST_OUTPUT_DIR}/junit.xml",
    ]


class PipelineStack(cdk.Stack):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: AppConfig,
        use_change_sets: bool = False,
        publish_assets_in_parallel: bool = False,
        **kwargs,
    ) -> None:
        super().__init__(scope, construct_id, **kwargs)
        self.config = config
        source = pipelines.CodePipelineSource.connection(
            config.pipeline.repository,
            config.pipeline.branch,
            connection_arn=config.pipeline.connection_arn,
            trigger_on_push=True,
        )
        self.pipeline = pipelines.CodePipeline(
            self,
            "Pipeline",
            pipeline_name=f"{config.app_name}-pipeline",
            pipeline_type=cdk.aws_codepipeline.PipelineType.V2,
            self_mutation=True,
            cross_account_keys=True,
            cli_version=cdk_cli_version(),
            # One CloudFormation action per stack instead of create-change-set + execute (aws-cdk #14158).
            use_change_sets=use_change_sets,
            # All file assets in one CodeBuild job instead of one job per asset (aws-cdk #23016).
            publish_assets_in_parallel=publish_assets_in_parallel,
            synth=pipelines.CodeBuildStep(
                "Synth",
                input=source,
                commands=SYNTH_COMMANDS,
                env={"JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20"},
                partial_build_spec=codebuild.BuildSpec.from_object(INSTALL_RUNTIMES),
            ),
            code_build_defaults=pipelines.CodeBuildOptions(
                build_environment=codebuild.BuildEnvironment(build_image=BUILD_IMAGE, compute_type=codebuild.ComputeType.MEDIUM),
            ),
        )
        self.stages: dict[str, MobileBackendStage] = {}
        self.test_steps: dict[str, pipelines.CodeBuildStep] = {}
        for group in config.deployment_groups():
            self._add_group(group)
        self.pipeline.build_pipeline()
        acknowledge_pipeline_findings(self)

    def _add_group(self, group: list[EnvironmentConfig]) -> None:
        approval_needed = any(env.requires_approval for env in group)
        first = group[0]
        if first.wave is None:
            stage = self._stage(first)
            pre: list[pipelines.Step] = []
            if approval_needed:
                pre.append(pipelines.ManualApprovalStep(f"Approve-{first.name}", comment=f"Deploy to {first.name}?"))
            if first.protect_data:
                pre.append(pipelines.ConfirmPermissionsBroadening(f"CheckPermissions-{first.name}", stage=stage))
            self.pipeline.add_stage(stage, pre=pre, post=self._post(first, stage))
            return
        wave = self.pipeline.add_wave(
            first.wave,
            pre=[pipelines.ManualApprovalStep(f"Approve-{first.wave}", comment=f"Deploy wave {first.wave}?")]
            if approval_needed
            else [],
        )
        for env in group:
            stage = self._stage(env)
            pre = [pipelines.ConfirmPermissionsBroadening(f"CheckPermissions-{env.name}", stage=stage)] if env.protect_data else []
            wave.add_stage(stage, pre=pre, post=self._post(env, stage))

    def _stage(self, env: EnvironmentConfig) -> MobileBackendStage:
        stage = MobileBackendStage(
            self,
            _stage_id(env.name),
            settings=backend_settings(self.config, env),
            test_user_role_name=test_user_role_name(self.config.app_name, env.name),
            env=cdk.Environment(account=env.account, region=env.region),
        )
        self.stages[env.name] = stage
        return stage

    def _post(self, env: EnvironmentConfig, stage: MobileBackendStage) -> list[pipelines.Step]:
        if env.integration_tests == "none":
            return []
        outputs = {var: stage.outputs[key] for var, key in TEST_ENV_OUTPUTS.items() if key in stage.outputs}
        step = pipelines.CodeBuildStep(
            f"IntegrationTests-{env.name}",
            commands=integration_test_commands(env),
            env_from_cfn_outputs=outputs,
            env={"JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20", "TEST_ENVIRONMENT": env.name},
            partial_build_spec=codebuild.BuildSpec.from_object(INSTALL_RUNTIMES),
            role=self._test_runner_role(env),
            primary_output_directory=TEST_OUTPUT_DIR,
        )
        self.test_steps[env.name] = step
        return [step]

    def _test_runner_role(self, env: EnvironmentConfig) -> iam.Role:
        role = iam.Role(
            self.pipeline,
            f"IntegrationTestsRole-{env.name}",
            role_name=test_runner_role_name(self.config.app_name, env.name),
            assumed_by=iam.ServicePrincipal("codebuild.amazonaws.com"),
            description=f"Post-deploy integration tests of {env.name}.",
        )
        if needs_test_role(env):
            role.add_to_policy(
                iam.PolicyStatement(
                    sid="AssumeTargetTestRoleOnly",
                    actions=["sts:AssumeRole"],
                    resources=[f"arn:aws:iam::{env.account}:role/{test_user_role_name(self.config.app_name, env.name)}"],
                )
            )
        return role


def _stage_id(env_name: str) -> str:
    return "".join(part.capitalize() for part in env_name.split("-"))
