"""The seed file: validated with one-line errors, and applied as its users through the sandbox's own endpoints."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.project_root import PROJECT_ROOT
from sandbox.provisioning.seed import (
    DEFAULT_SEED_PATH,
    SeedError,
    apply_seed,
    load_seed,
    parse_seed,
    user_pool_password_policy,
)

USER = {"email": "a@example.com", "password": "pw"}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"users": 5}, "seed.yaml: users: expected a list"),
        ({"users": [{"email": "nope", "password": "p"}]}, "seed.yaml: users[0].email: expected an email address"),
        ({"users": [{**USER, "role": "x"}]}, "seed.yaml: users[0].role: unknown key"),
        ({"users": [{"email": "a@example.com"}]}, "seed.yaml: users[0].password: required key is missing"),
        ({"users": [USER, USER]}, "seed.yaml: users: each entry must be unique, repeated: a@example.com"),
        (
            {"users": [USER], "posts": [{"ref": "p", "author": "b@example.com", "title": "t", "content": "c"}]},
            "seed.yaml: posts[0].author: expected the email of a user in users",
        ),
        (
            {"users": [USER], "comments": [{"post": "p", "author": "a@example.com", "content": "c"}]},
            "seed.yaml: comments[0].post: expected the ref of a post in posts",
        ),
        ({"likes": [{"post": "p"}]}, "seed.yaml: likes[0].user: required key is missing"),
    ],
)
def test_invalid_seed_is_one_line_naming_file_key_and_expectation(data, expected):
    with pytest.raises(SeedError) as raised:
        parse_seed(data, "seed.yaml")
    assert str(raised.value) == expected


def test_unreadable_or_malformed_files_are_one_line(tmp_path):
    with pytest.raises(SeedError, match=r"missing\.yaml: cannot read the seed file"):
        load_seed(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("users:\n  - email: [unclosed\n")
    with pytest.raises(SeedError, match=r"bad\.yaml: line \d+: not valid YAML") as raised:
        load_seed(bad)
    assert "\n" not in str(raised.value)


def test_the_project_seed_file_is_valid_and_its_passwords_meet_the_pool_policy():
    policy = user_pool_password_policy()
    assert policy and policy["min_length"] == 12
    seed = load_seed(DEFAULT_SEED_PATH, policy)
    assert seed.users and seed.posts and seed.comments and seed.likes
    for user in seed.users:  # the policy in the stage template: 12+ chars, upper, lower, digit, symbol
        password = user.password
        assert len(password) >= 12
        assert any(c.isupper() for c in password) and any(c.islower() for c in password)
        assert any(c.isdigit() for c in password) and any(not c.isalnum() for c in password)


def test_seed_users_are_confirmed_and_write_through_the_resolvers_as_themselves(running_sandbox, tmp_path: Path):
    path = tmp_path / "seed.yaml"
    path.write_text(
        """
users:
  - {email: seed-writer@example.com, password: Seed-Writer-9-Battery, groups: [admins]}
  - {email: seed-reader@example.com, password: Seed-Reader-9-Battery}
posts:
  - {ref: first, author: seed-writer@example.com, title: Seeded title, content: body}
comments:
  - {post: first, author: seed-reader@example.com, content: nice}
"""
    )
    sandbox = running_sandbox.sandbox
    provisioned = sandbox.provisioned
    running_sandbox.runtime.reset()
    apply_seed(
        load_seed(path),
        base_url=sandbox.base_url,
        ca_cert=sandbox.tls.ca_cert,
        client_id=provisioned.client_ids[0],
        user_pool_id=provisioned.user_pool_id,
        region="us-east-1",
    )

    idp = running_sandbox.client("cognito-idp")
    writer = idp.admin_get_user(UserPoolId=provisioned.user_pool_id, Username="seed-writer@example.com")
    reader = idp.admin_get_user(UserPoolId=provisioned.user_pool_id, Username="seed-reader@example.com")
    assert writer["UserStatus"] == reader["UserStatus"] == "CONFIRMED"
    groups = idp.admin_list_groups_for_user(UserPoolId=provisioned.user_pool_id, Username="seed-writer@example.com")
    assert [g["GroupName"] for g in groups["Groups"]] == ["admins"]

    def sub(user):
        return next(a["Value"] for a in user["UserAttributes"] if a["Name"] == "sub")

    # confirmed the way a sign-up is: the post-confirmation trigger ran for each
    confirmed = {e["request"]["userAttributes"].get("sub") for e in running_sandbox.runtime.trigger_events}
    assert {sub(writer), sub(reader)} <= confirmed
    (post_event,) = running_sandbox.runtime.calls_for("Mutation", "createPost")
    assert post_event["identity"]["sub"] == sub(writer)
    assert post_event["identity"]["groups"] == ["admins"]
    assert post_event["arguments"]["input"] == {"title": "Seeded title", "content": "body"}
    (comment_event,) = running_sandbox.runtime.calls_for("Mutation", "createComment")
    assert comment_event["identity"]["sub"] == sub(reader)
    assert comment_event["arguments"]["input"] == {"postId": "new", "content": "nice"}  # the created post's id


@pytest.mark.parametrize(
    ("password", "lacks"), [("Short-1!", "has 8 characters"), ("no-upper-case-1!", "lacks an uppercase letter")]
)
def test_a_weak_seed_password_is_one_line_naming_the_file_and_key(tmp_path, password, lacks):
    path = tmp_path / "seed.yaml"
    path.write_text(
        f"users:\n  - email: a@example.com\n    password: Good-Password-1!\n"
        f"  - email: b@example.com\n    password: '{password}'\n"
    )
    with pytest.raises(SeedError) as raised:
        load_seed(path, user_pool_password_policy())
    message = str(raised.value)
    assert "seed.yaml: users[1].password: expected at least 12 characters" in message and lacks in message


def test_a_bad_seed_is_refused_before_the_synth(tmp_path):
    """In a child process: a sandbox that stops in this one would reset process-wide state (the identity pools
    moto serves) under the sandbox the other tests share."""
    path = tmp_path / "seed.yaml"
    path.write_text("users:\n  - email: a@example.com\n    password: weak\n")
    arguments = ["--port", "0", "--moto-port", "0", "--state-dir", str(tmp_path), "--outputs", str(tmp_path / "o.json")]
    run = subprocess.run(
        [sys.executable, "-m", "sandbox", *arguments, "--seed", str(path), "--no-watch"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    err = run.stderr.strip().splitlines()
    assert run.returncode == 1 and len(err) == 1 and "users[0].password: expected" in err[0], run.stderr
    assert "stage template" not in run.stdout + run.stderr  # refused before the synth's progress line
