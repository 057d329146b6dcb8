"""The stage's CfnOutputs are exactly what the amplify_outputs.json generator knows how to read."""

from __future__ import annotations

from aws_cdk.assertions import Template

from backend.outputs import KNOWN_OUTPUTS, REQUIRED_OUTPUTS, amplify_outputs_from_stack_outputs


def test_stage_outputs_feed_the_generator(default_synth) -> None:
    outputs = Template.from_stack(default_synth.pipeline.stages["dev"].stack).to_json()["Outputs"]
    assert set(REQUIRED_OUTPUTS) <= set(outputs) <= set(KNOWN_OUTPUTS)
    # Deploy-time tokens become plain strings; AuthSettings is a literal JSON string already.
    values = {key: o["Value"] if isinstance(o["Value"], str) else f"value-of-{key}" for key, o in outputs.items()}
    values["Region"] = "us-east-1"
    generated = amplify_outputs_from_stack_outputs(values)
    assert generated["auth"]["password_policy"]["min_length"] == 12
    assert generated["auth"]["groups"] == [{"admins": {"precedence": 0}}]
    # Amplify reads this as allowGuestAccess: without it an app gets no guest credentials for appConfig.
    assert generated["auth"]["unauthenticated_identities_enabled"] is True
    assert generated["data"]["url"] == "value-of-GraphQLUrl"


def test_make_outputs_finds_each_environments_stack_by_name(default_synth) -> None:
    from backend.outputs import stack_name_for

    for env_name, stage in default_synth.pipeline.stages.items():
        assert stage.stack.stack_name == stack_name_for(env_name)
