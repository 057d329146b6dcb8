"""Pipeline critical path: sequential actions from source to the last production deploy, computed from the
synthesized CodePipeline of our settings vs. the same stages with CDK Pipelines defaults
(use_change_sets=True, publish_assets_in_parallel=True)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import aws_cdk as cdk

from .measure import Row

ROOT = Path(__file__).resolve().parent.parent


def _pipeline_template(**options) -> tuple[dict, list[str]]:
    """Synthesize the pipeline stack with `options`; return its template and the production stage names."""
    import config.loader as config_loader
    from backend.naming import stage_id
    from pipeline.pipeline_stack import PipelineStack

    config = config_loader.load_config(config_loader.DEFAULT_CONFIG_PATH)
    context = json.loads((ROOT / "cdk.json").read_text())["context"]
    with tempfile.TemporaryDirectory(prefix="bench-pipeline-") as outdir:
        app = cdk.App(context=context, outdir=outdir)
        stack = PipelineStack(
            app,
            "Pipeline",
            config=config,
            env=cdk.Environment(account=config.pipeline.account, region=config.pipeline.region),
            **options,
        )
        template = app.synth().get_stack_by_name(stack.stack_name).template
    production = [stage_id(env.name) for env in config.environments if env.protect_data]
    if not production:
        raise RuntimeError("config/environments.yaml has no protected (production) environment")
    return template, production


def _waits_for_people_or_alarms(action: dict) -> bool:
    """Approvals and bakes: their time is a choice (reported separately), not pipeline overhead."""
    return action["ActionTypeId"]["Provider"] == "Manual" or "Bake-" in action["Name"]


def sequential_actions(template: dict, production_stages: list[str]) -> int:
    """Count run-order levels (actions that must run one after another) up to the last production deploy,
    approvals and bakes excluded."""
    pipelines = [r for r in template["Resources"].values() if r["Type"] == "AWS::CodePipeline::Pipeline"]
    if len(pipelines) != 1:
        raise RuntimeError(f"expected one CodePipeline, found {len(pipelines)}")
    stages = pipelines[0]["Properties"]["Stages"]
    # A wave's stages are one CodePipeline stage named after the wave; match env stages by action name too.
    last_index, last_order = None, None
    for index, stage in enumerate(stages):
        for action in stage["Actions"]:
            deploys = (
                action["ActionTypeId"]["Category"] == "Deploy"
                and action["ActionTypeId"]["Provider"] == "CloudFormation"
            )
            if deploys and any(
                stage["Name"] == name or action["Name"].startswith(f"{name}.") for name in production_stages
            ):
                if last_index is None or (index, action.get("RunOrder", 1)) >= (last_index, last_order):
                    last_index, last_order = index, action.get("RunOrder", 1)
    if last_index is None:
        raise RuntimeError(f"no CloudFormation deploy action for {production_stages} in the pipeline")
    total = 0
    for index, stage in enumerate(stages[: last_index + 1]):
        orders = {action.get("RunOrder", 1) for action in stage["Actions"] if not _waits_for_people_or_alarms(action)}
        if index == last_index:
            orders = {order for order in orders if order <= last_order}
        total += len(orders)
    return total


def run() -> list[Row]:
    ours_template, production = _pipeline_template()
    default_template, _ = _pipeline_template(use_change_sets=True, publish_assets_in_parallel=True)
    ours = sequential_actions(ours_template, production)
    baseline = sequential_actions(default_template, production)
    return [
        Row(
            "pipeline: sequential actions, source -> last prod deploy",
            ours,
            baseline,
            "actions",
            1,
            note="baseline = same stages with CDK Pipelines defaults (change sets, per-asset publishing); "
            "approvals and bakes excluded",
        ),
        Row(
            "pipeline: bake on the critical path",
            bake_minutes(ours_template),
            0,
            "min",
            1,
            note="longest bake per stage (stage conditions' WaitTime), summed; CDK Pipelines has no bake (no ratio)",
        ),
    ]


def bake_minutes(template: dict) -> int:
    """Minutes the pipeline watches alarms after deployments: per stage the longest OnSuccess WaitTime."""
    pipelines = [r for r in template["Resources"].values() if r["Type"] == "AWS::CodePipeline::Pipeline"]
    total = 0
    for stage in pipelines[0]["Properties"]["Stages"]:
        rules = [r for c in (stage.get("OnSuccess") or {}).get("Conditions", []) for r in c["Rules"]]
        total += max((int(r["Configuration"].get("WaitTime", 0)) for r in rules), default=0)
    return total
