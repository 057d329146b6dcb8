"""A thin front for moto's cognito-idp JSON API that adds what moto 5.2.1 lacks.

- GetTokensFromRefreshToken: answered by moto's InitiateAuth REFRESH_TOKEN_AUTH (which moto has).
- RevokeToken: marks the refresh token revoked in moto's (in-process) user pool, so later refreshes fail.
- ConfirmSignUp / AdminConfirmSignUp: after moto confirms, runs the post-confirmation trigger in-process.
Everything else is forwarded unchanged. Served under /cognito on the sandbox's TLS port: Amplify v6
`userPoolEndpoint` posts to that exact URL and boto3 posts to `<endpoint_url>/`.

`/cognito-identity` forwards Cognito Identity (Amplify `identityPoolEndpoint`, boto3 `cognito-identity`) to moto as
sent, so apps on a device reach it on the one TLS port; moto answers GetId and GetCredentialsForIdentity as
aws_standins/identity_pool.py makes it (guests, roles).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from aiohttp import web

log = logging.getLogger("sandbox.cognito")

TARGET_PREFIX = "AWSCognitoIdentityProviderService."
_FORWARDED_HEADERS = (
    "content-type",
    "x-amz-target",
    "authorization",
    "x-amz-date",
    "x-amz-security-token",
    "x-amz-user-agent",
    "user-agent",
)
AMZ_JSON = "application/x-amz-json-1.1"

InvokeTrigger = Callable[[dict[str, Any]], Awaitable[Any]]


def _moto_backend(region: str) -> Any:
    from moto.cognitoidp.models import cognitoidp_backends

    from ..constants import ACCOUNT_ID

    return cognitoidp_backends[ACCOUNT_ID][region]


def _error(error_type: str, message: str, status: int = 400) -> web.Response:
    return web.Response(
        status=status, text=json.dumps({"__type": error_type, "message": message}), content_type=AMZ_JSON
    )


class CognitoFront:
    def __init__(
        self,
        moto_url: str,
        region: str,
        invoke_trigger: InvokeTrigger | None,
        post_confirmation_pools: set[str] | None = None,
    ) -> None:
        self.moto_url = moto_url.rstrip("/") + "/"
        self.region = region
        self.invoke_trigger = invoke_trigger
        # None = every pool has the trigger (no template to say otherwise)
        self.post_confirmation_pools = post_confirmation_pools
        self._session: aiohttp.ClientSession | None = None

    async def close(self) -> None:
        if self._session:
            await self._session.close()

    async def _forward(self, headers: dict[str, str], body: bytes) -> tuple[int, bytes, str]:
        if self._session is None:
            self._session = aiohttp.ClientSession()
        async with self._session.post(self.moto_url, data=body, headers=headers) as response:
            return response.status, await response.read(), response.headers.get("Content-Type", AMZ_JSON)

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        headers = {k: v for k, v in request.headers.items() if k.lower() in _FORWARDED_HEADERS}
        target = request.headers.get("X-Amz-Target", "")
        operation = target.removeprefix(TARGET_PREFIX)
        try:
            payload = json.loads(body or b"{}")
        except ValueError:
            return _error("SerializationException", "Request body is not JSON")
        if operation == "GetTokensFromRefreshToken":
            return await self._get_tokens_from_refresh_token(headers, payload)
        if operation == "RevokeToken":
            return self._revoke_token(payload)
        status, response_body, content_type = await self._forward(headers, body)
        if status == 200 and operation in ("ConfirmSignUp", "AdminConfirmSignUp"):
            failure = await self._post_confirmation(operation, payload)
            if failure is not None:
                return failure
        return web.Response(status=status, body=response_body, headers={"Content-Type": content_type})

    async def _get_tokens_from_refresh_token(self, headers: dict[str, str], payload: dict[str, Any]) -> web.Response:
        parameters = {"REFRESH_TOKEN": payload.get("RefreshToken", "")}
        if payload.get("ClientSecret"):
            parameters["SECRET_HASH"] = payload["ClientSecret"]
        initiate = {"AuthFlow": "REFRESH_TOKEN_AUTH", "ClientId": payload.get("ClientId"), "AuthParameters": parameters}
        headers = {**headers, "X-Amz-Target": TARGET_PREFIX + "InitiateAuth", "Content-Type": AMZ_JSON}
        status, body, content_type = await self._forward(headers, json.dumps(initiate).encode())
        if status != 200:
            return web.Response(status=status, body=body, headers={"Content-Type": content_type})
        result = json.loads(body).get("AuthenticationResult", {})
        return web.Response(text=json.dumps({"AuthenticationResult": result}), content_type=AMZ_JSON)

    def _revoke_token(self, payload: dict[str, Any]) -> web.Response:
        token, client_id = payload.get("Token"), payload.get("ClientId")
        if not token or not client_id:
            return _error("InvalidParameterException", "Token and ClientId are required")
        for pool in _moto_backend(self.region).user_pools.values():
            owner = pool.refresh_tokens.get(token)
            if owner is not None:
                if owner[0] != client_id:
                    return _error("UnauthorizedException", "Token was not issued to this client")
                pool.refresh_tokens[token] = None  # moto then answers "Refresh Token has been revoked"
        return web.Response(text="{}", content_type=AMZ_JSON)

    def _find_pool(self, payload: dict[str, Any]) -> Any:
        backend = _moto_backend(self.region)
        if payload.get("UserPoolId"):
            return backend.user_pools.get(payload["UserPoolId"])
        return next((p for p in backend.user_pools.values() if payload.get("ClientId") in p.clients), None)

    async def _post_confirmation(self, operation: str, payload: dict[str, Any]) -> web.Response | None:
        pool = self._find_pool(payload)
        if pool is None or self.invoke_trigger is None:
            return None
        if self.post_confirmation_pools is not None and pool.id not in self.post_confirmation_pools:
            return None
        user = pool._get_user(payload.get("Username"))
        attributes = {a["Name"]: a["Value"] for a in user.attributes}
        attributes["cognito:user_status"] = "CONFIRMED"
        event = {
            "version": "1",
            "region": self.region,
            "userPoolId": pool.id,
            "userName": user.username,
            "callerContext": {
                "awsSdkVersion": "aws-sdk-unknown-unknown",
                "clientId": payload.get("ClientId", "CLIENT_ID_NOT_APPLICABLE"),
            },
            "triggerSource": "PostConfirmation_ConfirmSignUp",
            "request": {"userAttributes": attributes},
            "response": {},
        }
        try:
            await self.invoke_trigger(event)
        except Exception as exc:  # Cognito reports a failing trigger to the caller
            log.exception("post-confirmation trigger failed")
            return _error("UnexpectedLambdaException", f"PostConfirmation failed with error {exc}.")
        return None

    async def handle_identity(self, request: web.Request) -> web.Response:
        body = await request.read()
        headers = {k: v for k, v in request.headers.items() if k.lower() in _FORWARDED_HEADERS}
        status, response_body, content_type = await self._forward(headers, body)
        return web.Response(status=status, body=response_body, headers={"Content-Type": content_type})

    def routes(self) -> list[web.RouteDef]:
        return [
            web.post("/cognito", self.handle),
            web.post("/cognito/", self.handle),
            web.post("/cognito-identity", self.handle_identity),
            web.post("/cognito-identity/", self.handle_identity),
        ]
