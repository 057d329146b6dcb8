"""One Powertools ``Router`` per domain; ``graphql_handler`` includes them all."""
