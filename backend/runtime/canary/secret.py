"""The canary user's credentials: a Secrets Manager secret whose SecretString is JSON
`{"username": "<email>", "password": "..."}`. No message here ever contains the secret's content."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


class SecretFormatError(ValueError):
    """The secret is not the JSON object the canary expects (the message never quotes it)."""


@dataclass(frozen=True)
class CanaryCredentials:
    username: str
    password: str = field(repr=False)


def parse_credentials(secret_string: str) -> CanaryCredentials:
    expected = 'expected JSON {"username": "<email>", "password": "..."}'
    try:
        value = json.loads(secret_string)
    except ValueError:
        raise SecretFormatError(f"the canary secret is not JSON; {expected}") from None
    if not isinstance(value, dict):
        raise SecretFormatError(f"the canary secret is not a JSON object; {expected}")
    username, password = value.get("username"), value.get("password")
    if not isinstance(username, str) or not username:
        raise SecretFormatError(f"the canary secret has no username; {expected}")
    if not isinstance(password, str) or not password:
        raise SecretFormatError(f"the canary secret has no password; {expected}")
    return CanaryCredentials(username, password)


def read_credentials(secretsmanager: Any, secret_arn: str) -> CanaryCredentials:
    """The current version of the secret (read every time: a rotated value applies from the next run)."""
    answer = secretsmanager.get_secret_value(SecretId=secret_arn)
    if "SecretString" not in answer:
        raise SecretFormatError("the canary secret has no SecretString (a binary secret?)")
    return parse_credentials(answer["SecretString"])
