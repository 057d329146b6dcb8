"""The rollout gate's checks, run by the pipeline's CodeBuild steps with boto3 only (no CDK import).

`python -m pipeline.gate entry` (the `GateCheck-<env>` step before a gated stage) and `python -m pipeline.gate
bake` (the `Bake-<env>` step after its tests) read the environment's gate alarm where it lives, through the
reader role in its account, and decide: go, stop because the environment is in ALARM, or stop because the gate
cannot see (fail closed). docs/deploying.md, "Rollout", tells the whole story.
"""
