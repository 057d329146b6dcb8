"""The synthetic canary: a scheduled journey through the backend as a real user makes it (docs/canary.md).

Entry points (handler strings relative to the Lambda asset root `backend/`):
- `runtime.canary.handler.handler`: the scheduled journey; publishes JourneySucceeded / JourneyDuration;
- `runtime.canary.user_resource.handler`: the CloudFormation custom resource that keeps the canary user.

Only the standard library and boto3/botocore: the canary's function may run without the Powertools layer, and
nothing in this package imports infra, stages, pipeline, sandbox or backend.naming (not in the Lambda asset).
`python -m backend.runtime.canary` (`make canary`) runs the journey once against a running sandbox.
"""
