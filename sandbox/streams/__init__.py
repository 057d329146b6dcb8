"""DynamoDB streams to the stream handler: polling, filters, retries, dead letters."""
