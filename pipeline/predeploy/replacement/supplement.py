"""What the resource schemas leave out: properties whose change needs a new resource according to CloudFormation's
resource reference ("Update requires: Replacement"), where the schema does not list them as create-only.

Each entry cites the reference page that says so. Keep it small: an entry the schema already lists as
`createOnlyProperties` is redundant and tests/unit/preflight/test_replacement_supplement.py fails on it, so the
supplement shrinks as cfn-lint's schemas catch up. An entry that upgrades a `conditionalCreateOnlyProperties`
("may replace") to a certain replacement stays, and says so.
"""

from __future__ import annotations

from dataclasses import dataclass

_REFERENCE = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference"


@dataclass(frozen=True)
class Fact:
    resource_type: str
    pointer: str  # a JSON pointer into the resource, as the schemas write them
    source: str  # the page that says "Update requires: Replacement"
    note: str  # why the schema alone is not enough

    def cite(self) -> str:
        return f"resource reference: Update requires: Replacement, {self.source}"


SUPPLEMENT: tuple[Fact, ...] = (
    Fact(
        "AWS::DynamoDB::Table",
        "/properties/KeySchema",
        f"{_REFERENCE}/aws-resource-dynamodb-table.html#cfn-dynamodb-table-keyschema",
        "the schema lists KeySchema only as conditionalCreateOnlyProperties; a table's primary key cannot change",
    ),
    Fact(
        "AWS::DynamoDB::Table",
        "/properties/LocalSecondaryIndexes",
        f"{_REFERENCE}/aws-resource-dynamodb-table.html#cfn-dynamodb-table-localsecondaryindexes",
        "not in the schema's create-only lists; local secondary indexes exist only from a table's creation",
    ),
    Fact(
        "AWS::Cognito::UserPool",
        "/properties/UsernameAttributes",
        f"{_REFERENCE}/aws-resource-cognito-userpool.html#cfn-cognito-userpool-usernameattributes",
        "the schema lists no create-only property; Cognito cannot change a pool's sign-in attributes after "
        "creation (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-updating.html)",
    ),
    Fact(
        "AWS::Cognito::UserPool",
        "/properties/AliasAttributes",
        f"{_REFERENCE}/aws-resource-cognito-userpool.html#cfn-cognito-userpool-aliasattributes",
        "the schema lists no create-only property; Cognito cannot change a pool's sign-in attributes after "
        "creation (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-updating.html)",
    ),
)


def facts_for(resource_type: str) -> tuple[Fact, ...]:
    return tuple(fact for fact in SUPPLEMENT if fact.resource_type == resource_type)
