"""Is the gated stage running a rollback? Then the bake reports but never fails it.

A rollback restores the version that last passed the gate, usually while the gate is still in ALARM because of
the version being rolled back; failing it would leave the stage failed with the bad version deployed. The type
of the stage's current execution is `stageStates[].latestExecution.type` (STANDARD or ROLLBACK) in
GetPipelineState (https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_StageExecution.html).
"""

from __future__ import annotations

from typing import Any

from botocore.exceptions import BotoCoreError, ClientError


def stage_execution_type(codepipeline: Any, pipeline_name: str, stage_name: str) -> tuple[str, str]:
    """(type, note): the type of the stage's latest execution, or STANDARD with a note when it cannot be read
    (the gate is then enforced: not knowing is never a reason to let a release through)."""
    try:
        state = codepipeline.get_pipeline_state(name=pipeline_name)
    except ClientError as exc:
        error = exc.response.get("Error", {})
        message = (error.get("Message") or "").strip().splitlines()[:1]  # one line, also for an HTML error page
        reason = f"{error.get('Code', 'Error')}: {message[0][:200] if message else ''}".strip().rstrip(":")
        return "STANDARD", f"cannot read the state of pipeline {pipeline_name} ({reason}); treating this as a release"
    except BotoCoreError as exc:
        return "STANDARD", f"cannot read the state of pipeline {pipeline_name} ({exc}); treating this as a release"
    for stage in state.get("stageStates") or []:
        if stage.get("stageName") == stage_name:
            return str((stage.get("latestExecution") or {}).get("type") or "STANDARD"), ""
    return "STANDARD", f"pipeline {pipeline_name} has no stage {stage_name}; treating this as a release"
