"""Steps read from a hand-made pipeline template: what runs offline and why the rest does not."""

from __future__ import annotations

import json
from pathlib import Path

from devtools.pipeline_dryrun.pipeline_model import StepKind

from .helpers import (
    SOURCE,
    SYNTH_OUTPUT,
    codebuild_action,
    deploy_action,
    project,
    read,
    self_mutating_pipeline,
    spec,
    write_assembly,
)

SYNTH_SPEC = spec("npx cdk synth", artifacts={"base-directory": "cdk.out", "files": "**/*"})
TEST_SPEC = spec("pytest")


def full_pipeline() -> dict:
    role_arn = {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::222222222222:role/app-dev-tests"]]}
    return self_mutating_pipeline(
        [
            {"Name": "Assets", "Actions": [codebuild_action("FileAssets", "AssetsProject", inputs=[SYNTH_OUTPUT])]},
            {
                "Name": "Dev",
                "Actions": [
                    deploy_action("Dev-App"),
                    codebuild_action("Tests-dev", "DevTests", inputs=[SOURCE], run_order=2),
                ],
            },
            {
                "Name": "Prod",
                "Actions": [
                    codebuild_action("CheckPermissions.Check", "SecurityCheck", inputs=[SYNTH_OUTPUT]),
                    deploy_action("Prod-App", region="eu-west-1", run_order=2),
                    codebuild_action(
                        "Tests-prod",
                        "ProdTests",
                        inputs=[SOURCE],
                        run_order=3,
                        env={"GRAPHQL_URL": "#{ProdApp.GraphQLUrl}"},
                    ),
                ],
            },
        ],
        {
            "SynthProject": project(SYNTH_SPEC, {"JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20"}),
            "SelfMutation": project(spec("cdk -a . deploy Pipe --require-approval=never")),
            "AssetsProject": project("buildspec-abc-FileAsset.yaml"),
            "DevTests": project(
                TEST_SPEC, {"STACK_NAME": "Dev-App", "TARGET_REGION": "us-east-1", "TEST_ROLE_ARN": role_arn}
            ),
            "ProdTests": project(TEST_SPEC, {"TEST_ENVIRONMENT": "prod"}),
            "SecurityCheck": project(
                {
                    "Fn::Join": [
                        "",
                        [
                            '{"version": 0.2, "phases": {"build": {"commands": ["cdk diff -a . --security-only '
                            "--fail x; aws lambda invoke --function-name ",
                            {"Ref": "AutoApprove"},
                            '"]}}}',
                        ],
                    ]
                }
            ),
        },
    )


def test_steps_are_classified_with_their_inputs_deployments_and_reasons(tmp_path: Path) -> None:
    assembly = write_assembly(tmp_path / "cdk.out", full_pipeline())
    (assembly / "buildspec-abc-FileAsset.yaml").write_text(
        json.dumps({"version": "0.2", "phases": {"build": {"commands": ["cdk-assets --path x publish y"]}}})
    )
    pipeline = read(assembly)
    kinds = {step.label: step.kind for step in pipeline.steps}
    assert kinds == {
        "Build/Synth": StepKind.SYNTH,
        "UpdatePipeline/SelfMutate": StepKind.SELF_MUTATE,
        "Assets/FileAssets": StepKind.ASSETS,  # told by the buildspec file in the assembly
        "Dev/Tests-dev": StepKind.POST_DEPLOY,
        "Prod/CheckPermissions.Check": StepKind.PERMISSIONS,
        "Prod/Tests-prod": StepKind.OTHER,
    }
    reasons = {step.action: step.why_not_run for step in pipeline.of_kind(StepKind.OTHER)}
    assert list(reasons) == ["Tests-prod"]
    assert (reasons["Tests-prod"] or "").startswith("post-deploy step without STACK_NAME")
    assert pipeline.name == "app-pipeline" and pipeline.region == "us-east-1"
    assert pipeline.source_artifacts == {SOURCE} and pipeline.synth_outputs == {SYNTH_OUTPUT}

    dev = pipeline.of_kind(StepKind.POST_DEPLOY)[0]
    assert [(d.stack_name, d.region) for d in dev.deployed_before] == [("Dev-App", "us-east-1")]
    assert {v.name: v.value for v in dev.project_env}["TEST_ROLE_ARN"] == "arn:aws:iam::222222222222:role/app-dev-tests"
    prod = next(s for s in pipeline.steps if s.action == "Tests-prod")
    assert [(d.stack_name, d.region) for d in prod.deployed_before] == [("Prod-App", "eu-west-1")]
    assert [(v.name, v.value) for v in prod.action_env] == [("GRAPHQL_URL", "#{ProdApp.GraphQLUrl}")]

    synth = pipeline.of_kind(StepKind.SYNTH)[0]
    assert json.loads(synth.buildspec or "null") == SYNTH_SPEC and synth.timeout_minutes == 60
    assert synth.problem is None
    check = next(s for s in pipeline.steps if s.action == "CheckPermissions.Check")
    assert check.problem and "AutoApprove" in check.problem  # not a Lambda function of this template: no stand-in


def test_the_permission_check_names_the_auto_approve_lambda_by_a_placeholder(tmp_path: Path) -> None:
    template = full_pipeline()
    template["Resources"]["AutoApprove"] = {"Type": "AWS::Lambda::Function", "Properties": {}}
    template["Resources"]["Named"] = {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": "approve"}}
    check = read(write_assembly(tmp_path / "cdk.out", template)).of_kind(StepKind.PERMISSIONS)[0]
    assert check.problem is None
    assert "--function-name Pipe-AutoApprove" in json.loads(check.buildspec or "")["phases"]["build"]["commands"][0]
    assert check.placeholders == (
        "Ref AutoApprove = Pipe-AutoApprove (placeholder: the name of the pipeline stack's Lambda function once it "
        "is deployed)",
    )
    assert template_function_name("Named", template) == "approve"


def template_function_name(logical_id: str, template: dict) -> str | None:
    from devtools.pipeline_dryrun.placeholders import function_placeholder

    return function_placeholder(logical_id, template["Resources"], "Pipe")
