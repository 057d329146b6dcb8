"""The bench's critical-path arithmetic on a small hand-made pipeline (the bench itself reports, never fails)."""

from __future__ import annotations

from bench.pipeline_path import critical_levels, overhead_minutes, sequential_actions


def act(name: str, provider: str, order: int = 1, category: str = "Build") -> dict:
    return {"Name": name, "ActionTypeId": {"Category": category, "Provider": provider}, "RunOrder": order}


def pipeline(*stages: tuple[str, list[dict]]) -> dict:
    return {
        "Resources": {
            "P": {
                "Type": "AWS::CodePipeline::Pipeline",
                "Properties": {"Stages": [{"Name": name, "Actions": actions} for name, actions in stages]},
            }
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
