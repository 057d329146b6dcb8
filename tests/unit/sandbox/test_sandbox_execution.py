"""The executor alone (no server): directives incl. cognito_groups, events, resolver rule, mutation publishing."""

from __future__ import annotations

import asyncio
import gc
import weakref
from typing import Any

import pytest

from sandbox.appsync.batching import Batcher, RequestContext
from sandbox.appsync.execution import Executor
from sandbox.appsync.resolver_map import ResolverSpec, resolver_fields, resolver_fields_from_template
from sandbox.appsync.schema import load_schema
from sandbox.auth.authz import COGNITO, IAM, AuthRules, Caller
from sandbox.errors import TemplateError
from sandbox.realtime.pubsub import Subscription, SubscriptionHub

SDL = """
type Secret @aws_cognito_user_pools(cognito_groups: ["admins"]) { value: String }
type Item { id: ID!, name: String, hidden: String @aws_iam, owner: Owner }
type Owner { id: ID! }
type Query {
  item(id: ID!): Item
  secret: Secret @aws_cognito_user_pools(cognito_groups: ["admins"])
  both: String @aws_iam @aws_cognito_user_pools
}
type Mutation { saveItem(id: ID!): Item }
type Subscription { onSave(id: ID): Item @aws_subscribe(mutations: ["saveItem"]) }
"""


def caller(mode=COGNITO, groups=()):
    return Caller(
        mode=mode, identity={"sub": "s1", "username": "u1", "groups": list(groups) or None}, groups=frozenset(groups)
    )


class Recorder:
    def __init__(self):
        self.events = []

    async def __call__(self, event):
        self.events.append(event)
        info = event["info"]
        if info["fieldName"] == "secret":
            return {"value": "42"}
        if info["fieldName"] == "both":
            return "ok"
        return {"id": event["arguments"]["id"], "name": "n", "hidden": "h", "owner": {"id": "o"}}


def make_executor(published=None):
    schema = load_schema(SDL)
    recorder = Recorder()
    resolvers = {
        ("Query", "item"): ResolverSpec(),
        ("Query", "secret"): ResolverSpec(),
        ("Query", "both"): ResolverSpec(),
        ("Mutation", "saveItem"): ResolverSpec(),
    }
    publish = (lambda name, payload: published.append((name, payload))) if published is not None else None
    return Executor(schema, resolvers, recorder, publish), recorder


def run(executor, query, who, variables=None):
    return asyncio.run(executor.run(query, variables or {}, None, who, {"x-test": "1"}))


def test_cognito_groups_on_field_and_type():
    executor, _ = make_executor()
    denied = run(executor, "{ secret { value } }", caller())
    assert denied["data"] == {"secret": None}
    assert denied["errors"][0]["errorType"] == "Unauthorized"
    assert denied["errors"][0]["message"] == "Not Authorized to access secret on type Query"
    allowed = run(executor, "{ secret { value } }", caller(groups=("admins",)))
    assert allowed == {"data": {"secret": {"value": "42"}}}


def test_field_directive_overrides_default_mode():
    executor, _ = make_executor()
    body = run(executor, '{ item(id: "1") { id hidden } }', caller())
    assert body["data"]["item"] == {"id": "1", "hidden": None}
    assert body["errors"][0]["message"] == "Not Authorized to access hidden on type Item"
    assert body["errors"][0]["path"] == ["item", "hidden"]
    assert run(executor, "{ both }", caller(IAM)) == {"data": {"both": "ok"}}
    assert run(executor, '{ item(id: "1") { id } }', caller(IAM))["errors"][0]["errorType"] == "Unauthorized"


def test_event_carries_arguments_identity_and_selection():
    executor, recorder = make_executor()
    query = "query Q($id: ID!) { item(id: $id) { ...F name renamed: id } } fragment F on Item { id owner { id } }"
    run(executor, query, caller(), {"id": "7"})
    (event,) = recorder.events
    assert event["arguments"] == {"id": "7"}
    assert event["identity"]["sub"] == "s1"
    assert event["source"] is None
    assert event["info"]["parentTypeName"] == "Query" and event["info"]["fieldName"] == "item"
    assert event["info"]["variables"] == {"id": "7"}
    assert event["info"]["selectionSetList"] == ["id", "owner", "owner/id", "name"]
    assert event["request"]["headers"] == {"x-test": "1"}


def test_successful_mutations_are_published_without_aliases():
    published: list[tuple[str, Any]] = []
    executor, _ = make_executor(published)
    run(executor, 'mutation { saved: saveItem(id: "9") { ident: id name } }', caller())
    assert published == [("saveItem", {"id": "9", "name": "n"})]


def test_hub_filters_and_shapes():
    schema = load_schema(SDL)
    hub = SubscriptionHub(schema)
    from graphql import FieldNode, OperationDefinitionNode, parse

    document = parse('subscription { onSave(id: "9") { id t: __typename owner { id } } }')
    operation = document.definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    node = operation.selection_set.selections[0]
    assert isinstance(node, FieldNode)
    sent: list[Any] = []
    hub.add(Subscription("s", "onSave", "onSave", {"id": "9"}, node, {}, sent.append))
    assert hub.publish("saveItem", {"id": "8", "name": "n"}) == 0
    assert hub.publish("saveItem", {"id": "9", "name": "n"}) == 1
    assert sent[0]["payload"]["data"]["onSave"] == {"id": "9", "t": "Item", "owner": None}


def test_resolver_rule():
    template = {
        "Resources": {
            "R1": {"Type": "AWS::AppSync::Resolver", "Properties": {"TypeName": "Query", "FieldName": "me"}},
            "R2": {
                "Type": "AWS::AppSync::Resolver",
                "Properties": {
                    "TypeName": "Post",
                    "FieldName": "author",
                    "MaxBatchSize": 50,
                    "Code": "return {operation: 'BatchInvoke'}",
                },
            },
        }
    }
    assert resolver_fields_from_template(template) == {
        ("Query", "me"): ResolverSpec(),
        ("Post", "author"): ResolverSpec(batch=True, max_batch_size=50),
    }
    with pytest.raises(TemplateError):
        resolver_fields({"Resources": {}})
    pipeline = {
        "Resources": {
            "Fn": {"Type": "AWS::AppSync::FunctionConfiguration", "Properties": {"MaxBatchSize": 20}},
            "R": {
                "Type": "AWS::AppSync::Resolver",
                "Properties": {
                    "TypeName": "Comment",
                    "FieldName": "author",
                    "Kind": "PIPELINE",
                    "PipelineConfig": {"Functions": [{"Fn::GetAtt": ["Fn", "FunctionId"]}]},
                },
            },
        }
    }
    assert resolver_fields_from_template(pipeline) == {
        ("Comment", "author"): ResolverSpec(batch=True, max_batch_size=20)
    }


@pytest.mark.parametrize(
    "query, kind",
    [
        ("{ nope }", "FieldUndefined"),
        ('{ item(id: "1", x: 1) { id } }', "UnknownArgument"),
        ("{ item { id } }", "MissingFieldArgument"),
        ('{ item(id: "1") }', "SubSelectionRequired"),
    ],
)
def test_validation_error_kinds(query, kind):
    executor, recorder = make_executor()
    body = run(executor, query, caller())
    assert body["data"] is None and not recorder.events
    assert body["errors"][0]["message"].startswith(f"Validation error of type {kind}:")


def test_auth_rules_default_to_cognito():
    rules = AuthRules(load_schema(SDL))
    assert rules.rule("Owner", "id") == {COGNITO: None}


def test_batches_are_split_at_max_batch_size_and_errors_map_per_item():
    schema = load_schema("type Owner { id: ID! } type Item { id: ID!, owner: Owner } type Query { items: [Item] }")
    calls = []

    async def invoke(event):
        calls.append(event)
        if isinstance(event, list):
            return [
                {"error": {"type": "NotFound", "message": "no owner"}} if e["source"]["id"] == "i2" else {"id": "o"}
                for e in event
            ]
        return [{"id": f"i{n}"} for n in range(1, 6)]

    executor = Executor(
        schema,
        {("Query", "items"): ResolverSpec(), ("Item", "owner"): ResolverSpec(batch=True, max_batch_size=2)},
        invoke,
    )
    body = run(executor, "{ items { id owner { id } } }", caller())
    batch_sizes = [len(c) for c in calls if isinstance(c, list)]
    assert batch_sizes == [2, 2, 1]
    assert [i["owner"] for i in body["data"]["items"]] == [{"id": "o"}, None, {"id": "o"}, {"id": "o"}, {"id": "o"}]
    assert body["errors"][0]["path"] == ["items", 1, "owner"] and body["errors"][0]["errorType"] == "NotFound"


def test_a_batch_waiting_for_its_lambda_answer_survives_garbage_collection():
    """The event loop keeps only weak references to tasks: unless the batcher holds the task that sends a batch, a
    garbage collection while the batch waits for its answer drops it, and the batched fields never resolve."""

    async def scenario():
        answers = []  # weak references: only the sending task holds the future its invocation waits on

        async def invoke(events):
            answer = asyncio.get_running_loop().create_future()
            answers.append(weakref.ref(answer))
            return await answer

        batcher = Batcher(RequestContext(caller=caller(), headers={}, variables={}), invoke, max_batch_size=None)
        item = batcher.load({"source": {"id": "i1"}})
        while not answers:
            await asyncio.sleep(0)
        gc.collect()
        answer = answers[0]()
        assert answer is not None, "the task sending the batch was garbage-collected while it waited"
        answer.set_result([{"id": "o1"}])
        return await asyncio.wait_for(item, 5)

    assert asyncio.run(scenario()) == {"id": "o1"}
