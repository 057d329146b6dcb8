"""AppSync's scalars, validating inputs and outputs the way AppSync documents them.

An invalid literal or variable becomes a validation error; an invalid resolver result becomes a field error.
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any
from urllib.parse import urlparse

from graphql import GraphQLError, GraphQLScalarType, GraphQLSchema, IntValueNode, StringValueNode, ValueNode

_OFFSET = r"(Z|[+-]\d{2}:\d{2}(:\d{2})?)"
_DATE = r"\d{4}-\d{2}-\d{2}"
_TIME = r"\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?"
_DATETIME_RE = re.compile(rf"^{_DATE}T{_TIME}{_OFFSET}$")
_DATE_RE = re.compile(rf"^{_DATE}{_OFFSET}?$")
_TIME_RE = re.compile(rf"^{_TIME}{_OFFSET}?$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_RE = re.compile(r"^\+?[\d\s().-]{3,}$")


def _valid_date_parts(value: str) -> bool:
    """The regexes check the shape; this checks the calendar (no 2024-02-30, no 25:00)."""
    try:
        date.fromisoformat(value[:10])
        return True
    except ValueError:
        return False


def _valid_time_part(value: str) -> bool:
    clock = re.match(_TIME, value)
    try:
        time.fromisoformat(clock.group(0)[:8] if clock else "x")
        return True
    except ValueError:
        return False


def _is_datetime(value: str) -> bool:
    return bool(_DATETIME_RE.match(value)) and _valid_date_parts(value) and _valid_time_part(value[11:])


def _is_date(value: str) -> bool:
    return bool(_DATE_RE.match(value)) and _valid_date_parts(value)


def _is_time(value: str) -> bool:
    return bool(_TIME_RE.match(value)) and _valid_time_part(value)


def _is_url(value: str) -> bool:
    parsed = urlparse(value)
    if not parsed.scheme:
        return False
    return bool(parsed.netloc) or parsed.scheme in {"mailto", "urn", "tel", "data"}


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_network(value, strict=False) if "/" in value else ipaddress.ip_address(value)
        return True
    except ValueError:
        return False


def _string_scalar(name: str, check: Callable[[str], bool]) -> tuple[Callable, Callable, Callable]:
    def coerce(value: Any) -> str:
        if isinstance(value, datetime) and name == "AWSDateTime":
            value = value.isoformat().replace("+00:00", "Z")
        if not isinstance(value, str) or not check(value):
            raise GraphQLError(f"Can't serialize value: Invalid {name} value : '{value}'")
        return value

    def parse_literal(node: ValueNode, _variables: Any = None) -> str:
        if not isinstance(node, StringValueNode):
            raise GraphQLError(f"Expected type '{name}' but was '{type(node).__name__}'.")
        return coerce(node.value)

    return coerce, coerce, parse_literal


def _timestamp() -> tuple[Callable, Callable, Callable]:
    def coerce(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise GraphQLError(f"Can't serialize value: Invalid AWSTimestamp value : '{value}'")
        return value

    def parse_literal(node: ValueNode, _variables: Any = None) -> int:
        if not isinstance(node, IntValueNode):
            raise GraphQLError("Expected type 'AWSTimestamp' to be an integer.")
        return int(node.value)

    return coerce, coerce, parse_literal


def _json() -> tuple[Callable, Callable, Callable]:
    """Clients send AWSJSON as a JSON string; resolvers get the parsed value; results go back as a string."""

    def serialize(value: Any) -> str:
        if isinstance(value, str):
            try:
                json.loads(value)
            except ValueError:
                raise GraphQLError(f"Can't serialize value: Invalid AWSJSON value : '{value}'") from None
            return value
        return json.dumps(value, separators=(",", ":"))

    def parse_value(value: Any) -> Any:
        if not isinstance(value, str):
            raise GraphQLError("Variable of type AWSJSON must be a JSON string.")
        try:
            return json.loads(value)
        except ValueError:
            raise GraphQLError(f"Unable to parse AWSJSON value : '{value}'") from None

    def parse_literal(node: ValueNode, _variables: Any = None) -> Any:
        if not isinstance(node, StringValueNode):
            raise GraphQLError("Expected type 'AWSJSON' to be a JSON string.")
        return parse_value(node.value)

    return serialize, parse_value, parse_literal


SCALARS: dict[str, tuple[Callable, Callable, Callable]] = {
    "AWSDateTime": _string_scalar("AWSDateTime", _is_datetime),
    "AWSDate": _string_scalar("AWSDate", _is_date),
    "AWSTime": _string_scalar("AWSTime", _is_time),
    "AWSEmail": _string_scalar("AWSEmail", lambda v: bool(_EMAIL_RE.match(v))),
    "AWSURL": _string_scalar("AWSURL", _is_url),
    "AWSPhone": _string_scalar("AWSPhone", lambda v: bool(_PHONE_RE.match(v))),
    "AWSIPAddress": _string_scalar("AWSIPAddress", _is_ip),
    "AWSTimestamp": _timestamp(),
    "AWSJSON": _json(),
}


def install_scalars(schema: GraphQLSchema) -> None:
    """Give the prelude's scalar declarations their AppSync behaviour."""
    for name, (serialize, parse_value, parse_literal) in SCALARS.items():
        scalar = schema.type_map.get(name)
        if isinstance(scalar, GraphQLScalarType):
            scalar.serialize = serialize  # type: ignore[method-assign]
            scalar.parse_value = parse_value  # type: ignore[method-assign]
            scalar.parse_literal = parse_literal  # type: ignore[method-assign]
