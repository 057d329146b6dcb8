"""Helpers shared by the sandbox tests (a uniquely named module: other suites have their own conftest)."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any

import boto3
from websockets.typing import Subprotocol

from sandbox.server import Sandbox

from .sandbox_fake_runtime import FakeRuntime

PASSWORD = "Correct-Horse-9-Battery"


def fake_outputs_generator(outputs: dict[str, str], *, sandbox: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"version": "1", "stack_outputs": dict(outputs), "custom": {"sandbox": dict(sandbox or {})}}


@dataclass
class RunningSandbox:
    sandbox: Sandbox
    runtime: FakeRuntime
    loop: asyncio.AbstractEventLoop

    @property
    def url(self) -> str:
        return self.sandbox.graphql_url

    @property
    def ca(self) -> str:
        assert self.sandbox.tls is not None, "the sandbox has not started"
        return str(self.sandbox.tls.ca_cert)

    @property
    def moto_url(self) -> str:
        assert self.sandbox.moto is not None, "the sandbox has not started"
        return self.sandbox.moto.url

    def client(self, service: str) -> Any:
        return boto3.client(service, endpoint_url=self.moto_url, region_name="us-east-1")

    def sign_in(self, email: str, groups: tuple[str, ...] = ()) -> dict[str, str]:
        """A confirmed user (created once) and its tokens, straight from moto."""
        provisioned = self.sandbox.provisioned
        assert provisioned is not None, "the sandbox has not started"
        idp = self.client("cognito-idp")
        pool = provisioned.user_pool_id
        try:
            idp.admin_create_user(
                UserPoolId=pool,
                Username=email,
                MessageAction="SUPPRESS",
                UserAttributes=[{"Name": "email", "Value": email}],
            )
            idp.admin_set_user_password(UserPoolId=pool, Username=email, Password=PASSWORD, Permanent=True)
            for group in groups:
                idp.admin_add_user_to_group(UserPoolId=pool, Username=email, GroupName=group)
        except idp.exceptions.UsernameExistsException:
            pass
        result = idp.initiate_auth(
            ClientId=provisioned.client_ids[0],
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": email, "PASSWORD": PASSWORD},
        )
        return result["AuthenticationResult"]


def read_outputs(running: RunningSandbox) -> dict[str, Any]:
    return json.loads(running.sandbox.options.outputs_path.read_text())


def realtime_subprotocols(*protocols: str) -> list[Subprotocol]:
    """The subprotocols a realtime client offers (websockets types them as Subprotocol, a NewType of str)."""
    return [Subprotocol(protocol) for protocol in protocols]
