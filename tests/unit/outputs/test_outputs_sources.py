"""Where stack outputs come from: the CDK outputs file, config/environments.yaml; stack names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backend.outputs import (
    OutputsError,
    canonical_outputs,
    environment_region,
    read_cdk_outputs_file,
    stack_name_for,
)


def write_json(path: Path, content: object) -> Path:
    path.write_text(json.dumps(content))
    return path


def test_reads_the_only_stack_of_an_outputs_file(tmp_path: Path, stack_outputs: dict[str, str]) -> None:
    path = write_json(tmp_path / "out.json", {"dev-MobileBackend": stack_outputs})

    assert read_cdk_outputs_file(path) == stack_outputs


def test_picks_the_backend_stack_among_several_or_the_named_one(tmp_path: Path) -> None:
    path = write_json(
        tmp_path / "out.json",
        {"PipelineStack": {"GraphQLUrl": "pipeline"}, "dev-MobileBackend": {"GraphQLUrl": "backend"}},
    )

    assert read_cdk_outputs_file(path)["GraphQLUrl"] == "backend"
    assert read_cdk_outputs_file(path, "PipelineStack")["GraphQLUrl"] == "pipeline"


def test_asks_for_a_stack_when_the_choice_is_ambiguous(tmp_path: Path) -> None:
    path = write_json(tmp_path / "out.json", {"dev-MobileBackend": {}, "prod-MobileBackend": {}})

    with pytest.raises(OutputsError, match="choose one with --stack"):
        read_cdk_outputs_file(path)


def test_names_the_stacks_found_when_the_requested_one_is_absent(tmp_path: Path) -> None:
    path = write_json(tmp_path / "out.json", {"dev-MobileBackend": {}})

    with pytest.raises(OutputsError, match=r"stack prod-MobileBackend not in .*found: dev-MobileBackend"):
        read_cdk_outputs_file(path, "prod-MobileBackend")


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "not found"), ("{oops", "not valid JSON"), ('{"s": "flat"}', "not of the form")],
)
def test_bad_outputs_files_are_explained(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "out.json"
    if content is not None:
        path.write_text(content)

    with pytest.raises(OutputsError, match=message):
        read_cdk_outputs_file(path)


def test_outputs_of_nested_constructs_match_by_cdk_hash_suffix() -> None:
    raw = {"ApiGraphQLUrl1A2B3C4D": "https://x/graphql", "AuthUserPoolIdE5F60718": "pool", "Other": "kept"}

    outputs = canonical_outputs(raw)

    assert outputs["GraphQLUrl"] == "https://x/graphql"
    assert outputs["UserPoolId"] == "pool"
    assert outputs["Other"] == "kept"
    assert "IdentityPoolId" not in outputs  # 'UserPoolId' inside the key does not make an identity pool


def test_an_exact_key_wins_over_a_suffixed_one() -> None:
    assert canonical_outputs({"GraphQLUrl": "exact", "ApiGraphQLUrl1A2B3C4D": "nested"})["GraphQLUrl"] == "exact"


def test_two_suffixed_keys_for_one_output_are_refused() -> None:
    with pytest.raises(OutputsError, match="all look like Region"):
        canonical_outputs({"ARegion1A2B3C4D": "a", "BRegion1A2B3C4E": "b"})


def test_a_key_without_the_hash_suffix_is_not_guessed() -> None:
    assert "GraphQLUrl" not in canonical_outputs({"ApiGraphQLUrl": "x", "GraphQLUrlExtra": "y"})


def test_stack_name_convention() -> None:
    assert stack_name_for("dev") == "Dev-MobileBackend"
    assert stack_name_for("prod-eu") == "ProdEu-MobileBackend"


CONFIG = """
app_name: mobile-backend
environments:
  - name: dev
    account: "222222222222"
    region: us-east-1
  - name: prod-eu
    account: "333333333333"
    region: eu-west-1
"""


def test_environment_region_comes_from_the_config(tmp_path: Path) -> None:
    config = tmp_path / "environments.yaml"
    config.write_text(CONFIG)

    assert environment_region("prod-eu", config) == "eu-west-1"
    with pytest.raises(OutputsError, match=r"no environment staging .*known: dev, prod-eu"):
        environment_region("staging", config)


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "config file not found"), ("a: [", "not valid YAML"), ("environments: {}", "must be a list")],
)
def test_bad_config_files_are_explained(tmp_path: Path, content: str | None, message: str) -> None:
    config = tmp_path / "environments.yaml"
    if content is not None:
        config.write_text(content)

    with pytest.raises(OutputsError, match=message):
        environment_region("dev", config)
