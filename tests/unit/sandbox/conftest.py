"""Fixtures for the sandbox's unit tests: one in-process sandbox for this directory's tests (moto's state and
the runtime's environment are process-wide). It is stopped, and os.environ restored, right after the last test
here, so suites that run later in the same pytest process see neither."""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest

from backend.naming import stack_name_for
from sandbox.options import SandboxOptions
from sandbox.provisioning.template import find_stack_template
from sandbox.server import Sandbox

from .sandbox_fake_runtime import FakeRuntime
from .sandbox_fake_template import stage_template
from .sandbox_testkit import RunningSandbox, fake_outputs_generator

HERE = Path(__file__).resolve().parent

DUMMY_AWS_ENV = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}
_state: dict[str, Any] = {}


@pytest.fixture(autouse=True)
def dummy_aws_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unit tests never see real credentials (the sandbox forces the same values while it runs)."""
    for key, value in DUMMY_AWS_ENV.items():
        monkeypatch.setenv(key, value)


def _start(state_dir: Path) -> RunningSandbox:
    _state["environ"] = dict(os.environ)
    os.environ.update(DUMMY_AWS_ENV)
    runtime = FakeRuntime()
    options = SandboxOptions(
        port=0,
        outputs_path=state_dir / "amplify_outputs.json",
        state_dir=state_dir,
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
    _state.update(thread=thread)
    return RunningSandbox(sandbox, runtime, loop)


def _stop() -> None:
    running: RunningSandbox | None = _state.pop("running", None)
    if running is None:
        return
    asyncio.run_coroutine_threadsafe(running.sandbox.stop(), running.loop).result(timeout=30)
    running.loop.call_soon_threadsafe(running.loop.stop)
    _state.pop("thread").join(timeout=10)
    os.environ.clear()
    os.environ.update(_state.pop("environ"))
    boto3.DEFAULT_SESSION = None  # it caches the dummy credentials our boto3.client() calls resolved


@pytest.fixture(scope="module")
def template_file(default_synth, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example config's stage template as a file, for tests that start `python -m sandbox --template` processes."""
    found = find_stack_template(default_synth.outdir, stack_name_for("dev"))  # the pipeline's dev stage
    path = tmp_path_factory.mktemp("template") / "stage.template.json"
    path.write_text(found.read_text())
    return path


@pytest.fixture(scope="session")
def running_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    if "running" not in _state:
        _state["running"] = _start(tmp_path_factory.mktemp("sandbox-state"))
    yield _state["running"]
    _stop()


def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    """Runs for this directory's items only: stop the sandbox once the next test is elsewhere."""
    if nextitem is None or Path(nextitem.path).resolve().parent != HERE:
        _stop()
