"""IAM: names, paths, trust policy size, inline policies in aggregate, managed policy size and count."""

from __future__ import annotations

from .helpers import failures, resource

TRUST = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}
IAM_QUOTAS = "(IAM quotas https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html)"


def document(resource_text: str) -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": resource_text}],
    }


def role(**properties):
    return resource("AWS::IAM::Role", AssumeRolePolicyDocument=properties.pop("trust", TRUST), **properties)


def test_a_good_role_passes():
    policies = [{"PolicyName": "read", "PolicyDocument": document("arn:aws:s3:::b/*")}]
    assert failures({"Role": role(RoleName="app-role", Path="/app/", Policies=policies)}) == []


def test_a_role_name_of_65_chars_fails():
    assert failures({"Role": role(RoleName="r" * 65)}) == [
        "Test.template.json: Role: Properties.RoleName: 65 chars > max 64 (botocore iam roleNameType)"
    ]


def test_a_role_name_of_64_chars_passes():
    assert failures({"Role": role(RoleName="r" * 64)}) == []


def test_a_role_name_built_at_deploy_time_counts_at_its_worst_case():
    name = {"Fn::Join": ["-", [{"Ref": "AWS::StackName"}, "x" * 40]]}
    assert failures({"Role": role(RoleName=name)}, stack_name="S" * 30) == [
        "Test.template.json: Role: Properties.RoleName: 71 chars > max 64 (botocore iam roleNameType)"
    ]


def test_role_path_and_policy_names_follow_botocore():
    policies = [{"PolicyName": "has space", "PolicyDocument": document("*")}]
    found = failures(
        {
            "Role": role(Path="no-slashes", Policies=policies),
            "Policy": resource(
                "AWS::IAM::Policy", PolicyName="bad/name", PolicyDocument=document("*"), Roles=[{"Ref": "Role"}]
            ),
        }
    )
    assert any("Role: Properties.Path: 'no-slashes' does not match" in line and "pathType" in line for line in found)
    assert any("Role: Properties.Policies[0].PolicyName: 'has space' does not match" in line for line in found)
    assert any(
        "Policy: Properties.PolicyName: 'bad/name' does not match" in line and "policyNameType" in line
        for line in found
    )


def test_a_trust_policy_over_2048_chars_fails():
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": "sts:AssumeRole",
                "Principal": {"AWS": [f"arn:aws:iam::123456789012:role/caller-{i:03d}" for i in range(50)]},
            }
        ],
    }
    found = failures({"Role": role(trust=trust)})
    assert len(found) == 1
    assert found[0].startswith("Test.template.json: Role: Properties.AssumeRolePolicyDocument: ")
    assert found[0].endswith(f"non-white-space chars > max 2048 {IAM_QUOTAS}")


def test_white_space_does_not_count_in_policy_sizes():
    # 2,100 characters of which 100 are spaces inside a string: IAM counts 2,000.
    statement = {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "lambda.amazonaws.com"}}
    padding = 2100 - len(
        '{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":'
        '{"Service":"lambda.amazonaws.com"},"Sid":""}]}'
    )
    sid = "a" * (padding - 100) + " " * 100
    assert failures({"Role": role(trust={"Statement": [{**statement, "Sid": sid}]})}) == []


def test_inline_policies_count_in_aggregate_across_the_role_and_policy_resources():
    big = document("arn:aws:s3:::" + "b" * 5200)  # each about 5,300 characters: fine alone, 10,240 together is not
    resources = {
        "Role": role(Policies=[{"PolicyName": "one", "PolicyDocument": big}]),
        "Extra": resource("AWS::IAM::Policy", PolicyName="two", PolicyDocument=big, Roles=[{"Ref": "Role"}]),
    }
    found = failures(resources)
    assert len(found) == 1
    assert found[0].startswith(
        "Test.template.json: Role: inline policies (Properties.Policies[0].PolicyDocument, "
        "Extra.Properties.PolicyDocument): "
    )
    assert found[0].endswith(f"non-white-space chars > max 10240 {IAM_QUOTAS}")


def test_inline_policies_under_the_aggregate_pass():
    half = document("arn:aws:s3:::" + "b" * 4000)
    resources = {
        "Role": role(Policies=[{"PolicyName": "one", "PolicyDocument": half}]),
        "Extra": resource("AWS::IAM::Policy", PolicyName="two", PolicyDocument=half, Roles=[{"Ref": "Role"}]),
    }
    assert failures(resources) == []


def test_a_policy_for_a_role_outside_the_template_is_checked_on_its_own():
    resources = {
        "Extra": resource(
            "AWS::IAM::Policy", PolicyName="p", PolicyDocument=document("b" * 10300), Roles=["imported-role"]
        )
    }
    assert [line for line in failures(resources) if "Extra: Properties.PolicyDocument: " in line and "10240" in line]


def test_a_managed_policy_over_6144_chars_fails_and_under_passes():
    assert failures({"Managed": resource("AWS::IAM::ManagedPolicy", PolicyDocument=document("b" * 6000))}) == []
    found = failures({"Managed": resource("AWS::IAM::ManagedPolicy", PolicyDocument=document("b" * 6100))})
    assert len(found) == 1 and found[0].endswith(f"non-white-space chars > max 6144 {IAM_QUOTAS}")
    assert found[0].startswith("Test.template.json: Managed: Properties.PolicyDocument: ")


def test_more_than_10_managed_policies_on_a_role_fails():
    arns = [f"arn:aws:iam::aws:policy/P{i}" for i in range(10)]
    extra = resource("AWS::IAM::ManagedPolicy", PolicyDocument=document("*"), Roles=[{"Ref": "Role"}])
    assert failures({"Role": role(ManagedPolicyArns=arns)}) == []
    assert failures({"Role": role(ManagedPolicyArns=arns), "Extra": extra}) == [
        "Test.template.json: Role: managed policies (Properties.ManagedPolicyArns and AWS::IAM::ManagedPolicy): "
        f"11 managed policies > max 10 {IAM_QUOTAS}"
    ]


def test_policy_documents_allow_only_latin_1_characters():
    found = failures({"Role": role(Policies=[{"PolicyName": "p", "PolicyDocument": document("arn:aws:s3:::bücket→")}])})
    assert len(found) == 1
    assert "Role: Properties.Policies[0].PolicyDocument: character '→' does not match" in found[0]
    assert found[0].endswith("(botocore iam policyDocumentType)")
