"""The runtime functions alone on a bare stack, and what the stack's wiring adds to them (tables, secret)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_lambda as lambda_
from aws_cdk.assertions import Template

from backend.infra.data import DataTables
from backend.infra.functions import (
    COGNITO_TRIGGER_HANDLER,
    GRAPHQL_HANDLER,
    POWERTOOLS_VERSION,
    STREAM_HANDLER,
    Functions,
)
from backend.infra.stack import wire_tables_and_secret

from .constructs.support import bare_stack, logical_id, policy_statements, resource, settings
from .helpers import as_list

HANDLERS = (GRAPHQL_HANDLER, STREAM_HANDLER, COGNITO_TRIGGER_HANDLER)
OWN_ENVIRONMENT = {
    "APP_VERSION": "1.2.3",
    "POWERTOOLS_SERVICE_NAME": "mobile-backend",
    "POWERTOOLS_METRICS_NAMESPACE": "MobileBackend",
    "POWERTOOLS_LOG_LEVEL": "INFO",
}
TABLE_VARIABLES = {
    "USERS_TABLE": "Users",
    "POSTS_TABLE": "Posts",
    "COMMENTS_TABLE": "Comments",
    "LIKES_TABLE": "Likes",
    "DEVICES_TABLE": "Devices",
}


class Built:
    """The functions on a bare stack; with `wired`, also the tables and the stack's wiring of both."""

    def __init__(self, *, protect_data: bool, wired: bool) -> None:
        stack = bare_stack()
        self.functions = Functions(
            stack, "Functions", settings=settings(protect_data=protect_data, app_version="1.2.3")
        )
        self.tables = DataTables(stack, "Data", settings=settings(protect_data=protect_data)) if wired else None
        if self.tables is not None:
            wire_tables_and_secret(self.functions, self.tables)
        self.template = Template.from_stack(stack)

    def function(self, handler: str) -> lambda_.Function:
        return next(f for f in self.functions.all if f.node.default_child.handler == handler)  # type: ignore[union-attr]

    def props(self, handler: str) -> dict[str, Any]:
        return resource(self.template, self.function(handler))["Properties"]

    def variables(self, handler: str) -> dict[str, Any]:
        return self.props(handler)["Environment"]["Variables"]

    def table_id(self, construct_id: str) -> str:
        assert self.tables is not None
        return logical_id(self.tables.node.find_child(construct_id))

    def table_arn(self, construct_id: str) -> dict[str, Any]:
        return {"Fn::GetAtt": [self.table_id(construct_id), "Arn"]}

    def actions_on(self, handler: str, target: Any) -> set[str]:
        statements = policy_statements(self.template, logical_id(self.function(handler).role))
        return {a for s in statements if target in as_list(s["Resource"]) for a in as_list(s["Action"])}


@pytest.fixture(scope="module")
def alone() -> Built:
    return Built(protect_data=False, wired=False)


@pytest.fixture(scope="module")
def protected() -> Built:
    return Built(protect_data=True, wired=False)


@pytest.fixture(scope="module")
def wired() -> Built:
    return Built(protect_data=False, wired=True)


@pytest.mark.parametrize("handler", HANDLERS)
def test_every_function_runs_python_3_14_on_arm_with_json_logs_and_active_tracing(alone: Built, handler: str) -> None:
    props = alone.props(handler)
    assert props["Handler"] == handler
    assert props["Runtime"] == "python3.14"
    assert props["Architectures"] == ["arm64"]
    assert props["TracingConfig"] == {"Mode": "Active"}
    assert props["LoggingConfig"]["LogFormat"] == "JSON"


@pytest.mark.parametrize("handler", HANDLERS)
def test_no_function_has_a_layer_or_a_deploy_time_lookup(alone: Built, handler: str) -> None:
    # Powertools is in the code asset: nothing is resolved at deploy time (no SSM-typed parameter but CDK's own
    # bootstrap version), so a Powertools release missing from a region or from Parameter Store cannot fail a deploy.
    assert "Layers" not in alone.props(handler)
    parameters = alone.template.to_json().get("Parameters", {})
    assert set(parameters) == {"BootstrapVersion"}


def test_every_function_runs_one_asset_holding_runtime_and_the_pinned_powertools(alone: Built) -> None:
    keys = {alone.props(handler)["Code"]["S3Key"] for handler in HANDLERS}
    [key] = keys
    staged = Path(cdk.Stage.of(alone.functions).outdir) / f"asset.{key.removesuffix('.zip')}"  # type: ignore[union-attr]
    assert sorted(p.name for p in staged.iterdir()) == ["aws_lambda_powertools", "runtime", "typing_extensions.py"]
    assert (staged / "runtime" / "graphql_handler.py").is_file()
    version = (staged / "aws_lambda_powertools" / "shared" / "version.py").read_text()
    assert f'VERSION = "{POWERTOOLS_VERSION}"' in version
    # No bytecode (Python-version specific) and no tool caches: the asset is the same on every machine.
    assert not [p for p in staged.rglob("*") if p.name in ("__pycache__", ".pytest_cache") or p.suffix == ".pyc"]


@pytest.mark.parametrize(
    ("handler", "memory", "timeout"),
    [(GRAPHQL_HANDLER, 1024, 15), (STREAM_HANDLER, 512, 60), (COGNITO_TRIGGER_HANDLER, 256, 5)],
)
def test_memory_and_timeout_fit_each_function(alone: Built, handler: str, memory: int, timeout: int) -> None:
    props = alone.props(handler)
    assert (props["MemorySize"], props["Timeout"]) == (memory, timeout)


@pytest.mark.parametrize("handler", HANDLERS)
def test_alone_a_function_knows_only_its_own_configuration(alone: Built, handler: str) -> None:
    assert alone.variables(handler) == OWN_ENVIRONMENT


@pytest.mark.parametrize(("fixture", "days", "deletion"), [("alone", 14, "Delete"), ("protected", 365, "Retain")])
def test_log_groups_keep_the_environments_retention(request, fixture: str, days: int, deletion: str) -> None:
    built: Built = request.getfixturevalue(fixture)
    for handler in HANDLERS:
        log_group_id = built.props(handler)["LoggingConfig"]["LogGroup"]["Ref"]
        log_group = built.template.to_json()["Resources"][log_group_id]
        assert log_group["Properties"]["RetentionInDays"] == days
        assert log_group["DeletionPolicy"] == deletion


@pytest.mark.parametrize(("fixture", "deletion"), [("alone", "Delete"), ("protected", "Retain")])
def test_the_pagination_secret_is_generated_and_kept_with_protected_data(request, fixture: str, deletion: str) -> None:
    built: Built = request.getfixturevalue(fixture)
    secret = resource(built.template, built.functions.pagination_secret)
    assert secret["Properties"]["GenerateSecretString"] == {"PasswordLength": 64, "ExcludePunctuation": True}
    assert secret["DeletionPolicy"] == deletion


@pytest.mark.parametrize("handler", [GRAPHQL_HANDLER, STREAM_HANDLER])
def test_the_stack_names_every_table_to_the_graphql_and_stream_functions(wired: Built, handler: str) -> None:
    variables = wired.variables(handler)
    for variable, table_id in TABLE_VARIABLES.items():
        assert variables[variable] == {"Ref": wired.table_id(table_id)}
    assert OWN_ENVIRONMENT.items() <= variables.items()


@pytest.mark.parametrize("handler", [GRAPHQL_HANDLER, STREAM_HANDLER])
def test_the_graphql_and_stream_functions_read_and_write_every_table(wired: Built, handler: str) -> None:
    for table_id in TABLE_VARIABLES.values():
        actions = wired.actions_on(handler, wired.table_arn(table_id))
        assert {"dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:DeleteItem"} <= actions, table_id


def test_only_the_graphql_function_gets_the_pagination_secret(wired: Built) -> None:
    secret = {"Ref": logical_id(wired.functions.pagination_secret)}
    assert wired.variables(GRAPHQL_HANDLER)["PAGINATION_SECRET_ARN"] == secret
    assert wired.actions_on(GRAPHQL_HANDLER, secret) == {
        "secretsmanager:GetSecretValue",
        "secretsmanager:DescribeSecret",
    }
    for handler in (STREAM_HANDLER, COGNITO_TRIGGER_HANDLER):
        assert "PAGINATION_SECRET_ARN" not in wired.variables(handler)
        assert wired.actions_on(handler, secret) == set()


def test_the_post_confirmation_trigger_only_writes_the_users_table(wired: Built) -> None:
    assert wired.variables(COGNITO_TRIGGER_HANDLER).keys() - OWN_ENVIRONMENT.keys() == {"USERS_TABLE"}
    on_users = wired.actions_on(COGNITO_TRIGGER_HANDLER, wired.table_arn("Users"))
    assert "dynamodb:PutItem" in on_users
    assert not on_users & {"dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"}
    for other in ("Posts", "Comments", "Likes", "Devices"):
        assert wired.actions_on(COGNITO_TRIGGER_HANDLER, wired.table_arn(other)) == set()
