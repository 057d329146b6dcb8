"""The facts the guard relies on, read from the installed cfn-lint: every stateful type has a schema, the schemas
still say what the supplement assumes they say, and every supplement entry adds something they lack."""

from __future__ import annotations

import re

import pytest

from pipeline.predeploy.replacement.schemas import create_only
from pipeline.predeploy.replacement.stateful import STATEFUL_TYPES
from pipeline.predeploy.replacement.supplement import SUPPLEMENT, Fact
from pipeline.project_root import PROJECT_ROOT

REGIONS = ("us-east-1", "us-west-2", "eu-west-1")


def _schema(resource_type: str) -> dict:
    from cfnlint.schema import PROVIDER_SCHEMA_MANAGER

    return PROVIDER_SCHEMA_MANAGER.get_resource_schema("us-east-1", resource_type).schema


@pytest.mark.parametrize("resource_type", sorted(STATEFUL_TYPES))
def test_every_stateful_type_has_a_resource_schema(resource_type: str) -> None:
    for region in REGIONS:
        assert create_only(resource_type, region).found, (resource_type, region)


@pytest.mark.parametrize("fact", SUPPLEMENT, ids=lambda f: f"{f.resource_type}{f.pointer}")
def test_each_supplement_entry_names_a_real_property_the_schema_does_not_call_create_only(fact: Fact) -> None:
    schema = _schema(fact.resource_type)
    name = fact.pointer.removeprefix("/properties/")
    assert name in schema["properties"], f"{fact.resource_type} has no property {name} any more"
    # Redundant once the schema lists it: remove the entry (the schema then decides, with its own source).
    assert fact.pointer not in (schema.get("createOnlyProperties") or []), fact


@pytest.mark.parametrize("fact", SUPPLEMENT, ids=lambda f: f"{f.resource_type}{f.pointer}")
def test_each_supplement_entry_cites_the_resource_reference_page_of_its_type(fact: Fact) -> None:
    page = fact.resource_type.lower().replace("aws::", "aws-resource-").replace("::", "-")
    expected = (
        f"https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/{page}.html"
        f"#cfn-{page.removeprefix('aws-resource-')}-{fact.pointer.rsplit('/', 1)[-1].lower()}"
    )
    assert fact.source == expected
    assert fact.note


def test_what_the_issue_says_the_schemas_lack_they_still_lack() -> None:
    """The two gaps the supplement was written for (if cfn-lint fixes one, the test above says which entry to drop)."""
    table = _schema("AWS::DynamoDB::Table")
    assert "/properties/KeySchema" not in table.get("createOnlyProperties", [])
    assert "/properties/KeySchema" in table.get("conditionalCreateOnlyProperties", [])
    pool = _schema("AWS::Cognito::UserPool")
    assert not pool.get("createOnlyProperties") and not pool.get("conditionalCreateOnlyProperties")


@pytest.mark.parametrize("package", ["cfn-lint", "graphql-core"])
def test_the_pre_deploy_step_installs_the_same_checkers_as_developers(package: str) -> None:
    """The replacement guard reads cfn-lint's schemas, the schema check compares with graphql-core: the step
    must judge with the versions `make preflight` and `make schema-check` use."""

    def pin(name: str) -> str:
        text = (PROJECT_ROOT / name).read_text(encoding="utf-8")
        found = re.findall(rf"^{re.escape(package)}==(\S+)", text, flags=re.MULTILINE)
        assert len(found) == 1, name
        return found[0]

    assert pin("requirements-predeploy.txt") == pin("requirements-dev.txt")
    assert "-r requirements-integration.txt" in (PROJECT_ROOT / "requirements-predeploy.txt").read_text(
        encoding="utf-8"
    )
