"""AppSync's realtime (graphql-ws) protocol and the subscription fan-out."""
