"""A small data-access layer over DynamoDB (boto3 client). Only Query/Get/BatchGet/writes: never Scan."""
