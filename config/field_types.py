"""Field types and validators the config models share: ids, names, ARNs and addresses checked on load.

Validators raise ValueError with a message that reads as an expectation ("expected ..., got ...");
config/loader.py turns it into one line naming the file and the key path.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict

_ACCOUNT = re.compile(r"^\d{12}$")
_NAME = re.compile(r"^[a-z][a-z0-9-]{0,19}$")
_SECRET_ARN = re.compile(r"^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@lru_cache(maxsize=1)
def known_regions() -> frozenset[str]:
    """Regions of the commercial, China and GovCloud partitions, from botocore's bundled endpoint data."""
    import botocore.session  # local import: only needed when validating

    session = botocore.session.get_session()
    regions: set[str] = set()
    for partition in session.get_available_partitions():
        regions.update(session.get_available_regions("cloudformation", partition_name=partition))
    return frozenset(regions)


def _account(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        raise ValueError(f"expected a 12-digit AWS account id as a quoted string, got {value!r}")
    if not isinstance(value, str) or not _ACCOUNT.match(value):
        raise ValueError(f"expected a 12-digit AWS account id, got {value!r}")
    return value


def _region(value: str) -> str:
    if value not in known_regions():
        raise ValueError(f"expected a known AWS region such as 'us-east-1', got {value!r}")
    return value


def check_name(value: str) -> str:
    """An app, environment or wave name (also a personal stage's): it becomes part of stack and role names."""
    if not _NAME.match(value):
        raise ValueError(
            f"expected a lowercase name of 1-20 letters, digits or '-' starting with a letter, got {value!r}"
        )
    return value


def matching(regex: re.Pattern[str], expectation: str):
    def check(value: str) -> str:
        if not regex.match(value):
            raise ValueError(f"expected {expectation}, got {value!r}")
        return value

    return check


AccountId = Annotated[str, BeforeValidator(_account)]  # before: YAML may hand us an int
Region = Annotated[str, AfterValidator(_region)]
Name = Annotated[str, AfterValidator(check_name)]
SecretArn = Annotated[str, AfterValidator(matching(_SECRET_ARN, "a Secrets Manager secret ARN"))]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Email = Annotated[str, AfterValidator(matching(_EMAIL, "an email address"))]
