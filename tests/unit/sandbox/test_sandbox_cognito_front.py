"""The Cognito front: what moto lacks (refresh via GetTokensFromRefreshToken, RevokeToken, triggers)."""

from __future__ import annotations

import boto3
import pytest
import requests

from .sandbox_testkit import PASSWORD


@pytest.fixture(scope="module")
def front(running_sandbox):
    return boto3.client(
        "cognito-idp",
        endpoint_url=running_sandbox.sandbox.base_url + "/cognito",
        region_name="us-east-1",
        verify=running_sandbox.ca,
    )


def test_refresh_then_revoke(running_sandbox, front):
    tokens = running_sandbox.sign_in("refresh@example.com")
    client_id = running_sandbox.sandbox.provisioned.client_ids[0]
    refreshed = front.get_tokens_from_refresh_token(RefreshToken=tokens["RefreshToken"], ClientId=client_id)
    access = refreshed["AuthenticationResult"]["AccessToken"]

    me = requests.post(
        running_sandbox.url,
        json={"query": "{ me { id } }"},
        headers={"Authorization": access},
        verify=running_sandbox.ca,
        timeout=30,
    )
    assert me.status_code == 200 and "errors" not in me.json()

    front.revoke_token(Token=tokens["RefreshToken"], ClientId=client_id)
    with pytest.raises(front.exceptions.NotAuthorizedException):
        front.get_tokens_from_refresh_token(RefreshToken=tokens["RefreshToken"], ClientId=client_id)
    with pytest.raises(front.exceptions.NotAuthorizedException):
        front.initiate_auth(
            ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]}
        )


def test_confirm_sign_up_runs_post_confirmation_trigger(running_sandbox, front):
    client_id = running_sandbox.sandbox.provisioned.client_ids[0]
    email = "newcomer@example.com"
    sub = front.sign_up(
        ClientId=client_id, Username=email, Password=PASSWORD, UserAttributes=[{"Name": "email", "Value": email}]
    )["UserSub"]
    assert not [e for e in running_sandbox.runtime.trigger_events if e["request"]["userAttributes"].get("sub") == sub]
    front.admin_confirm_sign_up(UserPoolId=running_sandbox.sandbox.provisioned.user_pool_id, Username=email)
    (event,) = [e for e in running_sandbox.runtime.trigger_events if e["request"]["userAttributes"].get("sub") == sub]
    assert event["triggerSource"] == "PostConfirmation_ConfirmSignUp"
    assert event["userPoolId"] == running_sandbox.sandbox.provisioned.user_pool_id
    assert event["request"]["userAttributes"]["email"] == email
    # and the user can sign in through the front (forwarded to moto unchanged)
    result = front.initiate_auth(
        ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": email, "PASSWORD": PASSWORD}
    )
    assert result["AuthenticationResult"]["AccessToken"]
