"""getPost reads ahead: a post page (post, author, comments, their authors) costs 3 DynamoDB requests, and every
answer is the one the fields give without look-ahead."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backend.runtime import aws
from backend.runtime.graphql_handler import handler
from backend.runtime.settings import get_settings

from .conftest import GraphQL, error_type
from .events import batch_event, cognito_identity, field_event, iam_identity

POST_FIELDS: tuple[str, ...] = (
    "id",
    "authorId",
    "title",
    "content",
    "imageKey",
    "imageUrl",
    "status",
    "likeCount",
    "commentCount",
)
POST_FIELDS += ("version", "createdAt", "updatedAt")
COMMENT_FIELDS = ("id", "postId", "authorId", "content", "createdAt")
USER = "{ id username displayName postCount }"


@dataclass
class Requests:
    """DynamoDB calls the runtime makes (before-parameter-build: once per call): names, and keys per BatchGetItem."""

    operations: Counter[str] = field(default_factory=Counter)
    batch_keys: list[int] = field(default_factory=list)

    def record(self, model: Any, params: dict[str, Any], **_: Any) -> None:
        self.operations[model.name] += 1
        if model.name == "BatchGetItem":
            self.batch_keys.append(sum(len(entry["Keys"]) for entry in params["RequestItems"].values()))

    def clear(self) -> None:
        self.operations.clear()
        self.batch_keys.clear()


@pytest.fixture
def requests(backend: None) -> Iterator[Requests]:
    log = Requests()
    aws.dynamodb().meta.events.register("before-parameter-build.dynamodb", log.record)
    yield log
    aws.dynamodb().meta.events.unregister("before-parameter-build.dynamodb", log.record)


@dataclass(frozen=True)
class CommentsField:
    """One `comments` field of the selection: its arguments, written literally or as variables."""

    limit: Any = None
    next_token: Any = None
    as_variables: bool = False
    directive: bool = False


def selection_text(author: bool, comments: list[CommentsField], comment_authors: bool) -> tuple[str, dict]:
    parts, variables = ["id title authorId"], dict[str, Any]()
    if author:
        parts.append(f"author {USER}")
    for index, wanted in enumerate(comments):
        arguments = []
        for name, value in (("limit", wanted.limit), ("nextToken", wanted.next_token)):
            if wanted.as_variables:  # a null value is not sent at all, as clients do
                variables |= {f"{name}{index}": value} if value is not None else {}
                arguments.append(f"{name}: ${name}{index}")
            elif value is not None:
                arguments.append(f"{name}: {_literal(value)}")
        written = f"({', '.join(arguments)})" if arguments else ""
        directive = " @include(if: true)" if wanted.directive else ""
        items = f"items {{ id content authorId{f' author {USER}' if comment_authors else ''} }}"
        parts.append(f"c{index}: comments{written}{directive} {{ {items} nextToken }}")
    return "{ " + "\n".join(parts) + " }", variables


def _literal(value: Any) -> str:
    return f'"{value}"' if isinstance(value, str) else str(value)


def resolve_page(
    identity: dict[str, Any],
    post_id: str,
    author: bool,
    comments: list[CommentsField],
    comment_authors: bool,
    *,
    lookahead: bool,
) -> Any:
    """Run the fields of a post page the way AppSync does (one invocation per field, one batch per list level);
    without ``lookahead`` getPost gets no selection, as before. Returns what the client would see."""
    text, variables = selection_text(author, comments, comment_authors)
    post = handler(
        field_event(
            "Query",
            "getPost",
            {"id": post_id},
            identity=identity,
            selection=text if lookahead else "",
            variables=variables if lookahead else None,
        ),
        None,
    )
    if error_type(post):
        return error_type(post)
    page: dict[str, Any] = {"post": {name: post[name] for name in POST_FIELDS}}
    if author:
        page["author"] = _value(handler(batch_event("Post", "author", [post], identity=identity), None)[0])
    connections, all_items = [], []
    for wanted in comments:
        arguments = {"limit": wanted.limit, "nextToken": wanted.next_token}
        connection = handler(field_event("Post", "comments", arguments, identity=identity, source=post), None)
        connections.append(connection)
        if not error_type(connection):
            all_items += connection["items"]
    authors = []
    if comment_authors and all_items:  # one batch for every Comment.author of the level, as AppSync sends it
        authors = [_value(a) for a in handler(batch_event("Comment", "author", all_items, identity=identity), None)]
    page["comments"] = []
    for connection in connections:
        if error_type(connection):
            page["comments"].append(error_type(connection))
            continue
        items = []
        for item in connection["items"]:
            shown = {name: item[name] for name in COMMENT_FIELDS}
            if comment_authors:
                shown["author"] = authors.pop(0)
            items.append(shown)
        page["comments"].append({"items": items, "nextToken": connection["nextToken"]})
    return page


def _value(result: Any) -> Any:
    return error_type(result) or result


@dataclass
class Seeded:
    discussed: str
    quiet: str
    author: str
    second_page: str  # the nextToken after the first 3 comments of `discussed`


@pytest.fixture
def seeded(requests: Requests) -> Seeded:
    """A post with 7 comments by 3 people, one of whom has no profile any more; a post without comments."""
    alice, bob, carol, ghost = (GraphQL(sub) for sub in ("alice-sub", "bob-sub", "carol-sub", "ghost-sub"))
    discussed, quiet = alice.create_post(title="discussed"), alice.create_post(title="quiet")
    for index, commenter in enumerate([bob, carol, ghost, bob, alice, ghost, carol]):
        commenter.mutate("createComment", input={"postId": discussed["id"], "content": f"comment {index}"})
    aws.dynamodb().delete_item(TableName=get_settings().users_table, Key={"id": {"S": "ghost-sub"}})
    second = alice("Post", "comments", {"limit": 3}, source=discussed)["nextToken"]
    return Seeded(discussed["id"], quiet["id"], "alice-sub", second)


READER = cognito_identity("reader-sub")


def test_a_post_page_costs_three_requests(seeded: Seeded, requests: Requests) -> None:
    wanted = [CommentsField(limit=20)]
    requests.clear()
    with_lookahead = resolve_page(READER, seeded.discussed, True, wanted, True, lookahead=True)
    assert requests.operations == Counter({"GetItem": 1, "Query": 1, "BatchGetItem": 1})
    assert requests.batch_keys == [4]  # alice (post and a comment), bob, carol, ghost: distinct ids only

    requests.clear()
    without = resolve_page(READER, seeded.discussed, True, wanted, True, lookahead=False)
    assert requests.operations == Counter({"GetItem": 1, "Query": 1, "BatchGetItem": 2})
    assert with_lookahead == without
    assert with_lookahead["author"]["id"] == seeded.author
    assert [c["author"] for c in with_lookahead["comments"][0]["items"]].count("NotFound") == 2  # ghost's


def test_variables_not_sent_are_null(seeded: Seeded, requests: Requests) -> None:
    wanted = [CommentsField(limit=2, as_variables=True)]  # `comments(limit: $limit0, nextToken: $nextToken0)`
    assert selection_text(True, wanted, True)[1] == {"limit0": 2}
    requests.clear()
    with_lookahead = resolve_page(READER, seeded.discussed, True, wanted, True, lookahead=True)
    assert requests.operations == Counter({"GetItem": 1, "Query": 1, "BatchGetItem": 1})
    assert with_lookahead == resolve_page(READER, seeded.discussed, True, wanted, True, lookahead=False)
    assert len(with_lookahead["comments"][0]["items"]) == 2


def test_unknown_post_reads_nothing_more(seeded: Seeded, requests: Requests) -> None:
    requests.clear()
    assert resolve_page(READER, "no-such-post", True, [CommentsField()], True, lookahead=True) == "NotFound"
    assert requests.operations == Counter({"GetItem": 1})


def test_other_arguments_than_the_prefetched_page_read_their_own(seeded: Seeded, requests: Requests) -> None:
    text, _ = selection_text(False, [CommentsField(limit=3)], False)
    post = handler(field_event("Query", "getPost", {"id": seeded.discussed}, identity=READER, selection=text), None)
    assert len(post["comments"]["items"]) == 3
    requests.clear()
    same = handler(field_event("Post", "comments", {"limit": 3}, identity=READER, source=post), None)
    assert not requests.operations and same is post["comments"]
    other = handler(field_event("Post", "comments", {"limit": 4}, identity=READER, source=post), None)
    assert requests.operations == Counter({"Query": 1}) and len(other["items"]) == 4
    # The prefetched page's token continues like any other.
    rest = handler(
        field_event("Post", "comments", {"nextToken": same["nextToken"]}, identity=READER, source=post), None
    )
    assert [c["content"] for c in rest["items"]] == [f"comment {i}" for i in range(3, 7)]


def test_prefetched_fields_still_require_a_signed_in_caller(seeded: Seeded) -> None:
    text, _ = selection_text(True, [CommentsField()], True)
    post = handler(field_event("Query", "getPost", {"id": seeded.discussed}, identity=READER, selection=text), None)
    iam = iam_identity()
    assert error_type(handler(field_event("Query", "getPost", {"id": seeded.discussed}, identity=iam), None)) == (
        "Unauthorized"
    )
    assert error_type(handler(field_event("Post", "comments", {}, identity=iam, source=post), None)) == "Unauthorized"
    assert error_type(handler(batch_event("Post", "author", [post], identity=iam), None)[0]) == "Unauthorized"
    items = post["comments"]["items"]
    assert {error_type(r) for r in handler(batch_event("Comment", "author", items, identity=iam), None)} == {
        "Unauthorized"
    }


def test_a_parent_author_for_another_id_is_not_trusted(seeded: Seeded, requests: Requests) -> None:
    text, _ = selection_text(True, [], False)
    post = handler(field_event("Query", "getPost", {"id": seeded.discussed}, identity=READER, selection=text), None)
    requests.clear()
    tampered = {**post, "authorId": "bob-sub"}
    assert handler(batch_event("Post", "author", [tampered], identity=READER), None)[0]["id"] == "bob-sub"
    assert requests.operations == Counter({"BatchGetItem": 1})


def test_more_than_a_batch_of_authors_is_split_at_100_keys(seeded: Seeded, requests: Requests) -> None:
    """The post's author plus 100 distinct commenters: 101 ids, so two BatchGetItem requests (100 keys max)."""
    client, table = aws.dynamodb(), get_settings().comments_table
    for index in range(100):
        created = f"2030-01-01T00:00:{index // 10:02d}.{index % 10:03d}Z"
        item = {"postId": seeded.quiet, "commentKey": f"{created}#c{index}", "id": f"c{index}"}
        item |= {"authorId": f"user-{index:03d}", "content": "x", "createdAt": created}
        client.put_item(TableName=table, Item={name: {"S": value} for name, value in item.items()})
    requests.clear()
    page = resolve_page(READER, seeded.quiet, True, [CommentsField(limit=100)], True, lookahead=True)
    assert requests.operations == Counter({"GetItem": 1, "Query": 1, "BatchGetItem": 2})
    assert sorted(requests.batch_keys) == [1, 100]
    assert len(page["comments"][0]["items"]) == 100 and page["author"]["id"] == seeded.author


limits = st.sampled_from([None, 0, -2, 1, 3, 7, 100, 500, "x"])
tokens = st.sampled_from([None, "", "second", "forged.token", "!!"])
comments_fields = st.builds(
    CommentsField, limit=limits, next_token=tokens, as_variables=st.booleans(), directive=st.booleans()
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    which=st.sampled_from(["discussed", "quiet", "missing"]),
    author=st.booleans(),
    comments=st.lists(comments_fields, max_size=2),
    comment_authors=st.booleans(),
)
def test_lookahead_never_changes_an_answer_nor_adds_a_request(
    seeded: Seeded, requests: Requests, which: str, author: bool, comments: list, comment_authors: bool
) -> None:
    post_id = {"discussed": seeded.discussed, "quiet": seeded.quiet}.get(which, "missing")
    comments = [_with_token(wanted, seeded.second_page) for wanted in comments]
    requests.clear()
    with_lookahead = resolve_page(READER, post_id, author, comments, comment_authors, lookahead=True)
    sent = sum(requests.operations.values())
    requests.clear()
    without = resolve_page(READER, post_id, author, comments, comment_authors, lookahead=False)
    assert with_lookahead == without
    assert sent <= sum(requests.operations.values())


def _with_token(wanted: CommentsField, second_page: str) -> CommentsField:
    token = second_page if wanted.next_token == "second" else wanted.next_token
    return CommentsField(wanted.limit, token, wanted.as_variables, wanted.directive)
