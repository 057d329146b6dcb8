"""The mobile backend: GraphQL schema, Lambda runtime (``backend.runtime``) and infrastructure."""
