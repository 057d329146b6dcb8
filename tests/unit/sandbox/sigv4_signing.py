"""Signing helpers for the signature tests: botocore's own signers, as clients sign."""

from __future__ import annotations

import base64
import contextlib
import datetime
import json
from collections.abc import Iterator
from typing import Any
from unittest import mock

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

SANDBOX_KEYS = Credentials("testing", "testing")  # the sandbox's own dummy keys (integration suite, runtime)


@contextlib.contextmanager
def at(when: datetime.datetime | None) -> Iterator[None]:
    """Sign (and date POST policies) as if the clock said `when` (None: now)."""
    if when is None:
        yield
        return
    naive = when.astimezone(datetime.UTC).replace(tzinfo=None)
    with (
        mock.patch("botocore.auth.get_current_datetime", return_value=naive),
        mock.patch("botocore.signers.get_current_datetime", return_value=naive),
    ):
        yield


def signed_headers(
    url: str,
    body: str,
    credentials: Credentials = SANDBOX_KEYS,
    *,
    when: datetime.datetime | None = None,
    extra: dict[str, str] | None = None,
) -> dict[str, str]:
    """Headers of a SigV4-signed POST of `body` to `url` for service appsync (what Amplify and gql.py send)."""
    request = AWSRequest(
        method="POST", url=url, data=body.encode(), headers={"content-type": "application/json", **(extra or {})}
    )
    with at(when):
        SigV4Auth(credentials, "appsync", "us-east-1").add_auth(request)
    headers = dict(request.headers.items())
    headers["host"] = url.split("/")[2]
    return headers


def realtime_header(
    graphql_url: str,
    canonical_uri: str,
    payload: str,
    credentials: Credentials = SANDBOX_KEYS,
    when: datetime.datetime | None = None,
) -> dict[str, str]:
    """The `header`/`authorization` object Amplify sends for IAM: a signed POST of `payload` to the GraphQL endpoint
    plus `canonical_uri` ('/connect' for the handshake, '' for a start), with AppSync's realtime headers."""
    extra = {"accept": "application/json, text/javascript", "content-encoding": "amz-1.0"}
    request = AWSRequest(
        method="POST",
        url=graphql_url + canonical_uri,
        data=payload.encode(),
        headers={"content-type": "application/json; charset=UTF-8", **extra},
    )
    with at(when):
        SigV4Auth(credentials, "appsync", "us-east-1").add_auth(request)
    headers = dict(request.headers.items())
    headers["host"] = graphql_url.split("/")[2]
    return headers


def b64(value: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")
