"""End-to-end tests of the mobile backend over GraphQL/HTTP, the realtime WebSocket and Cognito.

One suite, two kinds of target, both described by an amplify_outputs.json (AMPLIFY_OUTPUTS, default: the
project root's):
- the offline sandbox: `make test-integration` (its file has `custom.sandbox`: local endpoints, CA, dummy keys);
- a deployed stage: the pipeline's post-deploy step writes the file from the stack's outputs
  (`python -m backend.outputs --stack ... --role-arn ...`) and sets TEST_ROLE_ARN (assumed for IAM-signed
  calls) and TEST_USERS_ALLOWED (`true` outside protected environments: the role may create test users).
`-m smoke` selects the read-only subset; without test users it needs none (IAM-signed health, error shapes).
It never imports backend or sandbox code.
"""
