"""The `PreDeploy-<env>` step's CodeBuild project variables: written by pipeline/predeploy_steps.py, read by
`python -m pipeline.predeploy`. All known at synth time. A gate override (pipeline/gate/variables.py,
GATE_OVERRIDE_*) of mode first-deploy is handed over too: it also accepts a template that cannot be read yet."""

from __future__ import annotations

ENVIRONMENT = "PREDEPLOY_ENVIRONMENT"  # the environment's name
STACK = "PREDEPLOY_STACK_NAME"  # its stack's CloudFormation name
REGION = "PREDEPLOY_REGION"  # where the stack lives
READER_ROLE = "PREDEPLOY_READER_ROLE_ARN"  # the role in its account that may read the stack's template
PROTECTED = "PREDEPLOY_PROTECTED"  # "true": refuse what a check finds; "false": note it
ALLOWED = "PREDEPLOY_ALLOW_REPLACEMENTS"  # JSON [{"resource": ..., "reason": ...}]; unset when there are none

REQUIRED = (ENVIRONMENT, STACK, REGION, READER_ROLE, PROTECTED)
