"""Live reload against a sandbox process watching a temporary project (sandbox_reload_main.py): runtime edits
served without a restart and with state kept, a broken edit answered with AppSync's error shape and recovered,
a schema edit applied in place, an unsafe infra edit refused while the old version keeps serving."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import boto3
import pytest
import requests

from pipeline.project_root import PROJECT_ROOT
from sandbox.process import SandboxProcess

from .sandbox_fake_template import stage_template
from .sandbox_testkit import PASSWORD

PACKAGE = "reload_fake_runtime"
GRAPHQL_HANDLER = """
import os
import boto3

VERSION = "v1"
_posts = []


def table():
    if not _posts:
        _posts.append(boto3.resource("dynamodb", region_name="us-east-1").Table(os.environ["POSTS_TABLE"]))
    return _posts[0]


def handler(event, context):
    if isinstance(event, list):
        return [{"id": "u", "username": "u"} for _ in event]
    field = event["info"]["fieldName"]
    identity = event.get("identity") or {}
    if field == "me":
        return {"id": identity.get("sub"), "username": identity.get("username") or identity.get("sub")}
    if field == "createPost":
        item = {"id": "p-" + str(len(str(event))), "authorId": identity.get("sub"), **event["arguments"]["input"]}
        table().put_item(Item=item)
        return {**item, "title": item["title"] + " " + VERSION}
    if field == "getPost":
        item = table().get_item(Key={"id": event["arguments"]["id"]}).get("Item")
        return {**item, "title": item["title"] + " " + VERSION} if item else None
    if field == "reloadVersion":
        return VERSION
    return None
"""
OTHER_HANDLER = "def handler(event, context):\n    return event\n"


class Process:
    def __init__(self, project: Path, state: Path) -> None:
        self.username = ""
        self.child = SandboxProcess(
            ["--port", "0", "--ephemeral", "--outputs", str(state / "amplify_outputs.json"), "--state-dir", str(state)],
            command=[sys.executable, "-m", "tests.unit.sandbox.sandbox_reload_main"],
            env={**os.environ, "RELOAD_PROJECT": str(project), "PYTHONUNBUFFERED": "1"},
        )
        self.child.wait_ready(timeout=90)
        outputs = json.loads((state / "amplify_outputs.json").read_text())
        self.url = outputs["data"]["url"]
        self.custom = outputs["custom"]["sandbox"]

    def wait_for(self, *prefixes: str, timeout: float = 20) -> list[str]:
        """Lines up to and including the first that starts with one of the prefixes (the block after it too)."""
        return self.child.wait_for(*prefixes, timeout=timeout, settle_s=0.2)

    def gql(self, token: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        response = requests.post(
            self.url,
            json={"query": query, "variables": variables or {}},
            headers={"Authorization": token},
            verify=self.custom["ca_cert"],
            timeout=20,
        )
        assert response.status_code == 200, response.text
        return response.json()

    def stop(self) -> None:
        self.child.stop()


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("reload-project")
    package = root / PACKAGE
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "graphql_handler.py").write_text(GRAPHQL_HANDLER)
    (package / "stream_handler.py").write_text(OTHER_HANDLER)
    (package / "cognito_trigger.py").write_text(OTHER_HANDLER)
    (root / "stage").mkdir()
    (root / "stage" / "template.json").write_text(json.dumps(stage_template(), indent=1))
    (root / "stage" / "schema.graphql").write_text((PROJECT_ROOT / "backend" / "schema.graphql").read_text())
    return root


@pytest.fixture(scope="module")
def sandbox(project: Path, tmp_path_factory: pytest.TempPathFactory):
    process = Process(project, tmp_path_factory.mktemp("reload-state"))
    yield process
    process.stop()


@pytest.fixture(scope="module")
def token(sandbox: Process) -> str:
    outputs_pool = sandbox.custom
    idp = boto3.client("cognito-idp", endpoint_url=outputs_pool["aws_endpoint"], region_name="us-east-1")
    pool = idp.list_user_pools(MaxResults=10)["UserPools"][0]["Id"]
    client_id = idp.list_user_pool_clients(UserPoolId=pool, MaxResults=10)["UserPoolClients"][0]["ClientId"]
    idp.admin_create_user(
        UserPoolId=pool,
        Username="kept@example.com",
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": "email", "Value": "kept@example.com"}],
    )
    idp.admin_set_user_password(UserPoolId=pool, Username="kept@example.com", Password=PASSWORD, Permanent=True)
    auth = idp.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "kept@example.com", "PASSWORD": PASSWORD},
    )
    sandbox.username = idp.admin_get_user(UserPoolId=pool, Username="kept@example.com")["Username"]
    return auth["AuthenticationResult"]["AccessToken"]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new))


CREATE = 'mutation { createPost(input: {title: "kept", content: "c"}) { id title } }'
GET = "query ($id: ID!) { getPost(id: $id) { id title } }"


def test_runtime_edit_is_served_without_restart_and_keeps_users_and_data(sandbox, project, token):
    created = sandbox.gql(token, CREATE)["data"]["createPost"]
    assert created["title"] == "kept v1"
    pid = sandbox.child.popen.pid

    _edit(project / PACKAGE / "graphql_handler.py", 'VERSION = "v1"', 'VERSION = "v2"')
    (line,) = [x for x in sandbox.wait_for("sandbox: reloaded", "sandbox: the runtime") if x.startswith("sandbox: ")]

    assert line.startswith("sandbox: reloaded the runtime (reload_fake_runtime/graphql_handler.py) in ")
    assert sandbox.child.popen.poll() is None and sandbox.child.popen.pid == pid
    # the same token (the user is still there), the post written before the edit, read by the new code
    assert sandbox.gql(token, GET, {"id": created["id"]})["data"]["getPost"] == {
        "id": created["id"],
        "title": "kept v2",
    }
    assert sandbox.gql(token, "{ me { username } }")["data"]["me"]["username"] == sandbox.username


def test_broken_edit_is_an_appsync_error_until_fixed(sandbox, project, token):
    handler = project / PACKAGE / "graphql_handler.py"
    _edit(handler, "def handler(event, context):", "def handler(event, context:")
    block = sandbox.wait_for("sandbox: the runtime does not import", "sandbox: reloaded")

    assert block[0].startswith("sandbox: the runtime does not import after reload_fake_runtime/graphql_handler.py;")
    assert any("SyntaxError" in line for line in block[1:]), block
    body = sandbox.gql(token, "{ me { username } }")
    assert body["data"] is None
    (error,) = body["errors"]
    assert error["errorType"] == "Lambda:Unhandled"
    assert error["message"].startswith("Runtime.UserCodeSyntaxError: ")
    assert "graphql_handler.py, line" in error["message"]
    assert error["path"] == ["me"]

    _edit(handler, "def handler(event, context:", "def handler(event, context):")
    sandbox.wait_for("sandbox: reloaded", "sandbox: the runtime")
    assert sandbox.gql(token, "{ me { username } }")["data"]["me"]["username"] == sandbox.username
    assert sandbox.child.popen.poll() is None


def test_schema_edit_is_applied_in_place(sandbox, project, token):
    created = sandbox.gql(token, CREATE)["data"]["createPost"]
    assert "errors" in sandbox.gql(token, "{ reloadVersion }")  # not in the schema yet: a validation error

    stage = project / "stage"
    _edit(stage / "schema.graphql", "type Query {\n", "type Query {\n  reloadVersion: String!\n")
    template = json.loads((stage / "template.json").read_text())
    template["Resources"]["ResolverQueryreloadVersion"] = {
        "Type": "AWS::AppSync::Resolver",
        "Properties": {"TypeName": "Query", "FieldName": "reloadVersion"},
    }
    users = template["Resources"]["UsersTable9725E9C8"]["Properties"]
    users["AttributeDefinitions"].append({"AttributeName": "username", "AttributeType": "S"})
    users["GlobalSecondaryIndexes"] = [
        {
            "IndexName": "byUsername",
            "KeySchema": [{"AttributeName": "username", "KeyType": "HASH"}],
            "Projection": {"ProjectionType": "ALL"},
        }
    ]
    template["Resources"]["NotesTable"] = {
        "Type": "AWS::DynamoDB::Table",
        "Properties": {
            "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
            "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
        },
    }
    (stage / "template.json").write_text(json.dumps(template, indent=1))
    lines = sandbox.wait_for("sandbox: applied", "sandbox: stage", "sandbox: ")

    assert lines[-1].startswith("sandbox: applied stage/"), lines
    assert "new table NotesTable" in lines[-1] and "index UsersTable9725E9C8.byUsername added" in lines[-1]
    assert sandbox.gql(token, "{ reloadVersion }") == {"data": {"reloadVersion": "v2"}}
    assert sandbox.gql(token, GET, {"id": created["id"]})["data"]["getPost"]["title"] == "kept v2"
    dynamodb = boto3.client("dynamodb", endpoint_url=sandbox.custom["aws_endpoint"], region_name="us-east-1")
    assert "sandbox-NotesTable" in dynamodb.list_tables()["TableNames"]
    indexes = dynamodb.describe_table(TableName="sandbox-UsersTable9725E9C8")["Table"]["GlobalSecondaryIndexes"]
    assert [i["IndexName"] for i in indexes] == ["byUsername"]


def test_unsafe_infra_edit_is_refused_and_the_old_version_keeps_serving(sandbox, project, token):
    created = sandbox.gql(token, CREATE)["data"]["createPost"]
    stage = project / "stage"
    template = json.loads((stage / "template.json").read_text())
    posts = template["Resources"]["PostsTableC82B36F0"]["Properties"]
    posts["KeySchema"] = [
        {"AttributeName": "id", "KeyType": "HASH"},
        {"AttributeName": "createdAt", "KeyType": "RANGE"},
    ]
    (stage / "template.json").write_text(json.dumps(template, indent=1))
    lines = sandbox.wait_for("sandbox: ")

    (line,) = lines
    assert line.startswith("sandbox: stage/template.json not applied (still serving the previous version): ")
    assert "table PostsTableC82B36F0's key schema changed (id HASH -> id HASH, createdAt RANGE)" in line
    assert "--reset" in line
    assert sandbox.gql(token, GET, {"id": created["id"]})["data"]["getPost"]["title"] == "kept v2"
    assert sandbox.gql(token, "{ reloadVersion }") == {"data": {"reloadVersion": "v2"}}
    assert sandbox.child.popen.poll() is None
