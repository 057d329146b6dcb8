"""AppSync scalars: valid values pass, invalid literals are validation errors, invalid results field errors."""

from __future__ import annotations

import pytest
from graphql import graphql_sync

from sandbox.appsync.schema import load_schema

SDL = """
type Query {
  echo(dt: AWSDateTime, d: AWSDate, t: AWSTime, ts: AWSTimestamp, e: AWSEmail, j: AWSJSON, u: AWSURL,
       p: AWSPhone, ip: AWSIPAddress): String
  badDate: AWSDateTime
  jsonOut: AWSJSON
}
"""
SCHEMA = load_schema(SDL)


def run(query, variables=None, root=None):
    def echo(_root, _info, **args):
        return repr(sorted(args.items()))

    assert SCHEMA.query_type is not None
    SCHEMA.query_type.fields["echo"].resolve = echo
    return graphql_sync(SCHEMA, query, root_value=root or {}, variable_values=variables)


@pytest.mark.parametrize(
    "arg, value",
    [
        ("dt", "2026-11-25T12:00:00.000Z"),
        ("dt", "2026-11-25T12:00:00+02:00"),
        ("dt", "2026-11-25T12:00Z"),
        ("d", "2026-11-25"),
        ("d", "2026-11-25Z"),
        ("t", "12:30:00"),
        ("t", "12:30:00.123-07:00"),
        ("e", "a.b@example.com"),
        ("u", "https://example.com/x?y=1"),
        ("u", "mailto:a@b.c"),
        ("p", "+1 555-123-4567"),
        ("ip", "10.0.0.1"),
        ("ip", "2001:db8::/32"),
    ],
)
def test_valid_literals(arg, value):
    result = run(f'{{ echo({arg}: "{value}") }}')
    assert result.errors is None, result.errors


@pytest.mark.parametrize(
    "arg, value",
    [
        ("dt", "2026-11-25T12:00:00"),  # no offset: AppSync requires one
        ("dt", "2026-02-30T12:00:00Z"),
        ("dt", "2026-11-25 12:00:00Z"),
        ("d", "25/11/2026"),
        ("t", "25:00"),
        ("e", "not-an-email"),
        ("u", "example.com/no-scheme"),
        ("p", "call me"),
        ("ip", "300.1.1.1"),
        ("j", "{not json"),
    ],
)
def test_invalid_literals_fail_validation(arg, value):
    result = run(f'{{ echo({arg}: "{value}") }}')
    assert result.errors and result.data is None


def test_timestamp_is_an_integer():
    assert run("{ echo(ts: 1700000000) }").errors is None
    assert run('{ echo(ts: "1700000000") }').errors


def test_json_variables_are_parsed_for_the_resolver():
    result = run("query($j: AWSJSON) { echo(j: $j) }", {"j": '{"a": [1, 2]}'})
    assert result.data["echo"] == repr([("j", {"a": [1, 2]})])
    assert run("query($j: AWSJSON) { echo(j: $j) }", {"j": "{bad"}).errors


def test_results_are_validated_and_json_serialized():
    result = run("{ badDate jsonOut }", root={"badDate": "yesterday", "jsonOut": {"k": 1}})
    assert result.data == {"badDate": None, "jsonOut": '{"k":1}'}
    assert result.errors[0].path == ["badDate"]


def test_every_scalar_appsync_declares_validates_like_appsync() -> None:
    import re

    from backend.schema import APPSYNC_PRELUDE
    from sandbox.appsync.scalars import SCALARS

    assert set(re.findall(r"^scalar (\w+)", APPSYNC_PRELUDE, re.MULTILINE)) == set(SCALARS)
