"""Business rules: validation, ownership, orchestration of repository calls, GraphQL-shaped results."""
