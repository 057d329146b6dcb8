"""The in-process sandbox starts from a template and writes outputs through the generator."""
from __future__ import annotations

import requests

from sandbox_testkit import read_outputs


def test_outputs_name_local_endpoints(running_sandbox):
    outputs = read_outputs(running_sandbox)
    stack = outputs["stack_outputs"]
    assert stack["GraphQLUrl"] == running_sandbox.url
    assert stack["UserPoolId"] == running_sandbox.sandbox.provisioned.user_pool_id
    assert stack["PushAppId"] == running_sandbox.sandbox.outbox.app_id
    assert '"min_length": 12' in stack["AuthSettings"]
    custom = outputs["custom"]["sandbox"]
    assert custom["aws_endpoint"] == running_sandbox.moto_url
    assert custom["cognito_idp_endpoint"].endswith("/cognito")
    assert custom["ca_cert"] == running_sandbox.ca


def test_graphql_without_token_is_401(running_sandbox):
    response = requests.post(running_sandbox.url, json={"query": "{ me { id } }"}, verify=running_sandbox.ca)
    assert response.status_code == 401
    assert response.json()["errors"][0]["errorType"] == "UnauthorizedException"
