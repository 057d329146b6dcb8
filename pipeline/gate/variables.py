"""The gate steps' CodeBuild project variables: written by pipeline/gate_steps.py, read by `python -m pipeline.gate`
(and by the pipeline dry run, which points them at a sandbox)."""

from __future__ import annotations

ENVIRONMENT = "GATE_ENVIRONMENT"  # the environment's name (also the canary metric's dimension value)
ALARM = "GATE_ALARM_NAME"  # its composite gate alarm, in its own account and region
REGION = "GATE_REGION"
READER_ROLE = "GATE_READER_ROLE_ARN"  # the role in its account that may read the alarm
CANARY_FRESHNESS = "CANARY_FRESHNESS_MINUTES"  # unset: the environment runs no canary
PIPELINE = "PIPELINE_NAME"
STAGE = "GATE_STAGE_NAME"  # the gated deployment stage (a bake in a rollback execution of it reports only)
TOPIC = "NOTIFY_TOPIC_ARN"  # where uses of an override are announced
BAKE_MINUTES = "BAKE_MINUTES"
SECONDS_PER_MINUTE = "GATE_SECONDS_PER_MINUTE"  # unset in the pipeline; tests and the dry run shorten bakes
OVERRIDE_MODE, OVERRIDE_REASON, OVERRIDE_EXPIRES = "GATE_OVERRIDE_MODE", "GATE_OVERRIDE_REASON", "GATE_OVERRIDE_EXPIRES"

REQUIRED = (ENVIRONMENT, ALARM, REGION, READER_ROLE, PIPELINE, STAGE)
