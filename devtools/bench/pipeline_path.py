"""Pipeline critical path: sequential actions from source to the last production deploy, computed from the
synthesized CodePipeline of our settings vs. the same stages with CDK Pipelines defaults
(use_change_sets=True, publish_assets_in_parallel=True, ConfirmPermissionsBroadening beside the approval)."""

from __future__ import annotations

import json
import tempfile

import aws_cdk as cdk

from pipeline.gate.variables import BAKE_MINUTES
from pipeline.project_root import PROJECT_ROOT as ROOT

from .measure import Row


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


def _waits_for_people_or_alarms(action: dict, resources: dict) -> bool:
    """Approvals and bakes: their time is a choice (reported separately), not pipeline overhead. (A gate's entry
    check reads the alarm once: it is overhead like any CodeBuild action.)"""
    return action["ActionTypeId"]["Provider"] == "Manual" or bake_step_minutes(action, resources) is not None


# Per-action overhead in minutes: what an action costs before and around its own work, by provider. Sources:
# CodeBuild: 17-19 s of PROVISIONING alone for a minimal job, and about 4 minutes of such overhead in a
#   small two-environment pipeline (https://github.com/aws/aws-cdk/issues/14158); "at least a minute, in the worst
#   case several, to start" (https://github.com/aws/aws-cdk/pull/20251); queueing, source download and the runtime
#   install phase come on top (https://docs.aws.amazon.com/codebuild/latest/userguide/view-build-details.html#view-build-details-phases).
# CloudFormation: a CodePipeline deploy action waits for the stack operation to finish, and CloudFormation
#   reports it in events seconds apart; change sets add a create step before the execute step
#   (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-updating-stacks-changesets.html).
# Source: a CodeConnections source action zips the branch head
#   (https://docs.aws.amazon.com/codepipeline/latest/userguide/action-reference-CodestarConnectionSource.html).
# These are estimates of overhead only: the build work (installs, tests, synth) and the stacks' resource changes
# are the same in both pipelines and are left out.
OVERHEAD_MINUTES = {"CodeBuild": 1.0, "CloudFormation": 1.0, "CodeStarSourceConnection": 0.5}


def critical_levels(template: dict, production_stages: list[str]) -> list[set[str]]:
    """The run-order levels (actions that must run one after another) up to the last production deploy,
    approvals and bakes excluded; each level as the set of its actions' providers."""
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
    levels: list[set[str]] = []
    for index, stage in enumerate(stages[: last_index + 1]):
        by_order: dict[int, set[str]] = {}
        for action in stage["Actions"]:
            order = action.get("RunOrder", 1)
            if _waits_for_people_or_alarms(action, template["Resources"]) or (
                index == last_index and order > last_order
            ):
                continue
            by_order.setdefault(order, set()).add(action["ActionTypeId"]["Provider"])
        levels += [by_order[order] for order in sorted(by_order)]
    return levels


def sequential_actions(template: dict, production_stages: list[str]) -> int:
    return len(critical_levels(template, production_stages))


def overhead_minutes(template: dict, production_stages: list[str]) -> float:
    """The critical path's overhead in minutes: per level, the largest overhead of the actions in it."""
    return sum(max(OVERHEAD_MINUTES[p] for p in level) for level in critical_levels(template, production_stages))


def run() -> list[Row]:
    ours_template, production = _pipeline_template()
    default_template, _ = _pipeline_template(
        use_change_sets=True, publish_assets_in_parallel=True, early_permission_checks=False
    )
    ours = sequential_actions(ours_template, production)
    baseline = sequential_actions(default_template, production)
    return [
        Row(
            "pipeline: sequential actions, source -> last prod deploy",
            ours,
            baseline,
            "actions",
            1,
            note="baseline = same stages with CDK Pipelines defaults (change sets, per-asset publishing, the "
            "permission check beside the approval as CDK's docs place it); approvals and bakes excluded",
        ),
        Row(
            "pipeline: estimated overhead on that path",
            overhead_minutes(ours_template, production),
            overhead_minutes(default_template, production),
            "min",
            1,
            note="per-action overheads from documented figures (devtools/bench/pipeline_path.py OVERHEAD_MINUTES); "
            "build work and stack changes, the same in both, are not included",
        ),
        Row(
            "pipeline: bake on the critical path",
            bake_minutes(ours_template),
            0,
            "min",
            1,
            note="longest bake per stage (the Bake steps' BAKE_MINUTES), summed; CDK Pipelines has no bake (no ratio)",
        ),
    ]


def bake_step_minutes(action: dict, resources: dict) -> int | None:
    """BAKE_MINUTES of a CodeBuild action's project (pipeline/gate_steps.py: the Bake step's static variable), or
    None for any other action."""
    if action["ActionTypeId"]["Provider"] != "CodeBuild":
        return None
    project_ref = (action.get("Configuration") or {}).get("ProjectName")
    project = resources.get(project_ref.get("Ref")) if isinstance(project_ref, dict) else None
    variables = (((project or {}).get("Properties") or {}).get("Environment") or {}).get("EnvironmentVariables") or []
    return next((int(v["Value"]) for v in variables if v.get("Name") == BAKE_MINUTES), None)


def bake_minutes(template: dict) -> int:
    """Minutes the pipeline watches gate alarms after deployments: per stage the longest bake (a wave's bakes run
    side by side), summed over the stages."""
    resources = template["Resources"]
    pipelines = [r for r in resources.values() if r["Type"] == "AWS::CodePipeline::Pipeline"]
    total = 0
    for stage in pipelines[0]["Properties"]["Stages"]:
        bakes = [bake_step_minutes(action, resources) for action in stage["Actions"]]
        total += max((minutes for minutes in bakes if minutes is not None), default=0)
    return total
