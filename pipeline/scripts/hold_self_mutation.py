"""Before self-mutation: never cancel a deployment, test or bake of a gated stage by changing the pipeline.

CodePipeline cancels the executions in progress when a pipeline's definition changes (PipelineExecution status
`Cancelled`: https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_PipelineExecution.html). A push
whose self-mutation changes the definition while production bakes would end that bake without a verdict, and
leave no earlier execution to roll back to. So, in the self-mutation step, before `cdk deploy` of the pipeline
stack:

1. compare the pipeline resource of the new template (the synthesized assembly, this step's input) with the
   deployed one (`aws cloudformation get-template`); unchanged → go on at once: the update cannot cancel anything;
2. otherwise (or when the deployed template cannot be read) wait while any gated stage runs an execution
   (`aws codepipeline get-pipeline-state`, `latestExecution.status` InProgress), polling every 30 s, and go on
   once they are all idle; give up with one line before the step's timeout, failing this execution instead of
   cancelling the other one.

Runs on the self-mutation step's CodeBuild image: Python's standard library and the AWS CLI that the image
ships, nothing installed (the synth step copies this file into the assembly, pipeline/synth_step.py).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

PIPELINE_TYPE = "AWS::CodePipeline::Pipeline"

Aws = Callable[[list[str]], Any]  # runs `aws <args> --output json`, returns the parsed answer


class AwsError(RuntimeError):
    pass


def aws_cli(args: list[str]) -> Any:
    result = subprocess.run(["aws", *args, "--output", "json"], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise AwsError((result.stderr.strip() or result.stdout.strip() or f"exit {result.returncode}")[:300])
    return json.loads(result.stdout or "null")


def pipeline_definition(template: Any) -> Any:
    """The pipeline resource's properties: what CloudFormation sends to UpdatePipeline."""
    if isinstance(template, str):
        template = json.loads(template)
    resources = (template or {}).get("Resources") or {}
    found = [r.get("Properties") for r in resources.values() if r.get("Type") == PIPELINE_TYPE]
    return found[0] if len(found) == 1 else None


def definition_changes(stack: str, template_path: Path, aws: Aws, say: Callable[[str], None]) -> bool:
    new = pipeline_definition(json.loads(template_path.read_text(encoding="utf-8")))
    try:
        deployed = pipeline_definition(
            aws(["cloudformation", "get-template", "--stack-name", stack, "--query", "TemplateBody"])
        )
    except AwsError as exc:
        say(f"hold: cannot read the deployed template of {stack} ({exc}); assuming the definition changes")
        return True
    return deployed is None or deployed != new


def busy_stages(pipeline: str, gated: Sequence[str], aws: Aws) -> list[str]:
    state = aws(["codepipeline", "get-pipeline-state", "--name", pipeline])
    busy = []
    for stage in state.get("stageStates") or []:
        latest = stage.get("latestExecution") or {}
        if stage.get("stageName") in gated and latest.get("status") == "InProgress":
            busy.append(f"{stage['stageName']} (execution {latest.get('pipelineExecutionId', '?')})")
    return busy


def hold(
    *,
    stack: str,
    template_path: Path,
    pipeline: str,
    gated: Sequence[str],
    max_minutes: float,
    poll_seconds: float = 30.0,
    aws: Aws = aws_cli,
    say: Callable[[str], None] = print,
    sleep: Callable[[float], None] = time.sleep,
    monotonic: Callable[[], float] = time.monotonic,
) -> int:
    if not definition_changes(stack, template_path, aws, say):
        say(f"hold: the definition of {pipeline} does not change: updating it cancels nothing")
        return 0
    deadline = monotonic() + max_minutes * 60
    while True:
        try:
            busy = busy_stages(pipeline, gated, aws)
        except AwsError as exc:
            say(f"hold: FAIL: cannot read the state of {pipeline} ({exc}); not updating it blind")
            return 1
        if not busy:
            say(f"hold: the definition of {pipeline} changes and no gated stage is running: updating it")
            return 0
        if monotonic() >= deadline:
            say(
                f"hold: FAIL: {', '.join(busy)} still running after {max_minutes:.0f} min; updating {pipeline} now "
                "would cancel it. Retry this stage (or push again) once it has finished."
            )
            return 1
        say(f"hold: the definition of {pipeline} changes and {', '.join(busy)} is running; waiting for it")
        sleep(poll_seconds)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stack", required=True, help="the pipeline stack's name")
    parser.add_argument("--template", type=Path, required=True, help="its new template in the assembly")
    parser.add_argument("--pipeline", required=True)
    parser.add_argument("--gated-stage", action="append", default=[], help="a stage whose executions must finish")
    parser.add_argument("--max-minutes", type=float, required=True)
    parser.add_argument("--poll-seconds", type=float, default=30.0)
    args = parser.parse_args(argv)
    return hold(
        stack=args.stack,
        template_path=args.template,
        pipeline=args.pipeline,
        gated=args.gated_stage,
        max_minutes=args.max_minutes,
        poll_seconds=args.poll_seconds,
        say=lambda line: print(line, flush=True),
    )


if __name__ == "__main__":
    sys.exit(main())
