"""The TLS port's own parts: TLS files, the GraphQL HTTP route, the explorer, the push outbox."""
