"""End-to-end tests of the mobile backend over GraphQL/HTTP, the realtime WebSocket and Cognito.

One suite, two kinds of target:
- the offline sandbox: `make test-integration` (reads amplify_outputs.json, or the file in AMPLIFY_OUTPUTS);
- a deployed stage: the pipeline's post-deploy step sets GRAPHQL_URL, TARGET_REGION (or AWS_REGION),
  USER_POOL_ID, USER_POOL_CLIENT_ID, IDENTITY_POOL_ID, MEDIA_BUCKET, ANALYTICS_STREAM, TEST_ROLE_ARN (assumed for
  IAM-signed calls) and TEST_USERS_ALLOWED (`true` outside protected environments: the role may create test users).
`-m smoke` selects the read-only subset; without test users it needs none (IAM-signed health, error shapes). It never imports backend or sandbox code.
"""
