"""The in-process sandbox starts from a template and writes outputs through the generator."""

from __future__ import annotations

import json

import requests

from backend.auth_settings import auth_settings_json

from .sandbox_testkit import read_outputs


def test_outputs_name_local_endpoints(running_sandbox):
    outputs = read_outputs(running_sandbox)
    stack = outputs["stack_outputs"]
    assert stack["GraphQLUrl"] == running_sandbox.url
    assert stack["UserPoolId"] == running_sandbox.sandbox.provisioned.user_pool_id
    assert stack["PushAppId"] == running_sandbox.sandbox.outbox.app_id
    assert stack["AuthSettings"] == auth_settings_json()
    custom = outputs["custom"]["sandbox"]
    assert custom["aws_endpoint"] == running_sandbox.moto_url
    assert custom["cognito_idp_endpoint"].endswith("/cognito")
    assert custom["ca_cert"] == running_sandbox.ca


def test_graphql_without_token_is_401(running_sandbox):
    response = requests.post(
        running_sandbox.url, json={"query": "{ me { id } }"}, verify=running_sandbox.ca, timeout=30
    )
    assert response.status_code == 401
    assert response.json()["errors"][0]["errorType"] == "UnauthorizedException"


def test_the_post_deploy_outputs_command_finds_the_sandbox_by_its_stack_name(running_sandbox, tmp_path, monkeypatch):
    """`python -m backend.outputs --stack S --region R --role-arn A`, as the pipeline runs it, against the sandbox."""
    from backend.outputs import amplify_outputs_from_stack_outputs, main

    custom = read_outputs(running_sandbox)["custom"]["sandbox"]
    monkeypatch.setenv("AWS_ENDPOINT_URL_STS", custom["aws_endpoint"])
    monkeypatch.setenv("AWS_ENDPOINT_URL_CLOUDFORMATION", custom["aws_endpoint"])
    out = tmp_path / "amplify_outputs.json"
    role = "arn:aws:iam::123456789012:role/mobile-backend-dev-test-users"  # moto's default account

    assert main(["--stack", custom["stack_name"], "--region", "us-east-1", "--role-arn", role, "--out", str(out)]) == 0

    described = json.loads(out.read_text())
    expected = amplify_outputs_from_stack_outputs(read_outputs(running_sandbox)["stack_outputs"], sandbox=custom)
    assert described == expected
    assert described["custom"]["sandbox"]["stack_name"] == "Personal-sandbox-MobileBackend"  # as if deployed
