"""AppSync's GraphQL on graphql-core: schema and scalars, bounds, validation, execution, error shapes."""
