"""The bench's critical-path arithmetic on a small hand-made pipeline (the bench itself reports, never fails)."""

from __future__ import annotations

from devtools.bench.pipeline_path import bake_minutes, critical_levels, overhead_minutes, sequential_actions


def act(name: str, provider: str, order: int = 1, category: str = "Build", project: str | None = None) -> dict:
    action = {"Name": name, "ActionTypeId": {"Category": category, "Provider": provider}, "RunOrder": order}
    if project:
        action["Configuration"] = {"ProjectName": {"Ref": project}}
    return action


def codebuild_project(**variables: str) -> dict:
    """As pipeline/gate_steps.py writes a step's project: its variables static, in Environment."""
    return {
        "Type": "AWS::CodeBuild::Project",
        "Properties": {
            "Environment": {
                "EnvironmentVariables": [{"Name": k, "Type": "PLAINTEXT", "Value": v} for k, v in variables.items()]
            }
        },
    }


def pipeline(*stages: tuple[str, list[dict]], projects: dict | None = None) -> dict:
    return {
        "Resources": {
            "P": {
                "Type": "AWS::CodePipeline::Pipeline",
                "Properties": {"Stages": [{"Name": name, "Actions": actions} for name, actions in stages]},
            },
            **(projects or {}),
        }
    }


TEMPLATE = pipeline(
    ("Source", [act("repo", "CodeStarSourceConnection", category="Source")]),
    ("Build", [act("Synth", "CodeBuild")]),
    (
        "Dev",
        [
            act("MobileBackend.Deploy", "CloudFormation", 1, "Deploy"),
            act("IntegrationTests-dev", "CodeBuild", 2),
            act("CheckPermissions-prod.Check", "CodeBuild", 2),  # beside the tests: no extra level
            act("CheckPermissions-prod.Confirm", "Manual", 3, "Approval"),
        ],
    ),
    ("Approve-prod", [act("Approve-prod", "Manual", 1, "Approval")]),
    (
        "Prod",
        [
            act("MobileBackend.Deploy", "CloudFormation", 1, "Deploy"),
            act("IntegrationTests-prod", "CodeBuild", 2),  # after the last prod deploy: not counted
            act("Bake-prod", "CodeBuild", 3),
        ],
    ),
)


def test_levels_stop_at_the_last_production_deploy_and_skip_approvals() -> None:
    assert critical_levels(TEMPLATE, ["Prod"]) == [
        {"CodeStarSourceConnection"},
        {"CodeBuild"},
        {"CloudFormation"},
        {"CodeBuild"},
        {"CloudFormation"},
    ]
    assert sequential_actions(TEMPLATE, ["Prod"]) == 5


def test_overhead_takes_each_levels_slowest_action() -> None:
    assert overhead_minutes(TEMPLATE, ["Prod"]) == 0.5 + 1.0 + 1.0 + 1.0 + 1.0


def test_a_wave_stage_is_matched_by_its_action_names() -> None:
    wave = pipeline(
        ("Build", [act("Synth", "CodeBuild")]),
        (
            "prod",
            [
                act("ProdUs.MobileBackend.Deploy", "CloudFormation", 1, "Deploy"),
                act("ProdEu.MobileBackend.Deploy", "CloudFormation", 1, "Deploy"),
            ],
        ),
    )
    assert sequential_actions(wave, ["ProdUs", "ProdEu"]) == 2


def test_bakes_are_the_bake_steps_minutes_longest_per_stage_summed() -> None:
    gate = {"GATE_ALARM_NAME": "app-x-gate", "GATE_ENVIRONMENT": "x"}
    template = pipeline(
        ("Build", [act("Synth", "CodeBuild", project="SynthProject")]),
        ("Gate-staging", [act("GateCheck-staging", "CodeBuild", project="GateStaging")]),
        (
            "Staging",
            [
                act("MobileBackend.Deploy", "CloudFormation", 1, "Deploy"),
                act("Bake-staging", "CodeBuild", 2, project="BakeStaging"),
            ],
        ),
        (
            "prod",  # a wave: its bakes run side by side, the longest counts
            [
                act("ProdUs.MobileBackend.Deploy", "CloudFormation", 1, "Deploy"),
                act("ProdEu.MobileBackend.Deploy", "CloudFormation", 1, "Deploy"),
                act("ProdUs.Bake-prod-us", "CodeBuild", 2, project="BakeUs"),
                act("ProdEu.Bake-prod-eu", "CodeBuild", 2, project="BakeEu"),
            ],
        ),
        projects={
            "SynthProject": codebuild_project(),
            "GateStaging": codebuild_project(**gate),
            "BakeStaging": codebuild_project(**gate, BAKE_MINUTES="20"),
            "BakeUs": codebuild_project(**gate, BAKE_MINUTES="30"),
            "BakeEu": codebuild_project(**gate, BAKE_MINUTES="45"),
        },
    )
    assert bake_minutes(template) == 20 + 45
    assert bake_minutes(TEMPLATE) == 0  # no project with BAKE_MINUTES: nothing bakes
    # The staging bake is before the last production deploy but waits on an alarm, not on the pipeline: excluded;
    # the entry check is a CodeBuild action like any other.
    assert critical_levels(template, ["ProdUs", "ProdEu"]) == [
        {"CodeBuild"},
        {"CodeBuild"},
        {"CloudFormation"},
        {"CloudFormation"},
    ]
