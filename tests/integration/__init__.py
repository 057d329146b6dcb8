"""End-to-end tests of the mobile backend over GraphQL/HTTP, the realtime WebSocket and Cognito.

One suite, two kinds of target:
- the offline sandbox: `make test-integration` (reads amplify_outputs.json, or the file in AMPLIFY_OUTPUTS);
- a deployed stage: the pipeline's post-deploy step sets GRAPHQL_URL, TARGET_REGION (or AWS_REGION),
  USER_POOL_ID, USER_POOL_CLIENT_ID, IDENTITY_POOL_ID, MEDIA_BUCKET, ANALYTICS_STREAM and, outside protected
  environments, TEST_ROLE_ARN (assumed to create and delete test users).
`-m smoke` selects the read-only subset; without TEST_ROLE_ARN it needs no test user (IAM-signed health,
error shapes). It never imports backend or sandbox code.
"""
