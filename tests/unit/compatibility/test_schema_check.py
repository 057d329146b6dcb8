"""`make schema-check` on the project's schema and operations, released as app 1.0.0, against edited schemas:
what breaks an installed app fails with one line naming the version, the coordinate and the operations; what
cannot break one passes."""

from __future__ import annotations

from pathlib import Path

from pipeline.predeploy.compatibility.__main__ import BREAKS, CANNOT_CHECK, PASSED, main

from .conftest import Released, edited


def check(released_dir: Path, schema: str, tmp_path: Path) -> tuple[int, list[str]]:
    new = tmp_path / "new.graphql"
    new.write_text(schema, encoding="utf-8")
    lines: list[str] = []
    code = main(["--schema", str(new), "--released", str(released_dir)], say=lines.append)
    return code, lines


def only(lines: list[str], start: str) -> str:
    [line] = [x for x in lines if x.startswith(start)]
    return line


def test_the_released_schema_itself_passes(released: Released, tmp_path: Path) -> None:
    code, lines = check(released(), edited(), tmp_path)
    assert code == PASSED, lines
    assert lines == ["schema-check: new.graphql keeps every supported app version working (1.0.0)"]


def test_a_removed_field_the_app_selects_breaks_it(released: Released, tmp_path: Path) -> None:
    code, lines = check(released(), edited(("  bio: String\n", "")), tmp_path)
    assert code == BREAKS
    line = only(lines, "schema-check: BREAKS app 1.0.0: User.bio: User.bio was removed. Used by ")
    assert (
        "Used by mutations.graphql:CreateComment, mutations.graphql:CreatePost, mutations.graphql:LikePost and " in line
    )
    assert line.endswith("AppSync rejects the operation as invalid, so the app gets an error instead of data.")
    assert lines[-1] == "schema-check: 1 problem(s) would break apps in the field (docs/evolving-the-api.md)"


def test_a_changed_field_type_breaks_the_app(released: Released, tmp_path: Path) -> None:
    code, lines = check(released(), edited(("  likeCount: Int!\n", "  likeCount: String!\n")), tmp_path)
    assert code == BREAKS
    line = only(lines, "schema-check: BREAKS app 1.0.0: Post.likeCount: Post.likeCount changed type from Int! to")
    assert "the app's generated types cannot decode it" in line


def test_a_field_made_nullable_breaks_apps_that_expect_a_value(released: Released, tmp_path: Path) -> None:
    code, lines = check(released(), edited(("  likeCount: Int!\n", "  likeCount: Int\n")), tmp_path)
    assert code == BREAKS
    only(lines, "schema-check: BREAKS app 1.0.0: Post.likeCount: Post.likeCount changed type from Int! to Int.")


def test_a_newly_required_argument_breaks_the_operations_that_call_the_field(
    released: Released, tmp_path: Path
) -> None:
    schema = edited(("getPost(id: ID!): Post", "getPost(id: ID!, locale: String!): Post"))
    code, lines = check(released(), schema, tmp_path)
    assert code == BREAKS
    line = only(lines, "schema-check: BREAKS app 1.0.0: Query.getPost(locale:): A required arg locale on Query.getPost")
    assert "Used by queries.graphql:GetPost: the app never passes it, so AppSync rejects the operation." in line


def test_an_enum_value_added_to_an_enum_the_app_reads_breaks_it(released: Released, tmp_path: Path) -> None:
    code, lines = check(released(), edited(("  PENDING_REVIEW\n", "  PENDING_REVIEW\n  ARCHIVED\n")), tmp_path)
    assert code == BREAKS
    line = only(
        lines, "schema-check: BREAKS app 1.0.0: PostStatus.ARCHIVED: ARCHIVED was added to enum type PostStatus."
    )
    assert "Used by mutations.graphql:CreatePost, mutations.graphql:LikePost, mutations.graphql:UpdatePost and " in line
    assert "amplify-swift #1729" in line


def test_an_added_enum_value_marked_client_safe_is_accepted_with_its_reason(released: Released, tmp_path: Path) -> None:
    marked = '  PENDING_REVIEW\n  "client-safe: the feed never returns archived posts"\n  ARCHIVED\n'
    code, lines = check(released(), edited(("  PENDING_REVIEW\n", marked)), tmp_path)
    assert code == PASSED, lines
    assert only(lines, "schema-check: accepted: PostStatus.ARCHIVED: ").endswith(
        "Marked client-safe: the feed never returns archived posts (app 1.0.0)"
    )


def test_a_marker_needs_a_reason_and_the_right_place(released: Released, tmp_path: Path) -> None:
    no_reason = '  PENDING_REVIEW\n  "client-safe:"\n  ARCHIVED\n'
    directory = released()
    code, _ = check(directory, edited(("  PENDING_REVIEW\n", no_reason)), tmp_path)
    assert code == BREAKS
    on_the_type = edited(
        ("enum PostStatus {", '"client-safe: new values are fine"\nenum PostStatus {'),
        ("  PENDING_REVIEW\n", "  PENDING_REVIEW\n  ARCHIVED\n"),
    )
    code, _ = check(directory, on_the_type, tmp_path)
    assert code == BREAKS


def test_a_union_member_added_where_the_app_reads_the_union_breaks_it_unless_marked(
    released: Released, tmp_path: Path
) -> None:
    with_union = edited(
        ("type DeletedPost {", "union FeedItem = Post\n\ntype DeletedPost {"),
        ("  listMyDevices:", "  feed: [FeedItem!]!\n  listMyDevices:"),
    )
    operations = tmp_path / "operations"
    operations.mkdir()
    (operations / "feed.graphql").write_text("query Feed { feed { ... on Post { id } } }\n", encoding="utf-8")
    directory = released(schema=with_union, operations=operations)
    grown = with_union.replace("union FeedItem = Post", "union FeedItem = Post | Comment")
    code, lines = check(directory, grown, tmp_path)
    assert code == BREAKS
    line = only(lines, "schema-check: BREAKS app 1.0.0: FeedItem: Comment was added to union type FeedItem.")
    assert "Used by feed.graphql:Feed: the app reads this union and may receive a Comment" in line
    marked = grown.replace("union FeedItem", '"client-safe Comment: apps skip unknown feed items"\nunion FeedItem')
    code, lines = check(directory, marked, tmp_path)
    assert code == PASSED, lines


def test_an_added_optional_field_and_a_new_type_pass(released: Released, tmp_path: Path) -> None:
    schema = edited(
        ("  avatarKey: String\n  postCount", "  avatarKey: String\n  pronouns: String\n  postCount"),
        ("type DeletedPost {", "type Badge {\n  name: String!\n}\n\ntype DeletedPost {"),
        ("listPosts(limit: Int, nextToken: String)", "listPosts(limit: Int, nextToken: String, since: AWSDateTime)"),
    )
    code, lines = check(released(), schema, tmp_path)
    assert code == PASSED, lines
    assert not [line for line in lines if "BREAKS" in line]


def test_an_enum_value_added_to_an_enum_apps_only_send_passes(released: Released, tmp_path: Path) -> None:
    operations = tmp_path / "operations"
    operations.mkdir()
    (operations / "m.graphql").write_text(
        "mutation Register($t: String!, $p: Platform!) { registerDevice(token: $t, platform: $p) { token } }\n",
        encoding="utf-8",
    )
    code, lines = check(released(operations=operations), edited(("  GCM\n", "  GCM\n  WNS\n")), tmp_path)
    assert code == PASSED, lines


def test_a_deprecated_field_no_version_uses_is_reported_removable_and_its_removal_passes(
    released: Released, tmp_path: Path
) -> None:
    operations = tmp_path / "operations"
    operations.mkdir()
    (operations / "q.graphql").write_text("query Me { me { id username } }\n", encoding="utf-8")
    directory = released(operations=operations)
    deprecated = edited(("  bio: String\n", '  bio: String @deprecated(reason: "moved to Profile.about")\n'))
    code, lines = check(directory, deprecated, tmp_path)
    assert code == PASSED, lines
    assert "schema-check: safe to remove: User.bio (moved to Profile.about): no supported app version uses it" in lines
    code, lines = check(directory, edited(("  bio: String\n", "")), tmp_path)
    assert code == PASSED, lines
    assert "schema-check: safe for apps: User.bio: User.bio was removed. No supported app version uses it." in lines


def test_a_deprecated_field_still_used_is_kept_and_named_with_its_users(released: Released, tmp_path: Path) -> None:
    operations = tmp_path / "operations"
    operations.mkdir()
    (operations / "q.graphql").write_text("query Me { me { id bio } }\n", encoding="utf-8")
    directory = released(operations=operations)
    code, lines = check(directory, edited(("  bio: String\n", '  bio: String @deprecated(reason: "x")\n')), tmp_path)
    assert code == PASSED
    assert "schema-check: deprecated, still used: User.bio (x): used by app 1.0.0 (q.graphql:Me)" in lines


def test_every_supported_version_is_named_and_an_ended_one_is_not(released: Released, tmp_path: Path) -> None:
    old_ops, new_ops = tmp_path / "old", tmp_path / "new"
    old_ops.mkdir()
    new_ops.mkdir()
    (old_ops / "q.graphql").write_text("query Me { me { id bio } }\n", encoding="utf-8")
    (new_ops / "q.graphql").write_text("query Me { me { id bio displayName } }\n", encoding="utf-8")
    released("1.0.0", operations=old_ops)
    directory = released("1.1.0", operations=new_ops)
    removed = edited(("  bio: String\n", ""))
    code, lines = check(directory, removed, tmp_path)
    assert code == BREAKS
    only(lines, "schema-check: BREAKS apps 1.0.0, 1.1.0: User.bio: User.bio was removed. Used by q.graphql:Me:")
    for version in ("1.0.0", "1.1.0"):  # ending support: the directories go
        for path in sorted((directory / version).rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
        (directory / version).rmdir()
    code, lines = check(directory, removed, tmp_path)
    assert code == PASSED
    assert lines == [
        f"schema-check: no app version is released in {directory}: nothing to protect (make release-client)"
    ]


def test_an_operation_that_no_longer_validates_is_named(released: Released, tmp_path: Path) -> None:
    directory = released()
    # Edited by hand after its release: the check still validates what the directory holds.
    (directory / "1.0.0" / "operations" / "extra.graphql").write_text(
        "query Stale { me { id nickname } }\n", encoding="utf-8"
    )
    code, lines = check(directory, edited(), tmp_path)
    assert code == BREAKS
    assert (
        "schema-check: BREAKS app 1.0.0: extra.graphql:Stale no longer validates: Cannot query field 'nickname' on "
        "type 'User'. Did you mean 'username'? AppSync rejects the operation as invalid, so the app gets an error "
        "instead of data."
    ) in lines


def test_a_released_directory_that_cannot_be_read_stops_the_check(released: Released, tmp_path: Path) -> None:
    directory = released()
    (directory / "latest").mkdir()
    code, lines = check(directory, edited(), tmp_path)
    assert code == CANNOT_CHECK
    assert lines == [
        f"schema-check: {directory / 'latest'}: the directory's name must be the app's semantic version (like 1.4.0)"
    ]
    (directory / "latest").rmdir()
    (directory / "1.0.0" / "operations" / "queries.graphql").write_text("query {", encoding="utf-8")
    code, lines = check(directory, edited(), tmp_path)
    assert code == CANNOT_CHECK
    [line] = lines
    assert line.startswith(
        f"schema-check: {directory / '1.0.0' / 'operations' / 'queries.graphql'}: not a GraphQL document:"
    )
