"""Apps in the field never break: the GraphQL schema about to ship, judged against every app version still
supported (clients/released/<version>/: the schema and the operation documents that release shipped).

An installed app keeps the operations and the generated types it was built with for months, and AppSync has no
API versioning. So a change breaks an app version when that version's operations touch what changed
(usage.py): a removed or retyped field it selects, a newly required argument of a field it calls, an enum value
added to an enum it reads (its generated types cannot decode it: amplify-swift #1729). graphql-core's schema
comparison finds the changes (changes.py), every released operation is validated against the new schema, and
verdict.py writes one line per problem. `python -m pipeline.predeploy.compatibility` is `make schema-check`;
`python -m pipeline.predeploy.compatibility.release` is `make release-client`; the pipeline's pre-deploy step also
judges the change from the schema deployed in production (pipeline/predeploy/checks.py). docs/evolving-the-api.md.
"""
