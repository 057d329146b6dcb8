"""A new user in a running sandbox and its access token, signed in through the sandbox's Cognito endpoint, as an app
would: what each bench that calls the GraphQL API needs first. The user is made the way the canary's user is
(backend/runtime/canary/user_account.py): created without an invitation, its password set as permanent."""

from __future__ import annotations

import uuid
from typing import Any

import boto3

from backend.runtime.canary.user_account import ensure_canary_user

PASSWORD = "Bench-Password-1!"  # noqa: S105 - the throwaway sandbox user a bench makes


def new_user_token(outputs: dict[str, Any]) -> str:
    """`outputs`: the sandbox's amplify_outputs.json."""
    auth, custom = outputs["auth"], outputs["custom"]["sandbox"]
    idp = boto3.client(
        "cognito-idp",
        endpoint_url=custom["cognito_idp_endpoint"],
        verify=custom["ca_cert"],
        region_name=auth["aws_region"],
        aws_access_key_id=custom["access_key_id"],
        aws_secret_access_key=custom["secret_access_key"],
    )
    email = ensure_canary_user(idp, auth["user_pool_id"], f"bench-{uuid.uuid4().hex[:8]}@example.com", PASSWORD)
    signed_in = idp.initiate_auth(
        ClientId=auth["user_pool_client_id"],
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": email, "PASSWORD": PASSWORD},
    )
    return signed_in["AuthenticationResult"]["AccessToken"]
