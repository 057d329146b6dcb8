"""Shared unit-test setup: offline dummy AWS credentials and one synth per distinct CDK app (session scope)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from pipeline.project_root import PROJECT_ROOT

# CI (CI=true) explores the same examples every run, so a landing never turns red by chance; developers'
# runs stay random and keep finding new inputs (failures are saved in .hypothesis/ and replayed).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

for _key, _value in {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20",
    # What the CDK CLI passes to app.py for the personal stage (no STS call at synth).
    "CDK_DEFAULT_ACCOUNT": "999999999999",
    "CDK_DEFAULT_REGION": "eu-central-1",
    # CDK's built-in CloudFormation validation (its schema engine) takes about 10 s of CPU per synth, and this suite
    # synthesizes a dozen apps in-process. Every real synth still runs it: `make synth` (devtools/cdk_synth.py makes
    # sure) and the pipeline's synth step; cdk-nag, a Validations plugin, still runs here. Read when the jsii
    # runtime starts, so it is set before any test imports aws_cdk. Documented under
    # https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.AppProps.html#builtincloudformationvalidation
    "CDK_VALIDATION": "false",
}.items():
    os.environ.setdefault(_key, _value)


def cdk_context(**extra: Any) -> dict[str, Any]:
    """cdk.json's context (the CLI passes it; a bare App() does not), plus test overrides."""
    context = json.loads((PROJECT_ROOT / "cdk.json").read_text(encoding="utf-8"))["context"]
    return {**context, **extra}


@dataclass
class SynthResult:
    app: Any
    pipeline: Any  # pipeline.pipeline_stack.PipelineStack
    assembly: Any  # aws_cdk.cx_api.CloudAssembly
    outdir: Path


def synth(config: Any, outdir: Path, **context: Any) -> SynthResult:
    """Build and synthesize the whole app for `config` (cdk-nag runs; unacknowledged findings raise)."""
    import aws_cdk as cdk

    from pipeline.app_builder import build_app

    app = cdk.App(context=cdk_context(**context), outdir=str(outdir))
    pipeline = build_app(app, config)
    assembly = app.synth()
    return SynthResult(app=app, pipeline=pipeline, assembly=assembly, outdir=outdir)


@pytest.fixture(scope="session")
def default_synth(tmp_path_factory: pytest.TempPathFactory) -> SynthResult:
    """The app for the real config/environments.yaml, with a personal stage, synthesized once."""
    from config import load_config

    return synth(load_config(), tmp_path_factory.mktemp("cdk.out"), personal="alice")


SANDBOX_TESTS = PROJECT_ROOT / "tests" / "unit" / "sandbox"


def _uses_the_shared_sandbox(item: pytest.Item) -> bool:
    return SANDBOX_TESTS in Path(item.path).parents and "running_sandbox" in getattr(item, "fixturenames", ())


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook, which turns the marks into work units
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`make test-unit` runs the suite in two parts (Makefile): everything but the tests of tests/unit/sandbox's
    in-process sandbox spread over one pytest-xdist worker per core, a module to a worker as a whole (its
    module-scoped fixtures, synths and moto servers, run once); then those tests in one process on their own, so
    the one sandbox serves them all. (The split began as a workaround: beside another busy worker, a websocket
    handshake to that sandbox now and then hung. The cause, TLS 1.3 session tickets racing the websockets
    client's reader thread, is gone: sandbox/web/tls.py, tests/unit/sandbox/test_sandbox_tls_session.py.)"""
    for item in items:
        if _uses_the_shared_sandbox(item):
            item.add_marker(pytest.mark.shared_sandbox)
        item.add_marker(pytest.mark.xdist_group(Path(item.path).relative_to(PROJECT_ROOT).as_posix()))
