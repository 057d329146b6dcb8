"""Guests (apps before sign-in): identity-pool credentials as Cognito issues them, and AppSync's IAM authorization
of them by their role's policy, which the sandbox reads from the template (not from a list of its own)."""

from __future__ import annotations

import json
import time

import boto3
import pytest
import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

from sandbox.auth.authz import IAM
from sandbox.aws_standins import identity_pool, identity_sessions
from sandbox.aws_standins.identity_pool_access import IdentityPoolAccess, InvalidSession
from sandbox.aws_standins.identity_sessions import PoolSetup, Session
from sandbox.aws_standins.role_policy import RolePolicy

APP_CONFIG = (
    'query { appConfig(platform: IOS, version: "1.2.3") { supported minimumVersion switches { name enabled } } }'
)


def identity_client(running_sandbox, via_front: bool = True):
    """cognito-identity as an app reaches it: the TLS port's front (custom.sandbox.cognito_identity_endpoint), or
    moto's own port; unsigned, as GetId and GetCredentialsForIdentity are public calls."""
    from botocore import UNSIGNED
    from botocore.config import Config

    endpoint = running_sandbox.sandbox.outputs["custom"]["sandbox"]["cognito_identity_endpoint"]
    return boto3.client(
        "cognito-identity",
        endpoint_url=endpoint if via_front else running_sandbox.moto_url,
        region_name="us-east-1",
        verify=running_sandbox.ca,
        config=Config(signature_version=UNSIGNED),
    )


def pool_id(running_sandbox) -> str:
    return running_sandbox.sandbox.provisioned.outputs["IdentityPoolId"]


def credentials_for(running_sandbox, logins: dict | None = None, via_front: bool = True) -> dict:
    client = identity_client(running_sandbox, via_front)
    identity = client.get_id(IdentityPoolId=pool_id(running_sandbox), **({"Logins": logins} if logins else {}))
    issued = client.get_credentials_for_identity(
        IdentityId=identity["IdentityId"], **({"Logins": logins} if logins else {})
    )
    return issued


def signed_post(running_sandbox, query: str, credentials: dict) -> requests.Response:
    body = json.dumps({"query": query})
    request = AWSRequest(
        method="POST", url=running_sandbox.url, data=body, headers={"content-type": "application/json"}
    )
    creds = Credentials(credentials["AccessKeyId"], credentials["SecretKey"], credentials["SessionToken"])
    SigV4Auth(creds, "appsync", "us-east-1").add_auth(request)
    return requests.post(
        running_sandbox.url, data=body, headers=dict(request.headers), verify=running_sandbox.ca, timeout=30
    )


@pytest.fixture(scope="module")
def guest(running_sandbox) -> dict:
    return credentials_for(running_sandbox)


def test_outputs_name_the_identity_endpoint_and_pool_allows_guests(running_sandbox) -> None:
    extras = running_sandbox.sandbox.outputs["custom"]["sandbox"]
    assert extras["cognito_identity_endpoint"] == f"{running_sandbox.sandbox.base_url}/cognito-identity"
    described = running_sandbox.client("cognito-identity").describe_identity_pool(
        IdentityPoolId=pool_id(running_sandbox)
    )
    assert described["AllowUnauthenticatedIdentities"] is True


def test_the_pools_roles_and_their_statements_come_from_the_template(running_sandbox) -> None:
    provisioned = running_sandbox.sandbox.provisioned
    pool = provisioned.identity_pools[pool_id(running_sandbox)]
    assert pool["allow_unauthenticated"] is True
    assert pool["providers"] == {
        f"cognito-idp.us-east-1.amazonaws.com/{provisioned.user_pool_id}": [provisioned.client_ids[0]]
    }
    guest_role = pool["roles"]["unauthenticated"]
    assert guest_role.startswith("arn:aws:iam::") and guest_role != pool["roles"]["authenticated"]
    [statement] = provisioned.role_policies[guest_role]
    assert statement["Action"] == "appsync:GraphQL"
    assert f"{provisioned.graphql_api_arn}/types/Query/fields/appConfig" in statement["Resource"]
    assert all(resource.startswith(provisioned.graphql_api_arn + "/types/") for resource in statement["Resource"])


def test_a_guest_gets_short_lived_credentials_of_its_own(running_sandbox, guest) -> None:
    other = credentials_for(running_sandbox, via_front=False)  # moto's own port answers the same way
    assert guest["IdentityId"] != other["IdentityId"]
    assert guest["IdentityId"].startswith("us-east-1:")
    for issued in (guest, other):
        creds = issued["Credentials"]
        assert creds["AccessKeyId"].startswith("ASIA") and creds["AccessKeyId"] != "TESTACCESSKEY12345"
        assert 3000 < creds["Expiration"].timestamp() - time.time() <= 3600


def test_a_guest_may_call_app_config(running_sandbox, guest) -> None:
    running_sandbox.runtime.reset()
    body = signed_post(running_sandbox, APP_CONFIG, guest["Credentials"]).json()
    assert "errors" not in body, body
    assert body["data"]["appConfig"]["switches"] == [{"name": "new_feed", "enabled": False}]
    (event,) = running_sandbox.runtime.calls_for("Query", "appConfig")
    identity = event["identity"]
    assert identity["cognitoIdentityAuthType"] == "unauthenticated"
    assert identity["cognitoIdentityId"] == guest["IdentityId"]
    assert identity["cognitoIdentityPoolId"] == pool_id(running_sandbox)
    assert identity["userArn"].endswith("/CognitoIdentityCredentials") and ":assumed-role/" in identity["userArn"]
    assert "sub" not in identity  # not a signed-in user


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("{ health { status } }", "health"),  # @aws_iam, but not in the guest role's grant
        ("{ listPosts { nextToken } }", "listPosts"),  # not @aws_iam at all
        ("{ me { id } }", "me"),
    ],
)
def test_a_guest_is_refused_every_other_field(running_sandbox, guest, query: str, field: str) -> None:
    running_sandbox.runtime.reset()
    response = signed_post(running_sandbox, query, guest["Credentials"])
    body = response.json()
    assert response.status_code == 200
    assert body["data"] is None  # each is non-null: the denial nulls the whole data
    assert body["errors"][0]["errorType"] == "Unauthorized"
    assert body["errors"][0]["message"] == f"Not Authorized to access {field} on type Query"
    assert running_sandbox.runtime.graphql_events == []  # refused before any resolver ran


def test_other_iam_callers_keep_reaching_iam_fields(running_sandbox) -> None:
    """A SigV4 caller that is no identity-pool session (e.g. the post-deploy test role) still reaches health."""
    body = signed_post(
        running_sandbox,
        "{ health { status } }",
        {"AccessKeyId": "testing", "SecretKey": "testing", "SessionToken": None},
    ).json()
    assert body["data"]["health"]["status"] == "ok"


def test_a_signed_in_identitys_role_decides_too(running_sandbox) -> None:
    """The authenticated role grants no appsync:GraphQL at all, so its credentials reach no field (as on AWS)."""
    tokens = running_sandbox.sign_in("identity-user@example.com")
    provider = f"cognito-idp.us-east-1.amazonaws.com/{running_sandbox.sandbox.provisioned.user_pool_id}"
    issued = credentials_for(running_sandbox, logins={provider: tokens["IdToken"]})
    again = identity_client(running_sandbox).get_id(
        IdentityPoolId=pool_id(running_sandbox), Logins={provider: tokens["IdToken"]}
    )
    assert again["IdentityId"] == issued["IdentityId"]  # the same login, the same identity
    body = signed_post(running_sandbox, APP_CONFIG, issued["Credentials"]).json()
    assert body["data"] is None and body["errors"][0]["errorType"] == "Unauthorized"
    with pytest.raises(ClientError, match="Logins don't match"):
        identity_client(running_sandbox).get_credentials_for_identity(IdentityId=issued["IdentityId"])


def test_logins_must_be_id_tokens_of_the_pools_provider(running_sandbox) -> None:
    tokens = running_sandbox.sign_in("identity-user@example.com")
    provider = f"cognito-idp.us-east-1.amazonaws.com/{running_sandbox.sandbox.provisioned.user_pool_id}"
    client = identity_client(running_sandbox)
    for logins in (
        {provider: tokens["AccessToken"]},  # an access token is no identity token
        {provider: "not-a-jwt"},
        {"cognito-idp.us-east-1.amazonaws.com/us-east-1_Other": tokens["IdToken"]},
    ):
        with pytest.raises(ClientError, match="NotAuthorizedException"):
            client.get_id(IdentityPoolId=pool_id(running_sandbox), Logins=logins)


def test_a_session_token_that_names_no_pool_role_is_refused(running_sandbox, guest) -> None:
    forged = dict(guest["Credentials"])
    forged["SessionToken"] = identity_sessions.encode_session(
        Session("us-east-1:00000000-0000-4000-8000-000000000000", guest["IdentityId"], "unauthenticated")
    )
    assert signed_post(running_sandbox, APP_CONFIG, forged).status_code == 401


# --- the pieces alone -----------------------------------------------------------------------------------------------

API = "arn:aws:appsync:us-east-1:123456789012:apis/sandbox"
GUEST_ROLE = "arn:aws:iam::123456789012:role/sandbox-Guest"


def access(statements: list[dict], *, guests: bool = True) -> IdentityPoolAccess:
    pools = {"us-east-1:p": PoolSetup(allow_unauthenticated=guests, roles={"unauthenticated": GUEST_ROLE})}
    return IdentityPoolAccess(pools, {GUEST_ROLE: statements}, API)


def guest_caller(pools: IdentityPoolAccess):
    caller = pools.caller(identity_sessions.encode_session(Session("us-east-1:p", "us-east-1:i", "unauthenticated")))
    assert caller is not None and caller.mode == IAM and caller.grants is not None
    return caller


def test_the_template_policy_not_a_list_decides_what_a_guest_may_resolve() -> None:
    caller = guest_caller(
        access([{"Effect": "Allow", "Action": "appsync:GraphQL", "Resource": f"{API}/types/Query/fields/health"}])
    )
    assert caller.grants("Query", "health") and not caller.grants("Query", "appConfig")
    everything = guest_caller(access([{"Effect": "Allow", "Action": "appsync:*", "Resource": f"{API}/types/Query/*"}]))
    assert everything.grants("Query", "appConfig") and not everything.grants("AppConfig", "supported")
    assert not guest_caller(access([])).grants("Query", "appConfig")


def test_iam_evaluation_deny_wins_conditions_grant_nothing_and_not_action() -> None:
    field = f"{API}/types/Query/fields/appConfig"
    allow = {"Effect": "Allow", "Action": "appsync:GraphQL", "Resource": field}
    assert RolePolicy([allow]).allows("AppSync:graphql", field)  # actions are case-insensitive
    assert not RolePolicy([allow, {"Effect": "Deny", "Action": "*", "Resource": "*"}]).allows("appsync:GraphQL", field)
    assert not RolePolicy([{**allow, "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]).allows(
        "appsync:GraphQL", field
    )
    assert RolePolicy([{"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}]).allows("appsync:GraphQL", field)
    assert not RolePolicy([{"Effect": "Allow", "Action": "appsync:GraphQL", "NotResource": field}]).allows(
        "appsync:GraphQL", field
    )
    assert not RolePolicy([{**allow, "Resource": f"{API}/types/Query/fields/app?onfig"}]).allows(
        "appsync:GraphQL", f"{API}/types/Query/fields/appConfig/x"
    )


def test_sessions_of_a_pool_without_guests_or_role_are_invalid_and_foreign_tokens_are_not_ours() -> None:
    with pytest.raises(InvalidSession):
        guest_caller(access([], guests=False))
    assert access([]).caller("FQoGZXIvYXdzEXAMPLE") is None  # e.g. an assumed role's token
    assert access([]).caller(identity_sessions.SESSION_PREFIX + "!!!") is None


def test_a_pool_without_guests_refuses_them(running_sandbox) -> None:
    created = running_sandbox.client("cognito-identity").create_identity_pool(
        IdentityPoolName="no_guests", AllowUnauthenticatedIdentities=False
    )["IdentityPoolId"]
    identity_pool._pools[created] = PoolSetup(allow_unauthenticated=False, roles={"unauthenticated": GUEST_ROLE})
    try:
        with pytest.raises(ClientError, match="Unauthenticated access is not supported for this identity pool"):
            identity_client(running_sandbox).get_id(IdentityPoolId=created)
    finally:
        del identity_pool._pools[created]
        running_sandbox.client("cognito-identity").delete_identity_pool(IdentityPoolId=created)
