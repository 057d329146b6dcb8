"""The tables the runtime's unit tests (and bench) create are the tables the stage deploys.

Runtime tests run against moto tables built from tests/unit/runtime/tables.py; the sandbox provisions from the
synthesized template. This test keeps the first honest: same keys, attributes, indexes and streams per table,
matched through the env var each function gets (docs/architecture.md).
"""

from __future__ import annotations

from aws_cdk.assertions import Template

from tests.unit.runtime.tables import TABLE_DEFINITIONS, TABLE_NAMES


def _shape(props: dict) -> dict:
    def index(i: dict) -> tuple:
        return (
            i["IndexName"],
            tuple((k["AttributeName"], k["KeyType"]) for k in i["KeySchema"]),
            i["Projection"]["ProjectionType"],
        )

    return {
        "keys": [(k["AttributeName"], k["KeyType"]) for k in props["KeySchema"]],
        "attributes": sorted((a["AttributeName"], a["AttributeType"]) for a in props["AttributeDefinitions"]),
        "indexes": sorted(index(i) for i in props.get("GlobalSecondaryIndexes", [])),
        "stream": (props.get("StreamSpecification") or {}).get("StreamViewType"),
    }


def test_runtime_test_tables_match_the_deployed_tables(default_synth) -> None:
    template = Template.from_stack(default_synth.pipeline.stages["dev"].stack).to_json()
    resources = template["Resources"]
    graphql_env = next(
        r["Properties"]["Environment"]["Variables"]
        for r in resources.values()
        if r["Type"] == "AWS::Lambda::Function" and r["Properties"].get("Handler") == "runtime.graphql_handler.handler"
    )
    by_name = {d["TableName"]: d for d in TABLE_DEFINITIONS}
    for variable, test_name in TABLE_NAMES.items():
        deployed = resources[graphql_env[variable]["Ref"]]["Properties"]
        assert _shape(by_name[test_name]) == _shape(deployed), variable
