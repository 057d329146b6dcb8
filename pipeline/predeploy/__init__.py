"""The checks a protected environment's release passes before it is deployed: `python -m pipeline.predeploy`,
run by the `PreDeploy-<env>` step in the stage `Gate-<target>` (beside the gate check, so the path to
production grows by nothing).

The step gets the synth output (the new cloud assembly) as its input and the repository as `repo/`; it reads
the template CloudFormation has for the environment's stack (`GetTemplate`, through a read-only role in the
environment's account that may read only that stack's template) and runs every check of checks.CHECKS on the
pair. Today that is the replacement guard (pipeline/predeploy/replacement, the same code as `make preflight
BASELINE=...`); further checks that compare what is deployed with what is about to be (the GraphQL schema's
compatibility with the apps in the field) are added to checks.CHECKS and need no step, role or stage of their
own. boto3, the standard library and cfn-lint's schemas only (requirements-predeploy.txt): no CDK import.
"""
