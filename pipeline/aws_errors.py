"""One phrase for an AWS error, as the pipeline's checks print it (`Code: Message`), boto3 only."""

from __future__ import annotations

from botocore.exceptions import ClientError


def describe(exc: Exception) -> str:
    if isinstance(exc, ClientError):
        error = exc.response.get("Error", {})
        return f"{error.get('Code', 'Error')}: {error.get('Message', '')}".rstrip(": ")
    return str(exc)
