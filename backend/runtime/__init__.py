"""Lambda code of the mobile backend.

Imported as ``backend.runtime`` (tests, sandbox) and as ``runtime`` (the Lambda asset), so every import
inside this package is relative. Third-party imports are limited to boto3/botocore and Powertools.
"""
