"""Names that the pipeline, the stages and the outputs generator must agree on (no CDK import: the post-deploy
step's venv has only requirements-integration.txt)."""

from __future__ import annotations

STACK_ID = "MobileBackend"  # the stack's construct id inside its stage


def pascal_case(name: str) -> str:
    """`prod-eu` → `ProdEu`: config names (lowercase, `-`) as CDK construct ids."""
    return "".join(part.capitalize() for part in name.split("-"))


def stage_id(env_name: str) -> str:
    """Construct id of an environment's stage."""
    return pascal_case(env_name)


def pipeline_stack_id(app_name: str) -> str:
    """Construct id (and CloudFormation name) of the pipeline stack: `mobile-backend` → `MobileBackendPipeline`."""
    return f"{pascal_case(app_name)}Pipeline"


def stack_name_for(env_name: str) -> str:
    """CloudFormation name of an environment's backend stack: CDK names a staged stack `<stage>-<stack id>`
    (`dev` → `Dev-MobileBackend`, `prod-eu` → `ProdEu-MobileBackend`)."""
    return f"{stage_id(env_name)}-{STACK_ID}"


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


# The canary's results (backend/runtime/canary publishes them, its alarms and the gate checks read them): one
# datum per run in this namespace, with the environment's name as the only dimension.
CANARY_METRIC_NAMESPACE = "MobileBackend/Canary"
CANARY_SUCCESS_METRIC = "JourneySucceeded"  # 1 when every step of the journey passed, else 0
CANARY_DURATION_METRIC = "JourneyDuration"  # milliseconds for the whole journey (successful runs only)
CANARY_DIMENSION = "Environment"


def dashboard_name(app_name: str, env_name: str) -> str:
    return f"{app_name}-{env_name}"
