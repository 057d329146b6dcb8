"""Every field of schema.graphql is either resolved by the runtime or carried in its parent's payload."""

from __future__ import annotations

from graphql import GraphQLObjectType

from backend.runtime.graphql_handler import app
from backend.runtime.logic import app_config, views
from backend.schema import build_appsync_schema

# The payloads the resolvers return for each object type (fields present here need no resolver of their own).
SAMPLE_PAYLOADS = {
    "User": views.user({"id": "u", "username": "n", "postCount": 0, "createdAt": "t", "updatedAt": "t"}),
    "Post": views.post(
        {"id": "p", "authorId": "u", "title": "t", "content": "c", "version": 1, "createdAt": "t", "updatedAt": "t"}
    ),
    "Comment": views.comment({"id": "c", "postId": "p", "authorId": "u", "content": "c", "createdAt": "t"}),
    "Device": views.device({"token": "t", "platform": "APNS", "createdAt": "t"}),
    "PostConnection": views.connection([], None),
    "CommentConnection": views.connection([], None),
    "UploadTarget": {"url": "", "fields": "{}", "key": "", "expiresAt": ""},
    "Health": {"status": "ok", "version": "v", "time": "t"},
    "DeletedPost": {"id": "p"},
    "AppConfig": app_config.answer("IOS", "1.0.0", minimum_versions={}, switches={"s": True}),
    "FeatureSwitch": app_config.answer("IOS", "1.0.0", minimum_versions={}, switches={"s": True})["switches"][0],
}
BATCH_FIELDS = {("Post", "author"), ("Comment", "author"), ("Post", "likedByMe")}


def _has_resolver(type_name: str, field_name: str) -> bool:
    return app.resolves(type_name, field_name)


def test_every_query_and_mutation_field_has_a_resolver() -> None:
    schema = build_appsync_schema()
    for root in (schema.query_type, schema.mutation_type):
        assert root is not None
        missing = [name for name in root.fields if not _has_resolver(root.name, name)]
        assert missing == [], f"{root.name} fields without a resolver: {missing}"


def test_every_nested_field_is_resolved_or_in_the_parent_payload() -> None:
    schema = build_appsync_schema()
    roots = {"Query", "Mutation", "Subscription"}
    object_types = [
        t
        for name, t in schema.type_map.items()
        if isinstance(t, GraphQLObjectType) and name not in roots and not name.startswith("__")
    ]
    assert {t.name for t in object_types} == set(SAMPLE_PAYLOADS)
    for object_type in object_types:
        payload = SAMPLE_PAYLOADS[object_type.name]
        for name, field in object_type.fields.items():
            resolved = _has_resolver(object_type.name, name)
            assert resolved or name in payload, f"{object_type.name}.{name} has no resolver and no payload value"
            if field.args:
                assert resolved, f"{object_type.name}.{name} takes arguments, so it needs a resolver"


def test_batch_fields_have_batch_resolvers() -> None:
    for type_name, field_name in BATCH_FIELDS:
        assert app.resolves(type_name, field_name, batch=True), (type_name, field_name)
