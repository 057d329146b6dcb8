"""Telling a rollback execution of the gated stage from a release, from GetPipelineState's answer (the fake's
answers are checked against botocore's output shape, so they are answers CodePipeline can give)."""

from __future__ import annotations

from typing import Any

import botocore.session
import pytest
from botocore.exceptions import ClientError
from botocore.validate import ParamValidator

from pipeline.gate.execution import stage_execution_type

_MODEL = botocore.session.get_session().get_service_model("codepipeline")


def _state(prod_type: str | None) -> dict[str, Any]:
    prod: dict[str, Any] = {"stageName": "Prod"}
    if prod_type is not None:
        prod["latestExecution"] = {"pipelineExecutionId": "e" * 8, "status": "InProgress", "type": prod_type}
    state = {
        "pipelineName": "mobile-backend-pipeline",
        "stageStates": [
            {"stageName": "Dev", "latestExecution": {"pipelineExecutionId": "d", "status": "Succeeded"}},
            prod,
        ],
    }
    # botocore validates inputs only; its validator checks any structure against a shape.
    report = ParamValidator().validate(state, _MODEL.operation_model("GetPipelineState").output_shape)
    assert not report.has_errors(), report.generate_report()
    return state


class FakeCodePipeline:
    def __init__(self, answer: dict[str, Any] | Exception) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def get_pipeline_state(self, *, name: str) -> dict[str, Any]:
        self.asked.append(name)
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


@pytest.mark.parametrize(("prod_type", "expected"), [("ROLLBACK", "ROLLBACK"), ("STANDARD", "STANDARD")])
def test_the_type_of_the_stages_latest_execution(prod_type: str, expected: str) -> None:
    client = FakeCodePipeline(_state(prod_type))
    assert stage_execution_type(client, "mobile-backend-pipeline", "Prod") == (expected, "")
    assert client.asked == ["mobile-backend-pipeline"]


def test_a_stage_without_a_type_or_without_executions_is_a_release() -> None:
    state = _state(None)
    assert stage_execution_type(FakeCodePipeline(state), "p", "Prod") == ("STANDARD", "")
    kind, note = stage_execution_type(FakeCodePipeline(state), "p", "Staging")
    assert kind == "STANDARD" and note == "pipeline p has no stage Staging; treating this as a release"


def test_not_knowing_enforces_the_gate() -> None:
    denied = ClientError({"Error": {"Code": "AccessDeniedException", "Message": "no"}}, "GetPipelineState")
    kind, note = stage_execution_type(FakeCodePipeline(denied), "p", "Prod")
    assert kind == "STANDARD"
    assert note == "cannot read the state of pipeline p (AccessDeniedException: no); treating this as a release"
