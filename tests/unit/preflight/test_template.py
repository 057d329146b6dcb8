"""CloudFormation template quotas: body size, resources, outputs, parameters, mappings, names."""

from __future__ import annotations

from .helpers import lines, make_stack, resource, run

CFN_QUOTAS = (
    "(CloudFormation quotas https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html)"
)


def topics(count: int) -> dict:
    return {f"Topic{i}": resource("AWS::SNS::Topic") for i in range(count)}


def outputs(count: int) -> dict:
    return {f"Out{i}": {"Value": "x"} for i in range(count)}


def parameters(count: int) -> dict:
    return {f"Param{i}": {"Type": "String", "Default": "x"} for i in range(count)}


def test_a_good_template_passes():
    stack = make_stack(topics(500), Outputs=outputs(200), Parameters=parameters(200), Description="d" * 1024)
    assert lines(run(stack)) == []


def test_more_than_500_resources_fails():
    assert lines(run(make_stack(topics(501)))) == [
        f"Test.template.json: -: Resources: 501 resources > max 500 {CFN_QUOTAS}"
    ]


def test_more_than_200_outputs_or_parameters_fails():
    found = lines(run(make_stack(Outputs=outputs(201), Parameters=parameters(201))))
    assert found == [
        f"Test.template.json: -: Outputs: 201 outputs > max 200 {CFN_QUOTAS}",
        f"Test.template.json: -: Parameters: 201 parameters > max 200 {CFN_QUOTAS}",
    ]


def test_a_template_body_over_1_mb_fails():
    found = lines(run(make_stack(size_bytes=1_000_001)))
    assert found == [
        "Test.template.json: -: (template body): 1000001 bytes > max 1000000 (CloudFormation CreateStack "
        "https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html)"
    ]
    assert lines(run(make_stack(size_bytes=1_000_000))) == []


def test_logical_ids_are_alphanumeric_and_at_most_255_chars():
    found = lines(run(make_stack({"My-Topic": resource("AWS::SNS::Topic"), "T" * 256: resource("AWS::SNS::Topic")})))
    assert found[0] == (
        "Test.template.json: My-Topic: Resources.My-Topic: 'My-Topic' does not match [A-Za-z0-9]+ "
        "(CloudFormation Resources section "
        "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html)"
    )
    assert found[1] == f"Test.template.json: {'T' * 256}: Resources.{'T' * 256}: 256 chars > max 255 {CFN_QUOTAS}"
    assert len(found) == 2


def test_output_names_follow_the_logical_id_rules():
    found = lines(run(make_stack(Outputs={"Graph_QL_Url": {"Value": "x"}})))
    assert len(found) == 1 and "Graph_QL_Url: Outputs.Graph_QL_Url: 'Graph_QL_Url' does not match" in found[0]


def test_description_over_1024_bytes_fails():
    found = lines(run(make_stack(Description="é" * 513)))
    assert found == [f"Test.template.json: -: Description: 1026 bytes > max 1024 {CFN_QUOTAS}"]


def test_an_output_description_over_1024_bytes_fails():
    found = lines(run(make_stack(Outputs={"Url": {"Value": "x", "Description": "d" * 1025}})))
    assert found == [
        "Test.template.json: Url: Outputs.Url.Description: 1025 bytes > max 1024 (CloudFormation Outputs "
        "section https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html)"
    ]
