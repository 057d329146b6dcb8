"""The post-deploy integration test step of one environment.

The step carries only what locates the deployed stage, as static CodeBuild project variables: the stack name,
its region and the test role in the target account. It reads the stack's outputs itself (CloudFormation
DescribeStacks through that role, allowed on that one stack only), so nothing grows with the stack's outputs.
Earlier versions passed every output through the action's configuration and overflowed CodePipeline's
1000-character limit per configuration value (botocore codepipeline `ActionConfigurationValue`, aws-cdk #17067).
"""

from __future__ import annotations

from aws_cdk import aws_codebuild as codebuild
from aws_cdk import aws_iam as iam
from aws_cdk import pipelines

from config import EnvironmentConfig

from .build_cache import POST_DEPLOY_CACHE, dependency_cache
from .build_environment import INSTALL_RUNTIMES

TEST_OUTPUT_DIR = "test-output"  # the step's artifact: amplify_outputs.json + JUnit report
JUNIT_FILE = "junit.xml"

# The step's contract with tests/integration and the pipeline dry run (devtools/pipeline_dryrun maps these to a
# sandbox).
STACK_NAME, TARGET_REGION, TEST_ROLE_ARN = "STACK_NAME", "TARGET_REGION", "TEST_ROLE_ARN"
TEST_USERS_ALLOWED, TEST_ENVIRONMENT = "TEST_USERS_ALLOWED", "TEST_ENVIRONMENT"


def integration_test_commands(env: EnvironmentConfig) -> list[str]:
    """POSIX sh (CodeBuild's default shell; dash on the Ubuntu images): no bashisms."""
    marker = " -m smoke" if env.integration_tests == "smoke" else ""
    return [
        # CodeBuild sets AWS_REGION to the pipeline's region; the target may live in another one.
        f'export AWS_REGION="${TARGET_REGION}" AWS_DEFAULT_REGION="${TARGET_REGION}"',
        f'mkdir -p {TEST_OUTPUT_DIR} && export AMPLIFY_OUTPUTS="$PWD/{TEST_OUTPUT_DIR}/amplify_outputs.json"',
        # The suite's own needs only (no CDK toolchain), with uv as the synth step installs (pipeline/install_deps.py).
        "python3 -m pipeline.install_deps --venv .venv -r requirements-integration.lock",
        f'.venv/bin/python -m backend.outputs --stack "${STACK_NAME}" --region "${TARGET_REGION}" '
        f'--role-arn "${TEST_ROLE_ARN}" --out "$AMPLIFY_OUTPUTS"',
        f".venv/bin/python -m pytest tests/integration -q{marker} --junitxml={TEST_OUTPUT_DIR}/{JUNIT_FILE}",
    ]


def step_variables(
    env: EnvironmentConfig, *, stack_name: str, test_role_arn: str, users_allowed: bool
) -> dict[str, str]:
    """Known at synth time, so they live in the CodeBuild project, not in the action configuration."""
    return {
        TEST_ENVIRONMENT: env.name,
        STACK_NAME: stack_name,
        TARGET_REGION: env.region,
        TEST_ROLE_ARN: test_role_arn,
        TEST_USERS_ALLOWED: "true" if users_allowed else "false",
    }


def report_build_spec(env: EnvironmentConfig) -> dict:
    """The JUnit report as a CodeBuild test report (console: CodeBuild → Report groups), next to the artifact;
    the dependency cache's section."""
    return {
        **INSTALL_RUNTIMES,
        **POST_DEPLOY_CACHE,
        "reports": {
            f"integration-{env.name}": {
                "files": [JUNIT_FILE],
                "base-directory": TEST_OUTPUT_DIR,
                "file-format": "JUNITXML",
            }
        },
    }


def integration_test_step(
    env: EnvironmentConfig,
    *,
    source: pipelines.IFileSetProducer,
    stack_name: str,
    test_role_arn: str,
    users_allowed: bool,
    role: iam.IRole,
) -> pipelines.CodeBuildStep:
    return pipelines.CodeBuildStep(
        f"IntegrationTests-{env.name}",
        input=source,  # the repository: tests/integration, backend/outputs, requirements-integration.lock
        commands=integration_test_commands(env),
        env=step_variables(env, stack_name=stack_name, test_role_arn=test_role_arn, users_allowed=users_allowed),
        partial_build_spec=codebuild.BuildSpec.from_object(report_build_spec(env)),
        cache=dependency_cache(role),  # the pipeline stack's one cache bucket
        role=role,
        primary_output_directory=TEST_OUTPUT_DIR,
    )
