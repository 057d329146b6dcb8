"""PipelineStack: CodePipeline V2, self-mutating, one stage per environment in file order.

Consecutive environments that share a `wave` deploy in parallel behind one approval. Protected environments
also get ConfirmPermissionsBroadening, run beside the previous stage's tests when that stage has no stage
conditions, else beside the approval. Environments with integration tests get a post-deploy test step. Gated
environments get a gate check in a stage of their own before the deployment, a bake after their tests and an
automatic rollback (pipeline/rollout.py). Protected environments get their pre-deploy checks (the replacement guard,
pipeline/predeploy_steps.py) in that same stage, beside the gate check.
"""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_codebuild as codebuild
from aws_cdk import aws_iam as iam
from aws_cdk import pipelines
from constructs import Construct

from backend.naming import integration_test_role_name, integration_test_runner_role_name, pipeline_name, stage_id
from config import AppConfig, EnvironmentConfig
from stages import MobileBackendStage

from .approval_text import approval_comment, execution_url
from .build_cache import SYNTH_CACHE, dependency_cache
from .build_environment import BUILD_IMAGE, INSTALL_RUNTIMES, pin_permission_check
from .definition import keep_build_projects_out_of_the_definition
from .environment_settings import allows_test_users, backend_settings, has_pre_deploy_checks, needs_test_role
from .gate_steps import bake_step, gate_check_step, gate_role, gate_variables
from .nag import acknowledge_pipeline_findings
from .notifications import PipelineNotifications
from .post_deploy import integration_test_step
from .predeploy_steps import pre_deploy_role, pre_deploy_step, pre_deploy_variables
from .rollout import apply_stage_conditions, gate_stage_name, stage_name, target_name
from .self_mutation_hold import hold_self_mutation
from .synth_step import SYNTH_COMMANDS, cdk_assets_version, cdk_cli_version


class PipelineStack(cdk.Stack):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: AppConfig,
        use_change_sets: bool = False,
        publish_assets_in_parallel: bool = False,
        early_permission_checks: bool = True,
        **kwargs,
    ) -> None:
        super().__init__(scope, construct_id, **kwargs)
        self.config = config
        self.source = source = pipelines.CodePipelineSource.connection(
            config.pipeline.repository,
            config.pipeline.branch,
            connection_arn=config.pipeline.connection_arn,
            trigger_on_push=True,
        )
        self.pipeline = pipelines.CodePipeline(
            self,
            "Pipeline",
            pipeline_name=pipeline_name(config.app_name),
            pipeline_type=cdk.aws_codepipeline.PipelineType.V2,
            self_mutation=True,
            cross_account_keys=True,
            cli_version=cdk_cli_version(),
            cdk_assets_cli_version=cdk_assets_version(),
            # One CloudFormation action per stack instead of create-change-set + execute (aws-cdk #14158).
            use_change_sets=use_change_sets,
            # All file assets in one CodeBuild job instead of one job per asset (aws-cdk #23016).
            publish_assets_in_parallel=publish_assets_in_parallel,
            synth=pipelines.CodeBuildStep(
                "Synth",
                input=source,
                commands=SYNTH_COMMANDS,
                partial_build_spec=codebuild.BuildSpec.from_object({**INSTALL_RUNTIMES, **SYNTH_CACHE}),
                cache=dependency_cache(self),
            ),
            code_build_defaults=pipelines.CodeBuildOptions(
                build_environment=codebuild.BuildEnvironment(
                    build_image=BUILD_IMAGE, compute_type=codebuild.ComputeType.MEDIUM
                ),
                # Every project CDK Pipelines makes (ours, self-mutation, asset publishing): the pinned runtimes.
                partial_build_spec=codebuild.BuildSpec.from_object(INSTALL_RUNTIMES),
            ),
            self_mutation_code_build_defaults=hold_self_mutation(self, config),
        )
        self.stages: dict[str, MobileBackendStage] = {}
        self.early_permission_checks = early_permission_checks  # False: beside the approval, as CDK's docs do
        self.early_checks: set[str] = set()  # environments whose permission check runs in the stage before
        self.test_steps: dict[str, pipelines.CodeBuildStep] = {}
        self.gate_steps: dict[str, pipelines.CodeBuildStep] = {}
        self.bake_steps: dict[str, pipelines.CodeBuildStep] = {}
        self.gate_roles: dict[str, iam.Role] = {}
        self.pre_deploy_steps: dict[str, pipelines.CodeBuildStep] = {}  # protected environments' pre-deploy checks
        # Before the steps: the gate steps announce an override's use on its topic.
        self.notifications = PipelineNotifications(
            self, "Notifications", settings=config.pipeline, pipeline_name=pipeline_name(config.app_name)
        )
        groups = config.deployment_groups()
        for index, group in enumerate(groups):
            self._add_group(group, following=groups[index + 1] if index + 1 < len(groups) else None)
        self.pipeline.build_pipeline()
        pin_permission_check(self.pipeline, cdk_cli_version())  # CDK's own project, made by build_pipeline()
        self.conditions = apply_stage_conditions(self.pipeline, groups)
        self.notifications.watch(self.pipeline.pipeline)
        keep_build_projects_out_of_the_definition(self.pipeline.pipeline)
        self._grant_use_connection_under_its_arn_prefix()
        acknowledge_pipeline_findings(self)

    def _grant_use_connection_under_its_arn_prefix(self) -> None:
        """CDK grants only `codestar-connections:UseConnection`; a connection whose ARN has the newer
        `codeconnections` prefix needs the action under that prefix (the prefixes of the action and the resource
        ARN must match: https://docs.aws.amazon.com/dtconsole/latest/userguide/rename.html)."""
        arn = self.config.pipeline.connection_arn
        if arn.split(":")[2] != "codeconnections":
            return
        source_stage = self.pipeline.pipeline.node.find_child("Source")
        roles = [node for node in source_stage.node.find_all() if isinstance(node, iam.Role)]
        if len(roles) != 1:  # a CDK change would leave the connection unusable: fail the synth, also under -O
            raise RuntimeError(f"expected the source action's one role, found {[r.node.path for r in roles]}")
        roles[0].add_to_principal_policy(
            iam.PolicyStatement(
                sid="UseConnectionNewPrefix", actions=["codeconnections:UseConnection"], resources=[arn]
            )
        )

    def _add_group(self, group: list[EnvironmentConfig], following: list[EnvironmentConfig] | None) -> None:
        first = group[0]
        stages = [self.stages[env.name] if env.name in self.stages else self._stage(env) for env in group]
        if any(env.requires_approval for env in group):
            self._add_approval(group, stages)
        if any(env.gated or has_pre_deploy_checks(env) for env in group):
            self._add_gate_checks(group)
        posts = [self._post(env, stage, group) for env, stage in zip(group, stages, strict=True)]
        posts[-1] += self._early_permission_checks(group, following)
        if first.wave is None:
            self.pipeline.add_stage(stages[0], post=posts[0])
            return
        wave = self.pipeline.add_wave(first.wave)
        for stage, post in zip(stages, posts, strict=True):
            wave.add_stage(stage, post=post)

    def _early_permission_checks(
        self, group: list[EnvironmentConfig], following: list[EnvironmentConfig] | None
    ) -> list[pipelines.Step]:
        """The next group's permission-broadening checks, run beside this group's post-deploy tests.

        The check only diffs the next group's synthesized stacks against what is deployed there, so it need not
        wait for the approval: run here, it leaves the critical path (its CodeBuild job no longer follows this
        stage), and its auto-approved Confirm is done before anyone is asked to approve. Only after a group
        without stage conditions: a rejected Confirm fails this stage, and must not roll a gated stage back.
        """
        if not self.early_permission_checks or following is None:
            return []
        if not any(env.requires_approval for env in following):
            return []
        if any(env.gated for env in group):
            return []
        steps: list[pipelines.Step] = []
        for env in following:
            if env.protect_data:
                stage = self._stage(env)
                steps.append(pipelines.ConfirmPermissionsBroadening(f"CheckPermissions-{env.name}", stage=stage))
                self.early_checks.add(env.name)
        return steps

    def _add_approval(self, group: list[EnvironmentConfig], stages: list[MobileBackendStage]) -> None:
        """The approval in a stage of its own before the deployment: a rejection then fails that stage, not the
        deployment stage whose OnFailure rolls back. Permission checks not already run in the stage before
        (`_early_permission_checks`) run beside the approval."""
        target = target_name(group)
        pre: list[pipelines.Step] = [
            pipelines.ManualApprovalStep(
                f"Approve-{target}",
                comment=approval_comment(self.config, self.source, group),
                review_url=execution_url(self.config),
            )
        ]
        pre += [
            pipelines.ConfirmPermissionsBroadening(f"CheckPermissions-{env.name}", stage=stage)
            for env, stage in zip(group, stages, strict=True)
            if env.protect_data and env.name not in self.early_checks
        ]
        self.pipeline.add_wave(f"Approve-{target}", pre=pre)

    def _add_gate_checks(self, group: list[EnvironmentConfig]) -> None:
        """The entry checks in a stage of their own, right before the deployment stage (pipeline/rollout.py):
        a failed check ends the execution there, and a rollback of the deployment stage never runs them. Beside
        each gate check (same run order: the stage takes no longer) the pre-deploy checks of each protected
        environment (pipeline/predeploy_steps.py); a protected environment that is not gated gets the stage for
        them alone."""
        steps: list[pipelines.Step] = []
        for env in group:
            if env.gated:
                self.gate_steps[env.name] = gate_check_step(
                    env, source=self.source, env_variables=self._gate_variables(env, group), role=self._gate_role(env)
                )
                steps.append(self.gate_steps[env.name])
            if has_pre_deploy_checks(env):
                self.pre_deploy_steps[env.name] = pre_deploy_step(
                    env,
                    assembly=self.pipeline.cloud_assembly_file_set,
                    source=self.source,
                    env_variables=pre_deploy_variables(self.config, env),
                    role=pre_deploy_role(self.pipeline, self.config, env),
                )
                steps.append(self.pre_deploy_steps[env.name])
        self.pipeline.add_wave(gate_stage_name(group), pre=steps)

    def _gate_variables(self, env: EnvironmentConfig, group: list[EnvironmentConfig]) -> dict[str, str]:
        return gate_variables(
            self.config, env, gated_stage=stage_name(group), topic_arn=self.notifications.topic.topic_arn
        )

    def _gate_role(self, env: EnvironmentConfig) -> iam.Role:
        if env.name not in self.gate_roles:
            self.gate_roles[env.name] = gate_role(self.pipeline, self.config, env, topic=self.notifications.topic)
        return self.gate_roles[env.name]

    def _stage(self, env: EnvironmentConfig) -> MobileBackendStage:
        stage = MobileBackendStage(
            self,
            stage_id(env.name),
            settings=backend_settings(self.config, env),
            integration_test_role_name=integration_test_role_name(self.config.app_name, env.name),
            env=cdk.Environment(account=env.account, region=env.region),
        )
        self.stages[env.name] = stage
        return stage

    def _post(
        self, env: EnvironmentConfig, stage: MobileBackendStage, group: list[EnvironmentConfig]
    ) -> list[pipelines.Step]:
        """The tests, then (gated environments) the bake: also with bake_minutes 0, a last look at the gate
        after the tests, whose failure rolls the stage back."""
        if env.integration_tests == "none":
            return [self._bake_step(env, group)] if env.gated else []
        step = integration_test_step(
            env,
            source=self.source,
            stack_name=stage.stack.stack_name,
            test_role_arn=self._target_test_role_arn(env),
            users_allowed=allows_test_users(env),
            role=self._test_runner_role(env),
        )
        self.test_steps[env.name] = step
        steps: list[pipelines.Step] = [step]
        if env.gated:
            bake = self._bake_step(env, group)
            bake.add_step_dependency(step)
            steps.append(bake)
        return steps

    def _bake_step(self, env: EnvironmentConfig, group: list[EnvironmentConfig]) -> pipelines.CodeBuildStep:
        step = bake_step(
            env, source=self.source, env_variables=self._gate_variables(env, group), role=self._gate_role(env)
        )
        self.bake_steps[env.name] = step
        return step

    def _target_test_role_arn(self, env: EnvironmentConfig) -> str:
        """The role the step assumes in the target account (a physical name: no cross-account reference)."""
        return f"arn:aws:iam::{env.account}:role/{integration_test_role_name(self.config.app_name, env.name)}"

    def _test_runner_role(self, env: EnvironmentConfig) -> iam.Role:
        role = iam.Role(
            self.pipeline,
            f"IntegrationTestsRole-{env.name}",
            role_name=integration_test_runner_role_name(self.config.app_name, env.name),
            assumed_by=iam.ServicePrincipal("codebuild.amazonaws.com"),
            description=f"Post-deploy integration tests of {env.name}.",
        )
        if needs_test_role(env):
            role.add_to_policy(
                iam.PolicyStatement(
                    sid="AssumeTargetTestRoleOnly",
                    actions=["sts:AssumeRole"],
                    resources=[self._target_test_role_arn(env)],
                )
            )
        return role
