"""Every name the pipeline, the stages, the sandbox and the outputs generator must agree on: construct ids of stages
and stacks, CloudFormation stack names, physical role, alarm, dashboard and pipeline names. Built here and nowhere
else (tests/unit/test_names_have_one_source.py greps the product code for them). No CDK import: the post-deploy
step's venv has only requirements-integration.txt."""

from __future__ import annotations

STACK_ID = "MobileBackend"  # the stack's construct id inside its stage


def pascal_case(name: str) -> str:
    """`prod-eu` → `ProdEu`: config names (lowercase, `-`) as CDK construct ids."""
    return "".join(part.capitalize() for part in name.split("-"))


def stage_id(env_name: str) -> str:
    """Construct id of an environment's stage."""
    return pascal_case(env_name)


def personal_stage_id(name: str) -> str:
    """Construct id of a developer's personal stage (`-c personal=<name>`, pipeline/app_builder.py)."""
    return f"Personal-{name}"


def personal_stack_name(name: str) -> str:
    """CloudFormation name of a personal stage's backend stack (`alice` → `Personal-alice-MobileBackend`)."""
    return f"{personal_stage_id(name)}-{STACK_ID}"


# The personal stage the sandbox synthesizes (`-c personal=sandbox`) and whose stack it runs; its outputs are
# registered in the sandbox's moto under that stack's name too (sandbox/provisioning/outputs_stack.py).
SANDBOX_STAGE = "sandbox"
SANDBOX_STACK_NAME = personal_stack_name(SANDBOX_STAGE)


def pipeline_stack_id(app_name: str) -> str:
    """Construct id (and CloudFormation name) of the pipeline stack: `mobile-backend` → `MobileBackendPipeline`."""
    return f"{pascal_case(app_name)}Pipeline"


def stack_name_for(env_name: str) -> str:
    """CloudFormation name of an environment's backend stack: CDK names a staged stack `<stage>-<stack id>`
    (`dev` → `Dev-MobileBackend`, `prod-eu` → `ProdEu-MobileBackend`)."""
    return f"{stage_id(env_name)}-{STACK_ID}"


def pipeline_name(app_name: str) -> str:
    """The CodePipeline pipeline's physical name (its gate checks read its state by this name)."""
    return f"{app_name}-pipeline"


def integration_test_role_name(app_name: str, env_name: str) -> str:
    """The role the post-deploy tests assume in the target stage's account (known to the pipeline without
    cross-account references)."""
    return f"{app_name}-{env_name}-test-users"[:64]


def integration_test_runner_role_name(app_name: str, env_name: str) -> str:
    """The pipeline's post-deploy test step role for one environment."""
    return f"{app_name}-{env_name}-integ-tests"[:64]


def gate_alarm_name(app_name: str, env_name: str) -> str:
    """The composite alarm that gates an environment's rollout (in the environment's account), and its mirror in
    the pipeline account: one name, so the pipeline needs no cross-account reference."""
    return f"{app_name}-{env_name}-gate"


def gate_reader_role_name(app_name: str, env_name: str) -> str:
    """The role in an environment's account that the pipeline's gate checks assume to read its gate alarm and
    the canary's results (a physical name: both sides know it without a cross-account reference)."""
    return f"{app_name}-{env_name}-gate-reader"[:64]


def gate_check_role_name(app_name: str, env_name: str) -> str:
    """The pipeline account's role of an environment's gate check and bake steps (trusted by the reader role)."""
    return f"{app_name}-{env_name}-gate-check"[:64]


def pre_deploy_role_name(app_name: str, env_name: str) -> str:
    """The pipeline account's role of a protected environment's `PreDeploy-<env>` step (pipeline/predeploy)."""
    return f"{app_name}-{env_name}-pre-deploy"[:64]


def deployed_reader_role_name(app_name: str, env_name: str) -> str:
    """The role in a protected environment's account through which the `PreDeploy-<env>` step reads the deployed
    template of the environment's stack (CloudFormation GetTemplate on that stack only; trusts exactly the
    step's role)."""
    return f"{app_name}-{env_name}-deployed-reader"[:64]


# The runtime functions' own metrics (Powertools' namespace, set in their environment by backend/infra/functions.py;
# backend/runtime/observability.py, in the Lambda asset without this module, falls back to the same value).
METRIC_NAMESPACE = "MobileBackend"

# The canary's results (backend/runtime/canary publishes them, its alarms and the gate checks read them): one
# datum per run in this namespace, with the environment's name as the only dimension.
CANARY_METRIC_NAMESPACE = "MobileBackend/Canary"
CANARY_SUCCESS_METRIC = "JourneySucceeded"  # 1 when every step of the journey passed, else 0
CANARY_DURATION_METRIC = "JourneyDuration"  # milliseconds for the whole journey (successful runs only)
CANARY_DIMENSION = "Environment"


def dashboard_name(app_name: str, env_name: str) -> str:
    return f"{app_name}-{env_name}"
