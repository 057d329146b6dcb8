"""Lambda: environment variables in aggregate, function name, memory, timeout, layers, variable names."""

from __future__ import annotations

import json

from .helpers import failures, resource

LAMBDA_QUOTAS = "(Lambda quotas https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html)"


def function(**properties):
    base = {
        "Handler": "index.handler",
        "Runtime": "python3.12",
        "Role": "arn:aws:iam::123456789012:role/r",
        "Code": {"ZipFile": "def handler(e, c): pass"},
    }
    return resource("AWS::Lambda::Function", **{**base, **properties})


def test_a_good_function_passes():
    environment = {"Variables": {"TABLE": "users", "LOG_LEVEL": "INFO"}}
    assert (
        failures(
            {
                "Fn": function(
                    FunctionName="api",
                    MemorySize=1024,
                    Timeout=30,
                    Environment=environment,
                    Layers=["arn:aws:lambda:us-east-1:123456789012:layer:l:1"],
                )
            }
        )
        == []
    )


def test_more_than_4_kb_of_environment_fails():
    variables = {f"VAR_{i}": "v" * 400 for i in range(10)}
    measured = len(json.dumps(variables, separators=(",", ":")))
    assert measured > 4096
    assert failures({"Fn": function(Environment={"Variables": variables})}) == [
        f"Test.template.json: Fn: Properties.Environment.Variables: {measured} bytes > max 4096 {LAMBDA_QUOTAS}"
    ]


def test_environment_is_measured_as_json_so_quotes_and_commas_count():
    # Keys and values alone are 4,000 bytes; as {"K":"V",...} it is more than 4,096.
    variables = {f"K{i:02d}": "v" * 77 for i in range(50)}
    assert sum(len(k) + len(v) for k, v in variables.items()) == 4000
    assert failures({"Fn": function(Environment={"Variables": variables})})


def test_environment_resolved_at_deploy_time_counts_at_its_worst_case():
    # Each generated table name: len("Stack") + len(logical id) + 15.
    tables = {f"Table{i:02d}{'T' * 60}": resource("AWS::DynamoDB::Table") for i in range(50)}
    variables = {f"TABLE_{i:02d}": {"Ref": logical_id} for i, logical_id in enumerate(tables)}
    found = failures({"Fn": function(Environment={"Variables": variables}), **tables}, stack_name="Stack")
    assert len(found) == 1
    assert "Fn: Properties.Environment.Variables: " in found[0] and " bytes (worst case) > max 4096" in found[0]


def test_a_function_name_of_65_chars_fails_and_64_passes():
    assert failures({"Fn": function(FunctionName="f" * 64)}) == []
    assert failures({"Fn": function(FunctionName="f" * 65)}) == [
        "Test.template.json: Fn: Properties.FunctionName: 65 chars > max 64 "
        "(Lambda CreateFunction https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html)"
    ]


def test_a_function_name_follows_botocores_pattern():
    found = failures({"Fn": function(FunctionName="my.function")})
    assert len(found) == 1
    assert found[0].startswith("Test.template.json: Fn: Properties.FunctionName: 'my.function' does not match (arn:")
    assert found[0].endswith("(botocore lambda FunctionName)")


def test_memory_and_timeout_ranges_come_from_botocore():
    found = failures({"Fn": function(MemorySize=64, Timeout=0)})
    assert "Test.template.json: Fn: Properties.MemorySize: 64 < min 128 (botocore lambda MemorySize)" in found
    assert "Test.template.json: Fn: Properties.Timeout: 0 < min 1 (botocore lambda Timeout)" in found
    assert failures({"Fn": function(MemorySize=128, Timeout=900)}) == []


def test_more_than_five_layers_fails():
    layers = [f"arn:aws:lambda:us-east-1:123456789012:layer:l{i}:1" for i in range(6)]
    assert failures({"Fn": function(Layers=layers[:5])}) == []
    assert failures({"Fn": function(Layers=layers)}) == [
        f"Test.template.json: Fn: Properties.Layers: 6 layers > max 5 {LAMBDA_QUOTAS}"
    ]


def test_environment_variable_names_follow_botocore():
    found = failures({"Fn": function(Environment={"Variables": {"MY-VAR": "x"}})})
    assert found == [
        "Test.template.json: Fn: Properties.Environment.Variables.MY-VAR (key): 'MY-VAR' does not match "
        "[a-zA-Z]([a-zA-Z0-9_])+ (botocore lambda EnvironmentVariableName)"
    ]
