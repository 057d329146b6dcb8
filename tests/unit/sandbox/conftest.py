"""Fixtures for the sandbox's unit tests: dummy AWS credentials and one in-process sandbox per session
(moto's state and the runtime's environment are process-wide, so one sandbox serves every test)."""
from __future__ import annotations

import asyncio
import os
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from sandbox_fake_runtime import FakeRuntime  # noqa: E402
from sandbox_fake_template import stage_template  # noqa: E402
from sandbox_testkit import RunningSandbox, fake_outputs_generator  # noqa: E402

from sandbox.server import Sandbox, SandboxOptions  # noqa: E402

# Unit tests never see real credentials (the sandbox forces the same dummy values when it starts).
os.environ.update({"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"})


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


