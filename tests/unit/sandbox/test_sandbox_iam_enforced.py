"""IAM enforced end to end: `python -m sandbox` (the real runtime) from the stage template with one grant removed
(the GraphQL function's dynamodb:PutItem on the posts table): createPost is refused with AWS's AccessDenied,
nothing is written, and reads still work."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import boto3
import pytest
import requests

from backend.naming import stack_name_for
from sandbox.process import SandboxProcess
from sandbox.provisioning.template import find_stack_template
from sandbox.runtime_output import RUNTIME_LOG_NAME

from .test_sandbox_state import START_TIMEOUT_S, App, free_port


def _drop_put_item_on_posts(template: dict) -> None:
    resources = template["Resources"]
    role = next(
        r["Properties"]["Role"]["Fn::GetAtt"][0]
        for r in resources.values()
        if r["Type"] == "AWS::Lambda::Function" and r["Properties"].get("Handler") == "runtime.graphql_handler.handler"
    )
    posts = next(k for k, r in resources.items() if r["Type"] == "AWS::DynamoDB::Table" and k.startswith("DataPosts"))
    policy = next(
        r for r in resources.values() if r["Type"] == "AWS::IAM::Policy" and {"Ref": role} in r["Properties"]["Roles"]
    )
    statements = policy["Properties"]["PolicyDocument"]["Statement"]
    for statement in list(statements):
        actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
        if "dynamodb:PutItem" not in actions:
            continue
        others = [r for r in statement["Resource"] if posts not in json.dumps(r)]
        statement["Action"] = [a for a in actions if a != "dynamodb:PutItem"]
        statements.append({"Effect": "Allow", "Action": "dynamodb:PutItem", "Resource": others})
        return
    raise AssertionError("no dynamodb:PutItem grant found for the GraphQL function")


@pytest.fixture(scope="module")
def sandbox_without_put(default_synth, tmp_path_factory):
    found = find_stack_template(default_synth.outdir, stack_name_for("dev"))  # the pipeline's dev stage
    template = copy.deepcopy(json.loads(found.read_text()))
    _drop_put_item_on_posts(template)
    root = tmp_path_factory.mktemp("iam")
    (root / "stage.template.json").write_text(json.dumps(template))
    place = {"root": root, "port": free_port(), "moto_port": free_port()}
    args = ["--port", str(place["port"]), "--moto-port", str(place["moto_port"]), "--state-dir", str(root / "state")]
    args += ["--outputs", str(root / "amplify_outputs.json"), "--template", str(root / "stage.template.json")]
    process = SandboxProcess([*args, "--ephemeral"])
    process.wait_ready(START_TIMEOUT_S)
    yield process, App(place)
    process.stop()


def test_a_removed_grant_is_refused_as_aws_refuses_it_and_reads_still_work(sandbox_without_put):
    process, app = sandbox_without_put
    app.sign_up("writer@example.com")
    token = app.sign_in("writer@example.com")
    assert app.graphql(token, "{ me { id } }")["me"]["id"]  # the profile (users table): the trigger's grant
    response = requests.post(
        app.outputs["data"]["url"],
        json={"query": 'mutation { createPost(input: {title: "t", content: "c"}) { id } }'},
        headers={"Authorization": token},
        verify=app.ca,
        timeout=30,
    ).json()
    assert response["data"] is None and response["errors"], response  # the runtime answers InternalError
    assert app.feed(token) == []  # reads work; nothing was written
    moto = app.outputs["custom"]["sandbox"]["aws_endpoint"]
    dynamodb = boto3.client("dynamodb", endpoint_url=moto, region_name="us-east-1")
    posts = next(t for t in dynamodb.list_tables()["TableNames"] if "DataPosts" in t)
    assert dynamodb.scan(TableName=posts)["Count"] == 0
    process.stop()
    # The runtime's exception log (the ClientError AWS would raise) is in its log file; the refusal line on the
    # sandbox's terminal.
    runtime_log = (Path(app.ca).parent / RUNTIME_LOG_NAME).read_text(encoding="utf-8")  # the state dir
    expected = (
        "is not authorized to perform: dynamodb:PutItem on resource: "
        f"arn:aws:dynamodb:us-east-1:123456789012:table/{posts} because no identity-based policy allows the "
        "dynamodb:PutItem action"
    )
    assert "AccessDeniedException" in runtime_log and expected in runtime_log, runtime_log[-4000:]
    refusal = next(line for line in process.lines if "IAM refused dynamodb:PutItem" in line)
    assert f"table/{posts}" in refusal and ":role/" in refusal
