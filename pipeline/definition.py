"""Keep the pipeline's definition (its structure version) stable across changes of its build projects.

CDK Pipelines puts a hash of the Synth and SelfMutate CodeBuild projects into those actions' configuration
(`_PROJECT_CONFIG_HASH`), so that a changed project (a CDK CLI version bump, new synth commands, another
image) changes the pipeline's definition and restarts the execution. For this pipeline that costs more than it
buys: CodePipeline cancels executions in progress when the definition changes (PipelineExecution status
`Cancelled`: https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_PipelineExecution.html), which
would cut a production bake short, and it rolls a stage back only to executions of the current definition
(https://docs.aws.amazon.com/codepipeline/latest/userguide/stage-rollback.html), so every CLI bump would leave
the next production release without an automatic rollback. Without the hash a project change still reaches
AWS through self-mutation (the projects are separate resources of the pipeline stack); it applies from the next
execution on, because the current one has already run its synth and self-mutation with the old projects.
docs/deploying.md ("Pipeline changes and rollback") has the rest and the runbook.
"""

from __future__ import annotations

import json

import aws_cdk as cdk
from aws_cdk import aws_codepipeline as codepipeline

CONFIG_HASH = "_PROJECT_CONFIG_HASH"


def keep_build_projects_out_of_the_definition(pipeline: codepipeline.Pipeline) -> list[str]:
    """Remove the project hashes from the actions' configuration; returns the actions changed."""
    cfn = pipeline.node.default_child
    assert isinstance(cfn, codepipeline.CfnPipeline)
    stack = cdk.Stack.of(pipeline)
    changed: list[str] = []
    for i, stage in enumerate(stack.resolve(cfn.stages)):
        for j, action in enumerate(stage["actions"]):
            raw = (action.get("configuration") or {}).get("EnvironmentVariables")
            if not isinstance(raw, str) or CONFIG_HASH not in raw:
                continue
            kept = [variable for variable in json.loads(raw) if variable["name"] != CONFIG_HASH]
            path = f"Stages.{i}.Actions.{j}.Configuration.EnvironmentVariables"
            if kept:
                cfn.add_property_override(path, json.dumps(kept, separators=(",", ":")))
            else:
                cfn.add_property_deletion_override(path)
            changed.append(f"{stage['name']}.{action['name']}")
    return changed
