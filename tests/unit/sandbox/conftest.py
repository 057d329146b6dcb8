"""Fixtures for the sandbox's unit tests: dummy AWS credentials and one in-process sandbox per session
(moto's state and the runtime's environment are process-wide, so one sandbox serves every test)."""
from __future__ import annotations

import asyncio
import json
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fake_runtime import FakeRuntime  # noqa: E402
from fake_template import stage_template  # noqa: E402

from sandbox.server import Sandbox, SandboxOptions  # noqa: E402

os.environ.update({"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"})
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
        return str(self.sandbox.tls.ca_cert)

    @property
    def moto_url(self) -> str:
        return self.sandbox.moto.url

    def client(self, service: str) -> Any:
        return boto3.client(service, endpoint_url=self.moto_url, region_name="us-east-1")

    def sign_in(self, email: str, groups: tuple[str, ...] = ()) -> dict[str, str]:
        """A confirmed user (created once) and its tokens, straight from moto."""
        provisioned = self.sandbox.provisioned
        idp = self.client("cognito-idp")
        pool = provisioned.user_pool_id
        try:
            idp.admin_create_user(UserPoolId=pool, Username=email, MessageAction="SUPPRESS",
                                  UserAttributes=[{"Name": "email", "Value": email}])
            idp.admin_set_user_password(UserPoolId=pool, Username=email, Password=PASSWORD, Permanent=True)
            for group in groups:
                idp.admin_add_user_to_group(UserPoolId=pool, Username=email, GroupName=group)
        except idp.exceptions.UsernameExistsException:
            pass
        result = idp.initiate_auth(ClientId=provisioned.client_ids[0], AuthFlow="USER_PASSWORD_AUTH",
                                   AuthParameters={"USERNAME": email, "PASSWORD": PASSWORD})
        return result["AuthenticationResult"]


@pytest.fixture(scope="session")
def running_sandbox(tmp_path_factory: pytest.TempPathFactory) -> RunningSandbox:
    state = tmp_path_factory.mktemp("sandbox-state")
    runtime = FakeRuntime()
    options = SandboxOptions(
        port=0,
        outputs_path=state / "amplify_outputs.json",
        state_dir=state,
        template=stage_template(),
        handlers=runtime.handlers(),
        outputs_generator=fake_outputs_generator,
        keepalive_s=0.2,
        stream_poll_interval_s=0.05,
    )
    sandbox = Sandbox(options)
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="sandbox-loop", daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(sandbox.start(), loop).result(timeout=60)
    yield RunningSandbox(sandbox, runtime, loop)
    asyncio.run_coroutine_threadsafe(sandbox.stop(), loop).result(timeout=30)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=10)


def read_outputs(running: RunningSandbox) -> dict[str, Any]:
    return json.loads(running.sandbox.options.outputs_path.read_text())
