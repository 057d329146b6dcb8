"""A small GraphQL-over-HTTP client speaking to AppSync (or the sandbox) the way Amplify does.

Cognito: `Authorization: <raw access token>`. IAM: a SigV4 signature for service `appsync`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest

from .aws import AwsCredentials
from .target import Target

HTTP_TIMEOUT = (5, 30)  # connect, read (seconds)


@dataclass
class Response:
    status: int
    data: dict[str, Any] | None
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def error_types(self) -> list[str | None]:
        return [error.get("errorType") for error in self.errors]

    def ok(self) -> dict[str, Any]:
        """The data of a response that must have succeeded."""
        assert self.status == 200 and not self.errors, f"GraphQL call failed: HTTP {self.status} {self.errors}"
        assert self.data is not None
        return self.data


class GraphQLClient:
    def __init__(self, target: Target, *, token: str | None = None, iam: AwsCredentials | None = None):
        self._target = target
        self._token = token
        self._iam = iam
        self._http = requests.Session()

    def execute(self, query: str, variables: Mapping[str, Any] | None = None) -> Response:
        body = json.dumps({"query": query, "variables": dict(variables or {})})
        headers = {"content-type": "application/json", "x-amz-user-agent": "integration-tests"}
        if self._token is not None:
            headers["Authorization"] = self._token
        if self._iam is not None:
            headers = self._sigv4_headers(body, headers)
        reply = self._http.post(
            self._target.graphql_url, data=body, headers=headers, timeout=HTTP_TIMEOUT, verify=self._target.tls_verify
        )
        payload = reply.json()
        return Response(status=reply.status_code, data=payload.get("data"), errors=payload.get("errors") or [])

    def ok(self, query: str, variables: Mapping[str, Any] | None = None) -> dict[str, Any]:
        return self.execute(query, variables).ok()

    def _sigv4_headers(self, body: str, headers: dict[str, str]) -> dict[str, str]:
        assert self._iam is not None
        request = AWSRequest(method="POST", url=self._target.graphql_url, data=body, headers=headers)
        SigV4Auth(self._iam.botocore(), "appsync", self._target.region).add_auth(request)
        return dict(request.headers.items())
