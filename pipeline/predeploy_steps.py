"""The `PreDeploy-<env>` step of a protected environment: the pre-deploy checks (pipeline/predeploy) in the stage
`Gate-<target>`, beside the gate check and with the same run order, right before the deployment stage.

Inputs: the synth output is the step's primary input (`$CODEBUILD_SRC_DIR`): the checks compare the templates
CloudFormation is about to get, byte for byte the ones the deploy actions use; the repository (the source
artifact) is linked in as `repo/` for the checks' code, pipeline/install_deps.py and the pins. Synthesizing again
from the repository would check a template that is not the one deployed (and cost a full synth per step).
With the assembly as the primary input, `make pipeline-dryrun` does not take the step for a synth step.

The role `<app>-<env>-pre-deploy` may only assume the environment's deployed-state reader role
`<app>-<env>-deployed-reader`, which may only read that environment's stack's template and outputs and its API's
schema (backend/infra/rollout_gate.py, DeployedReader). Everything else is a static project variable
(pipeline/predeploy/variables.py).
"""

from __future__ import annotations

import json

import aws_cdk as cdk
from aws_cdk import aws_codebuild as codebuild
from aws_cdk import aws_iam as iam
from aws_cdk import pipelines
from constructs import Construct

from backend.naming import deployed_reader_role_name, pre_deploy_role_name, stack_name_for
from config import AppConfig, EnvironmentConfig
from pipeline.install_deps import UV_VERSION

from .build_cache import UV_TOOLS, dependency_cache
from .build_environment import INSTALL_RUNTIMES
from .gate import variables as gate_variables
from .predeploy import variables

REPOSITORY_DIR = "repo"  # where the source artifact is linked in the step's build directory
REQUIREMENTS = "requirements-predeploy.lock"  # and its pins, requirements-predeploy.txt (devtools/lock.py)
TIMEOUT = cdk.Duration.minutes(15)
COMMANDS = [
    # Subshells: the build directory stays the assembly whether or not CodeBuild keeps `cd` between commands.
    f"(cd {REPOSITORY_DIR} && python3 -m pipeline.install_deps --venv .venv -r {REQUIREMENTS})",
    f'(cd {REPOSITORY_DIR} && .venv/bin/python -m pipeline.predeploy --assembly "$CODEBUILD_SRC_DIR")',
]
# The S3 dependency cache holds only the uv binary here (pipeline/install_deps.py checks its version and installs
# another when it differs). The key names uv's version instead of hashing files: `codebuild-hash-files` reads the
# primary input, which is the assembly, not the repository.
PRE_DEPLOY_CACHE = {"cache": {"key": f"pre-deploy-uv-{UV_VERSION}", "paths": [UV_TOOLS]}}


def deployed_reader_arn(config: AppConfig, env: EnvironmentConfig) -> str:
    return f"arn:aws:iam::{env.account}:role/{deployed_reader_role_name(config.app_name, env.name)}"


def pre_deploy_variables(config: AppConfig, env: EnvironmentConfig) -> dict[str, str]:
    values = {
        variables.ENVIRONMENT: env.name,
        variables.STACK: stack_name_for(env.name),
        variables.REGION: env.region,
        variables.READER_ROLE: deployed_reader_arn(config, env),
        variables.PROTECTED: "true" if env.protect_data else "false",
    }
    if env.allow_replacements:
        values[variables.ALLOWED] = json.dumps(
            [{"resource": a.resource, "reason": a.reason} for a in env.allow_replacements], separators=(",", ":")
        )
    override = env.gate_override
    if override is not None and override.mode == "first-deploy":  # the environment's roles do not exist yet
        values[gate_variables.OVERRIDE_MODE] = override.mode
        values[gate_variables.OVERRIDE_REASON] = override.reason
        values[gate_variables.OVERRIDE_EXPIRES] = override.expires.isoformat()
    return values


def pre_deploy_role(scope: Construct, config: AppConfig, env: EnvironmentConfig) -> iam.Role:
    role = iam.Role(
        scope,
        f"PreDeployRole-{env.name}",
        role_name=pre_deploy_role_name(config.app_name, env.name),
        assumed_by=iam.ServicePrincipal("codebuild.amazonaws.com"),
        description=f"Pre-deploy checks of {env.name}: reads what is deployed there through its deployed-state reader "
        "role.",
    )
    role.add_to_policy(
        iam.PolicyStatement(
            sid="AssumeTheDeployedReaderOnly", actions=["sts:AssumeRole"], resources=[deployed_reader_arn(config, env)]
        )
    )
    return role


def pre_deploy_step(
    env: EnvironmentConfig,
    *,
    assembly: pipelines.FileSet,
    source: pipelines.IFileSetProducer,
    env_variables: dict[str, str],
    role: iam.IRole,
) -> pipelines.CodeBuildStep:
    return pipelines.CodeBuildStep(
        f"PreDeploy-{env.name}",
        input=assembly,
        additional_inputs={REPOSITORY_DIR: source},
        commands=COMMANDS,
        env=env_variables,
        role=role,
        timeout=TIMEOUT,
        build_environment=codebuild.BuildEnvironment(compute_type=codebuild.ComputeType.SMALL),
        partial_build_spec=codebuild.BuildSpec.from_object({**INSTALL_RUNTIMES, **PRE_DEPLOY_CACHE}),
        cache=dependency_cache(role),
    )
