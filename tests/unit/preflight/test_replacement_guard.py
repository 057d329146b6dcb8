"""The replacement guard on small baseline/current templates: what replaces, what deletes, what passes, and the
lines it prints (pipeline/predeploy/replacement)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from backend.naming import STACK_ID
from pipeline.predeploy.replacement import Acknowledgement, Change, compare, judge
from pipeline.predeploy.replacement.compare import construct_path, references, values_at

REGION = "us-west-2"
TABLE_SOURCE = "aws-resource-dynamodb-table.html#cfn-dynamodb-table-keyschema"
POOL_SOURCE = "aws-resource-cognito-userpool.html#cfn-cognito-userpool-usernameattributes"


def meta(path: str) -> dict[str, Any]:
    return {"aws:cdk:path": f"MobileBackendPipeline/Prod/{STACK_ID}/{path}/Resource"}


def table(*, key: str = "id", **properties: Any) -> dict[str, Any]:
    return {
        "Type": "AWS::DynamoDB::Table",
        "Properties": {
            "KeySchema": [{"AttributeName": key, "KeyType": "HASH"}],
            "AttributeDefinitions": [{"AttributeName": key, "AttributeType": "S"}],
            "BillingMode": "PAY_PER_REQUEST",
            **properties,
        },
        "UpdateReplacePolicy": "Retain",
        "DeletionPolicy": "Retain",
        "Metadata": meta("Data/Posts"),
    }


def user_pool(**properties: Any) -> dict[str, Any]:
    return {
        "Type": "AWS::Cognito::UserPool",
        "Properties": {"UsernameAttributes": ["email"], "AutoVerifiedAttributes": ["email"], **properties},
        "Metadata": meta("Auth/UserPool"),
    }


def client() -> dict[str, Any]:
    return {
        "Type": "AWS::Cognito::UserPoolClient",
        "Properties": {"UserPoolId": {"Ref": "AuthUserPool"}, "GenerateSecret": False},
        "Metadata": meta("Auth/UserPool/AppClient"),
    }


def function(name: str = "f") -> dict[str, Any]:
    return {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": name, "Runtime": "python3.12"}}


def template(**resources: dict[str, Any]) -> dict[str, Any]:
    return {"Resources": resources}


BASELINE = template(DataPosts1234=table(), AuthUserPool=user_pool(), AuthClient=client(), Fn=function())


def changed(**edits: Any) -> dict[str, Any]:
    current = copy.deepcopy(BASELINE)
    for logical_id, resource in edits.items():
        if resource is None:
            del current["Resources"][logical_id]
        else:
            current["Resources"][logical_id] = resource
    return current


def run(current: dict[str, Any], baseline: dict[str, Any] = BASELINE) -> list[Change]:
    return compare(baseline, current, region=REGION, stack_id=STACK_ID)


def lines(changes: list[Change], *, protected: bool = True, allowed: tuple[Acknowledgement, ...] = ()) -> list[str]:
    return judge("prod", "Prod-MobileBackend", changes, protected=protected, allowed=allowed).lines


def test_nothing_changed_passes_with_a_line_that_says_what_was_compared() -> None:
    changes = run(copy.deepcopy(BASELINE))
    assert changes == []
    verdict = judge("prod", "Prod-MobileBackend", changes, protected=True, compared=3)
    assert verdict.passed
    assert verdict.lines == ["prod: Prod-MobileBackend: 3 stateful resources compared: nothing replaced or deleted"]


def test_a_changed_key_schema_replaces_the_table_and_a_protected_environment_refuses_it() -> None:
    changes = run(changed(DataPosts1234=table(key="postId")))
    assert [(c.logical_id, c.property, c.kind, c.path) for c in changes] == [
        ("DataPosts1234", "KeySchema", "replaces", "Data/Posts")
    ]
    verdict = judge("prod", "Prod-MobileBackend", changes, protected=True)
    assert not verdict.passed and verdict.refused == 1
    line = verdict.lines[0]
    assert line.startswith(
        "prod: Prod-MobileBackend: DataPosts1234: KeySchema: replaces (AWS::DynamoDB::Table Data/Posts;"
    )
    assert TABLE_SOURCE in line  # the supplement makes the schema's "may replace" a sourced "replaces"
    assert "allow_replacements" in verdict.lines[-1]


def test_the_user_pools_sign_in_attributes_replace_it_by_the_supplement_and_its_client_with_it() -> None:
    changes = run(changed(AuthUserPool=user_pool(UsernameAttributes=["phone_number"])))
    assert [(c.logical_id, c.property, c.kind) for c in changes] == [
        ("AuthUserPool", "UsernameAttributes", "replaces"),
        ("AuthClient", "UserPoolId", "replaces"),  # its create-only UserPoolId refers to the new pool
    ]
    assert POOL_SOURCE in changes[0].why
    assert changes[1].why == "it refers to AuthUserPool, which the change replaces"
    alias = run(changed(AuthUserPool=user_pool(AliasAttributes=["preferred_username"])))
    assert next((c.logical_id, c.property) for c in alias) == ("AuthUserPool", "AliasAttributes")


def test_a_change_the_user_pool_can_take_in_place_passes() -> None:
    assert run(changed(AuthUserPool=user_pool(AutoVerifiedAttributes=["email", "phone_number"]))) == []


def test_a_removed_stateful_resource_is_deleted() -> None:
    [change] = run(changed(DataPosts1234=None))
    assert (change.logical_id, change.property, change.kind) == ("DataPosts1234", "-", "deletes")
    line = lines([change])[0]
    assert line.startswith("prod: Prod-MobileBackend: DataPosts1234: -: deletes (AWS::DynamoDB::Table Data/Posts;")
    assert "removed from the template; DeletionPolicy Retain keeps it, outside the stack" in line


def test_a_new_logical_id_deletes_the_old_resource_and_names_the_new_empty_one() -> None:
    current = changed(DataPosts1234=None)
    current["Resources"]["DataPostsRenamed"] = table()
    [change] = run(current)
    assert (change.logical_id, change.kind) == ("DataPosts1234", "deletes")
    assert change.why.startswith("its logical id changes to DataPostsRenamed, a new and empty resource")


def test_a_changed_type_replaces() -> None:
    [change] = run(changed(DataPosts1234={**table(), "Type": "AWS::DynamoDB::GlobalTable"}))
    assert (change.property, change.kind) == ("Type", "replaces")


def test_a_create_only_property_of_the_schema_itself_replaces() -> None:
    [change] = run(changed(DataPosts1234=table(TableName="posts-v2")))
    assert (change.property, change.kind) == ("TableName", "replaces")
    assert "createOnlyProperties of AWS::DynamoDB::Table, CloudFormation resource schema, cfn-lint" in change.why


def test_resources_that_hold_no_state_are_not_judged() -> None:
    assert run(changed(Fn=function("renamed"))) == []  # FunctionName is create-only: a new function loses nothing
    assert run(changed(Fn=None)) == []


def test_an_acknowledged_replacement_passes_with_a_line_saying_so() -> None:
    changes = run(changed(DataPosts1234=table(key="postId")))
    for resource in ("Data/Posts", "DataPosts1234"):  # the construct path, or the logical id
        verdict = judge(
            "prod",
            "Prod-MobileBackend",
            changes,
            protected=True,
            allowed=[Acknowledgement(resource, "posts keyed by postId from v2")],
        )
        assert verdict.passed and verdict.acknowledged == 1
        assert verdict.lines[0].startswith("acknowledged: prod: Prod-MobileBackend: DataPosts1234: KeySchema: replaces")
        assert verdict.lines[0].endswith(f"; allow_replacements {resource}: posts keyed by postId from v2")


def test_an_acknowledgement_covers_only_its_resource() -> None:
    changes = run(changed(DataPosts1234=table(key="postId"), AuthUserPool=user_pool(UsernameAttributes=[])))
    verdict = judge(
        "prod", "Prod-MobileBackend", changes, protected=True, allowed=[Acknowledgement("Data/Posts", "migration")]
    )
    assert (verdict.acknowledged, verdict.refused) == (1, 2)  # the pool and its client are still refused


def test_an_acknowledgement_that_matches_nothing_is_noted() -> None:
    verdict = judge("prod", "Prod-MobileBackend", [], protected=True, allowed=[Acknowledgement("Data/Likes", "done")])
    assert verdict.passed
    assert (
        "note: prod: Prod-MobileBackend: allow_replacements Data/Likes matches no replacement or deletion"
        in verdict.lines[0]
    )


def test_a_non_protected_environment_passes_with_a_note() -> None:
    changes = run(changed(DataPosts1234=table(key="postId")))
    verdict = judge("dev", "Dev-MobileBackend", changes, protected=False)
    assert verdict.passed and verdict.noted == 1
    assert verdict.lines == [
        "note: dev: Dev-MobileBackend: DataPosts1234: KeySchema: replaces (AWS::DynamoDB::Table Data/Posts; "
        f"{changes[0].why}); dev is not protected (protect_data: false): allowed"
    ]


def test_a_reference_in_fn_sub_counts() -> None:
    # Pseudo parameters and ${!Literal} are no resources.
    assert references({"Fn::Sub": "arn:${AWS::Partition}:x:${AuthUserPool}:${Fn.Arn}:${!Literal}"}) == {
        "AuthUserPool",
        "Fn",
    }
    assert references({"Fn::Sub": ["${Name}", {"Name": {"Ref": "Other"}}]}) == {"Name", "Other"}
    assert references([{"Fn::GetAtt": "Pool.Arn"}, {"Fn::GetAtt": ["Table", "Arn"]}]) == {"Pool", "Table"}


def test_list_pointers_and_paths() -> None:
    properties = {"Tags": [{"Key": "a"}, {"Key": "b"}], "Nested": {"Id": 1}}
    assert values_at(properties, "/properties/Tags/*/Key") == ["a", "b"]
    assert values_at(properties, "/properties/Nested/Id") == [1]
    assert values_at(properties, "/properties/Missing") == []
    assert construct_path({"Metadata": meta("Data/Posts")}, STACK_ID) == "Data/Posts"
    assert construct_path({"Metadata": {"aws:cdk:path": "Alice/MobileBackend/Auth/AdminsGroup"}}, STACK_ID) == (
        "Auth/AdminsGroup"
    )
    assert construct_path({}, STACK_ID) == ""


@pytest.mark.parametrize("resource", ["Data/Posts", "DataPosts1234", "Auth/UserPool/AppClient"])
def test_the_config_accepts_a_construct_path_or_a_logical_id(resource: str) -> None:
    from config.model import AllowedReplacement

    assert AllowedReplacement(resource=resource, reason="r").resource == resource


@pytest.mark.parametrize(
    ("resource", "message"),
    [
        ("Data/Posts/Resource", "without its trailing '/Resource'"),
        ("/Data/Posts", "no empty parts"),
        ("Data /Posts", "no empty parts or spaces"),
    ],
)
def test_the_config_refuses_what_can_never_match(resource: str, message: str) -> None:
    from pydantic import ValidationError

    from config.model import AllowedReplacement

    with pytest.raises(ValidationError, match=message):
        AllowedReplacement(resource=resource, reason="r")
