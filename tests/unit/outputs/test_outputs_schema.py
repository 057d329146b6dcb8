"""What the generator writes is valid against Amplify's official outputs schema (vendored, SCHEMA_ORIGIN.md)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from backend.outputs import amplify_outputs_from_stack_outputs

SCHEMA = json.loads((Path(__file__).parent / "amplify_outputs_schema_v1.3.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def errors_of(document: dict) -> list[str]:
    return [f"{list(error.path)}: {error.message}" for error in VALIDATOR.iter_errors(document)]


def test_full_document_is_valid(stack_outputs: dict[str, str]) -> None:
    sandbox = {"aws_endpoint": "http://127.0.0.1:5000", "ca_cert": "/tmp/ca.pem"}

    assert errors_of(amplify_outputs_from_stack_outputs(stack_outputs, sandbox=sandbox)) == []


def test_minimal_document_is_valid(stack_outputs: dict[str, str]) -> None:
    required = ["GraphQLUrl", "Region", "UserPoolId", "UserPoolClientId", "MediaBucketName"]

    assert errors_of(amplify_outputs_from_stack_outputs({k: stack_outputs[k] for k in required})) == []


def test_the_schema_does_catch_a_misplaced_field(stack_outputs: dict[str, str]) -> None:
    # Guards the guard: a Firehose stream under Amplify's `analytics` would be rejected.
    document = amplify_outputs_from_stack_outputs(stack_outputs)
    document["analytics"] = {"firehose_stream_name": "x"}

    assert errors_of(document) != []


identifiers = st.text(alphabet=st.characters(codec="ascii", categories=["L", "N"]), min_size=1, max_size=40)


@settings(max_examples=50, deadline=None)
@given(
    region=identifiers,
    pool=identifiers,
    groups=st.lists(identifiers, unique=True, max_size=4),
    min_length=st.integers(min_value=6, max_value=99),
    mfa=st.sampled_from(["NONE", "OPTIONAL", "REQUIRED"]),
)
def test_any_configured_auth_settings_stay_valid(
    region: str, pool: str, groups: list[str], min_length: int, mfa: str
) -> None:
    settings_json = json.dumps(
        {
            "groups": groups,
            "mfa_configuration": mfa,
            "password_policy": {
                "min_length": min_length,
                "require_lowercase": True,
                "require_uppercase": False,
                "require_numbers": True,
                "require_symbols": False,
            },
        }
    )
    outputs = {
        "GraphQLUrl": "https://example/graphql",
        "Region": region,
        "UserPoolId": pool,
        "UserPoolClientId": pool,
        "MediaBucketName": pool.lower(),
        "AuthSettings": settings_json,
    }

    assert errors_of(amplify_outputs_from_stack_outputs(outputs)) == []
