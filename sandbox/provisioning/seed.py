"""Seed data (`config/sandbox-seed.yaml`, or `--seed PATH`): users, then their posts, comments and likes.

Written the way an app would: each user signs up and is confirmed through the sandbox's Cognito front (so the
post-confirmation trigger runs), then signs in, and every post, comment and like is a GraphQL mutation sent to
the sandbox's HTTPS endpoint with that user's token, i.e. through the real resolvers as that user.
Applied on a first start and after --reset (the saved state then has it).
"""

from __future__ import annotations

import json
import os
import ssl
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from backend.auth_settings import PASSWORD_POLICY
from pipeline.project_root import PROJECT_ROOT

DEFAULT_SEED_PATH = PROJECT_ROOT / "config" / "sandbox-seed.yaml"
ANY_CODE = "000000"  # the sandbox (moto) accepts any confirmation code


class SeedError(Exception):
    """One line: `<file>: <key path>: <expectation>`, or what failed while applying."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SeedUser(_Strict):
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")
    password: str = Field(min_length=1)
    groups: list[str] = []


class SeedPost(_Strict):
    ref: str = Field(min_length=1, description="a name for this post, used by comments and likes")
    author: str
    title: str
    content: str


class SeedComment(_Strict):
    post: str
    author: str
    content: str


class SeedLike(_Strict):
    post: str
    user: str


class Seed(_Strict):
    users: list[SeedUser] = []
    posts: list[SeedPost] = []
    comments: list[SeedComment] = []
    likes: list[SeedLike] = []

    @model_validator(mode="after")
    def _references_resolve(self) -> Seed:
        emails = [u.email for u in self.users]
        refs = [p.ref for p in self.posts]
        for name, values in (("users", emails), ("posts", refs)):
            duplicates = sorted({v for v in values if values.count(v) > 1})
            if duplicates:
                raise ValueError(f"{name}: each entry must be unique, repeated: {', '.join(duplicates)}")
        for section, entries, person_key in (
            ("posts", self.posts, "author"),
            ("comments", self.comments, "author"),
            ("likes", self.likes, "user"),
        ):
            for index, entry in enumerate(entries):
                person = getattr(entry, person_key)
                if person not in emails:
                    raise ValueError(f"{section}[{index}].{person_key}: expected the email of a user in users")
                post = getattr(entry, "post", None)
                if post is not None and post not in refs:
                    raise ValueError(f"{section}[{index}].post: expected the ref of a post in posts")
        return self


_MESSAGES = {
    "missing": "required key is missing",
    "extra_forbidden": "unknown key",
    "list_type": "expected a list",
    "model_type": "expected a mapping of keys",
    "model_attributes_type": "expected a mapping of keys",
    "string_type": "expected a string",
    "string_pattern_mismatch": "expected an email address",
    "string_too_short": "expected a non-empty string",
}


def _key_path(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def parse_seed(data: Any, source: str) -> Seed:
    try:
        return Seed.model_validate({} if data is None else data)
    except ValidationError as exc:
        first = exc.errors()[0]
        if first["type"] == "value_error":  # ours: the message names its own key path
            raise SeedError(f"{source}: {first['ctx']['error']!s}") from None
        where = _key_path(first["loc"]) or "(top level)"
        raise SeedError(f"{source}: {where}: {_MESSAGES.get(first['type'], first['msg'])}") from None


# https://docs.aws.amazon.com/cognito/latest/developerguide/managing-users-passwords.html (special characters)
_COGNITO_SYMBOLS = frozenset("^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ")
_REQUIREMENTS = (
    ("require_lowercase", "a lowercase letter", str.islower),
    ("require_uppercase", "an uppercase letter", str.isupper),
    ("require_numbers", "a digit", str.isdigit),
    ("require_symbols", "a symbol", _COGNITO_SYMBOLS.__contains__),
)


def user_pool_password_policy() -> dict[str, Any]:
    """The stage's password policy (backend/auth_settings.py, also the `AuthSettings` output)."""
    return dict(PASSWORD_POLICY)


def password_problem(password: str, policy: dict[str, Any]) -> str | None:
    """What `password` lacks under `policy` (min_length, require_*), as the expectation; None when it passes."""
    needs = [what for key, what, test in _REQUIREMENTS if policy.get(key) and not any(test(c) for c in password)]
    short = len(password) < int(policy.get("min_length", 0))
    if not needs and not short:
        return None
    wanted = [what for key, what, _ in _REQUIREMENTS if policy.get(key)]
    return (
        f"expected at least {policy.get('min_length', 1)} characters with {', '.join(wanted)} "
        f"(the user pool's password policy, backend/auth_settings.py); this one "
        + (f"has {len(password)} characters" if short else f"lacks {', '.join(needs)}")
    )


def load_seed(path: Path, password_policy: dict[str, Any] | None = None) -> Seed:
    """The seed file, checked (structure, and passwords against `password_policy` when given): SeedError's one
    line names the file, the key path and what is expected."""
    source = os.path.relpath(path) if path.is_absolute() else str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SeedError(f"{source}: cannot read the seed file ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 1}: " if mark is not None else ""
        raise SeedError(f"{source}: {line}not valid YAML") from None
    seed = parse_seed(data, source)
    for index, user in enumerate(seed.users if password_policy else []):
        problem = password_problem(user.password, password_policy or {})
        if problem:
            raise SeedError(f"{source}: users[{index}].password: {problem}")
    return seed


class _Api:
    def __init__(self, graphql_url: str, context: ssl.SSLContext) -> None:
        self.url = graphql_url
        self.context = context

    def mutate(self, token: str, query: str, variables: dict[str, Any], what: str) -> dict[str, Any]:
        request = urllib.request.Request(  # noqa: S310 - the sandbox's own https URL
            self.url,
            data=json.dumps({"query": query, "variables": variables}).encode(),
            headers={"Content-Type": "application/json", "Authorization": token},
        )
        try:
            with urllib.request.urlopen(request, context=self.context, timeout=60) as response:  # noqa: S310 - the sandbox's own https URL
                body = json.loads(response.read())
        except urllib.error.HTTPError as exc:
            raise SeedError(f"seed: {what}: HTTP {exc.code}") from None
        if body.get("errors"):
            raise SeedError(f"seed: {what}: {body['errors'][0].get('message')}")
        return body["data"]


def apply_seed(seed: Seed, *, base_url: str, ca_cert: Path, client_id: str, user_pool_id: str, region: str) -> None:
    """Blocking (the sandbox's own HTTPS endpoints answer it): run it off the sandbox's event loop."""
    import boto3

    idp = boto3.session.Session(region_name=region).client(
        "cognito-idp", endpoint_url=f"{base_url}/cognito", verify=str(ca_cert)
    )
    api = _Api(f"{base_url}/graphql", ssl.create_default_context(cafile=str(ca_cert)))
    tokens: dict[str, str] = {}
    for user in seed.users:
        try:
            idp.sign_up(
                ClientId=client_id,
                Username=user.email,
                Password=user.password,
                UserAttributes=[{"Name": "email", "Value": user.email}],
            )
            idp.confirm_sign_up(ClientId=client_id, Username=user.email, ConfirmationCode=ANY_CODE)
            for group in user.groups:
                idp.admin_add_user_to_group(UserPoolId=user_pool_id, Username=user.email, GroupName=group)
            signed_in = idp.initiate_auth(
                ClientId=client_id,
                AuthFlow="USER_PASSWORD_AUTH",
                AuthParameters={"USERNAME": user.email, "PASSWORD": user.password},
            )
        except idp.exceptions.ClientError as exc:
            raise SeedError(f"seed: user {user.email}: {exc.response['Error'].get('Message', exc)}") from None
        tokens[user.email] = signed_in["AuthenticationResult"]["AccessToken"]
    post_ids: dict[str, str] = {}
    for post in seed.posts:
        created = api.mutate(
            tokens[post.author],
            "mutation Seed($input: CreatePostInput!) { createPost(input: $input) { id } }",
            {"input": {"title": post.title, "content": post.content}},
            f"post {post.ref}",
        )
        post_ids[post.ref] = created["createPost"]["id"]
    for comment in seed.comments:
        api.mutate(
            tokens[comment.author],
            "mutation Seed($input: CreateCommentInput!) { createComment(input: $input) { id } }",
            {"input": {"postId": post_ids[comment.post], "content": comment.content}},
            f"comment by {comment.author} on {comment.post}",
        )
    for like in seed.likes:
        api.mutate(
            tokens[like.user],
            "mutation Seed($id: ID!) { likePost(id: $id) { id } }",
            {"id": post_ids[like.post]},
            f"like by {like.user} on {like.post}",
        )
