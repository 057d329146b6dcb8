"""Observability without the X-Ray SDK: the handlers never load it, and log lines still carry the trace id."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from backend.runtime.observability import logger
from pipeline.project_root import PROJECT_ROOT

from .conftest import GraphQL, error_type

BACKEND = PROJECT_ROOT / "backend"
HANDLERS = ("runtime.graphql_handler", "runtime.stream_handler", "runtime.cognito_trigger")
# The ids Lambda puts in _X_AMZN_TRACE_ID for an invocation with active tracing:
# https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
TRACE_ROOT = "1-5759e988-bd862e3fe1be46a994272793"
TRACE_HEADER = f"Root={TRACE_ROOT};Parent=53995c3f42cd8ad8;Sampled=1"


def test_handlers_import_neither_the_xray_sdk_nor_opentelemetry() -> None:
    """Imported the way Lambda imports them (asset root backend/), in a fresh interpreter."""
    code = "\n".join(
        [
            "import json, sys",
            *(f"import {module}" for module in HANDLERS),
            "print(json.dumps(sorted(sys.modules)))",
        ]
    )
    # No bytecode written: a runtime/__pycache__ would let the cold-start bench skip the compile Lambda pays.
    env = {**os.environ, "PYTHONPATH": str(BACKEND), "PYTHONDONTWRITEBYTECODE": "1", "AWS_DEFAULT_REGION": "us-east-1"}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    loaded = json.loads(result.stdout)
    assert set(HANDLERS) <= set(loaded)
    assert [m for m in loaded if m.split(".")[0] in {"aws_xray_sdk", "opentelemetry"}] == []


def test_log_lines_carry_the_lambda_trace_id(alice: GraphQL, monkeypatch: pytest.MonkeyPatch) -> None:
    """Powertools' Logger reads the trace id from the invocation's environment; no tracer object is needed."""
    monkeypatch.setenv("_X_AMZN_TRACE_ID", TRACE_HEADER)
    buffer = io.StringIO()
    monkeypatch.setattr(logger.registered_handler, "stream", buffer)

    assert error_type(alice.query("getPost", id="no-such-post")) == "NotFound"

    lines = [json.loads(line) for line in buffer.getvalue().splitlines()]
    domain_errors = [line for line in lines if line["message"] == "Domain error"]
    assert domain_errors and all(line["xray_trace_id"] == TRACE_ROOT for line in domain_errors)
    assert domain_errors[0]["field"] == "Query.getPost"
