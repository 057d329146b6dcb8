"""One ``dispatch.Router`` per domain; ``graphql_handler`` includes them all."""
