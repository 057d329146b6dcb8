"""DataTables alone: the contract's keys, indexes and streams (docs/architecture.md), and protect_data."""

from __future__ import annotations

from typing import Any

import pytest
from aws_cdk.assertions import Template

from backend.infra.data import DataTables

from .support import bare_stack, resource, settings


def _hash(name: str) -> dict[str, str]:
    return {"AttributeName": name, "KeyType": "HASH"}


def _range(name: str) -> dict[str, str]:
    return {"AttributeName": name, "KeyType": "RANGE"}


# Table attribute → (key schema, global secondary indexes, stream view type): the architecture contract.
CONTRACT: dict[str, tuple[list[dict[str, str]], list[dict[str, Any]] | None, str | None]] = {
    "users": ([_hash("id")], None, None),
    "posts": (
        [_hash("id")],
        [
            {
                "IndexName": "byFeed",
                "KeySchema": [_hash("feed"), _range("createdAt")],
                "Projection": {"ProjectionType": "ALL"},
            },
            {
                "IndexName": "byAuthor",
                "KeySchema": [_hash("authorId"), _range("createdAt")],
                "Projection": {"ProjectionType": "ALL"},
            },
        ],
        "NEW_AND_OLD_IMAGES",
    ),
    "comments": ([_hash("postId"), _range("commentKey")], None, "NEW_AND_OLD_IMAGES"),
    "likes": ([_hash("postId"), _range("userId")], None, None),
    "devices": (
        [_hash("userId"), _range("token")],
        [{"IndexName": "byToken", "KeySchema": [_hash("token")], "Projection": {"ProjectionType": "KEYS_ONLY"}}],
        None,
    ),
}


@pytest.fixture(scope="module")
def built() -> dict[bool, tuple[DataTables, Template]]:
    """protect_data → (the construct, its template), each on its own bare stack."""
    result = {}
    for protect in (False, True):
        stack = bare_stack()
        tables = DataTables(stack, "Data", settings=settings(protect_data=protect))
        result[protect] = (tables, Template.from_stack(stack))
    return result


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_keys_indexes_and_stream_follow_the_contract(built, name: str) -> None:
    tables, template = built[False]
    key_schema, indexes, stream = CONTRACT[name]
    props = resource(template, getattr(tables, name))["Properties"]
    assert props["KeySchema"] == key_schema
    assert props.get("GlobalSecondaryIndexes") == indexes
    assert props.get("StreamSpecification") == ({"StreamViewType": stream} if stream else None)
    key_names = {k["AttributeName"] for k in key_schema} | {
        k["AttributeName"] for i in indexes or [] for k in i["KeySchema"]
    }
    assert sorted(props["AttributeDefinitions"], key=lambda a: a["AttributeName"]) == [
        {"AttributeName": n, "AttributeType": "S"} for n in sorted(key_names)
    ]


def test_every_table_is_on_demand_and_encrypted_with_the_aws_managed_key(built) -> None:
    tables, template = built[False]
    assert [getattr(tables, name) for name in CONTRACT] == tables.all  # what monitoring alarms on
    for table in tables.all:
        props = resource(template, table)["Properties"]
        assert props["BillingMode"] == "PAY_PER_REQUEST"
        assert "ProvisionedThroughput" not in props
        assert props["SSESpecification"] == {"SSEEnabled": True}


@pytest.mark.parametrize(
    ("protect", "policy", "enabled"), [(False, "Delete", False), (True, "Retain", True)], ids=["removable", "protected"]
)
def test_protect_data_turns_on_pitr_deletion_protection_and_retain(
    built, protect: bool, policy: str, enabled: bool
) -> None:
    tables, template = built[protect]
    for table in tables.all:
        synthesized = resource(template, table)
        assert synthesized["DeletionPolicy"] == policy
        assert synthesized["UpdateReplacePolicy"] == policy
        assert synthesized["Properties"]["DeletionProtectionEnabled"] is enabled
        assert synthesized["Properties"]["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": enabled}
