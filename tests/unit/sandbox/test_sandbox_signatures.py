"""SigV4 verified on the TLS port: GraphQL, realtime and S3 (presigned GET, presigned POST and its policy), with the
credentials moto and the sandbox issued; forged, tampered and expired requests refused with AWS's errors."""

from __future__ import annotations

import datetime
import json
import ssl
import uuid

import boto3
import pytest
import requests
from botocore.config import Config
from botocore.credentials import Credentials
from websockets.sync.client import connect

from sandbox.auth import issued_keys

from .sandbox_testkit import realtime_subprotocols
from .sigv4_signing import SANDBOX_KEYS, at, b64, realtime_header, signed_headers

WRONG_SECRET = Credentials("testing", "not-the-secret")
UNKNOWN_KEY = Credentials("AKIAUNKNOWNKEY000000", "whatever")
LONG_AGO = datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=20)
QUERY = json.dumps({"query": "{ health { status } }", "variables": {}})


def graphql(running_sandbox, body: str, headers: dict[str, str]) -> requests.Response:
    return requests.post(running_sandbox.url, data=body, headers=headers, verify=running_sandbox.ca, timeout=30)


# --- GraphQL over HTTP -----------------------------------------------------------------------------------------


def test_a_correctly_signed_request_is_accepted(running_sandbox):
    answer = graphql(running_sandbox, QUERY, signed_headers(running_sandbox.url, QUERY))
    assert answer.status_code == 200
    assert answer.json()["data"]["health"]["status"] == "ok"


def test_a_wrong_secret_is_refused_as_appsync_does(running_sandbox):
    answer = graphql(running_sandbox, QUERY, signed_headers(running_sandbox.url, QUERY, WRONG_SECRET))
    assert answer.status_code == 403
    (error,) = answer.json()["errors"]
    assert error["errorType"] == "InvalidSignatureException"
    assert error["message"].startswith("The request signature we calculated does not match the signature you provided")


def test_an_unknown_access_key_is_refused(running_sandbox):
    answer = graphql(running_sandbox, QUERY, signed_headers(running_sandbox.url, QUERY, UNKNOWN_KEY))
    assert answer.status_code == 401
    assert answer.json()["errors"][0] == {
        "errorType": "UnauthorizedException",
        "message": "The security token included in the request is invalid.",
    }


@pytest.mark.parametrize("tamper", ["body", "header"])
def test_a_request_changed_after_signing_is_refused(running_sandbox, tamper):
    headers = signed_headers(running_sandbox.url, QUERY)
    body = QUERY
    if tamper == "body":
        body = json.dumps({"query": "{ health { status version } }", "variables": {}})
    else:
        headers["content-type"] = "application/json; charset=utf-8"  # a signed header
    answer = graphql(running_sandbox, body, headers)
    assert answer.status_code == 403
    assert answer.json()["errors"][0]["errorType"] == "InvalidSignatureException"


def test_a_request_signed_more_than_15_minutes_ago_is_refused(running_sandbox):
    answer = graphql(running_sandbox, QUERY, signed_headers(running_sandbox.url, QUERY, when=LONG_AGO))
    assert answer.status_code == 403
    assert answer.json()["errors"][0]["message"].startswith("Signature expired: ")


def test_a_forged_signature_resolves_nothing(running_sandbox):
    running_sandbox.runtime.reset()
    body = json.dumps({"query": "{ me { id } }", "variables": {}})
    graphql(running_sandbox, body, signed_headers(running_sandbox.url, body, WRONG_SECRET))
    assert running_sandbox.runtime.calls_for("Query", "me") == []


# --- identity-pool credentials ---------------------------------------------------------------------------------


def test_identity_pool_credentials_are_unique_and_known_to_the_sandbox(running_sandbox):
    client = running_sandbox.client("cognito-identity")
    pool_id = running_sandbox.sandbox.provisioned.outputs["IdentityPoolId"]
    issued = []
    for _ in range(2):
        identity = client.get_id(IdentityPoolId=pool_id)["IdentityId"]
        issued.append(client.get_credentials_for_identity(IdentityId=identity)["Credentials"])
    assert issued[0]["AccessKeyId"] != issued[1]["AccessKeyId"]
    assert issued[0]["SecretKey"] != issued[1]["SecretKey"]
    for credentials in issued:
        known = issued_keys.lookup(credentials["AccessKeyId"])
        assert known is not None
        assert known.secret == credentials["SecretKey"]
        assert known.tokens == {credentials["SessionToken"]}
        assert known.role_arn and ":role/" in known.role_arn


def test_a_pool_session_token_with_another_key_is_refused(running_sandbox):
    client = running_sandbox.client("cognito-identity")
    pool_id = running_sandbox.sandbox.provisioned.outputs["IdentityPoolId"]
    identity = client.get_id(IdentityPoolId=pool_id)["IdentityId"]
    issued = client.get_credentials_for_identity(IdentityId=identity)["Credentials"]
    mixed = Credentials("testing", "testing", issued["SessionToken"])  # someone else's token, our keys
    answer = graphql(running_sandbox, QUERY, signed_headers(running_sandbox.url, QUERY, mixed))
    assert answer.status_code == 401


# --- realtime --------------------------------------------------------------------------------------------------


def open_iam_socket(running_sandbox, header: dict[str, str]):
    context = ssl.create_default_context(cafile=running_sandbox.ca)
    url = running_sandbox.url.replace("https://", "wss://") + "/realtime"
    return connect(
        url, ssl=context, subprotocols=realtime_subprotocols("graphql-ws", f"header-{b64(header)}"), open_timeout=30
    )


def first(ws, wanted: str) -> dict:
    while True:
        message = json.loads(ws.recv(timeout=10))
        if message["type"] != "ka":
            assert message["type"] == wanted, message
            return message


POSTS = json.dumps({"query": "subscription { onCreatePost { id } }", "variables": {}})
COMMENTS = json.dumps({"query": "subscription { onCreateComment { id } }", "variables": {}})


def signed_start_error(running_sandbox, *, signed: str, sent: str) -> str:
    """On a connection whose signed handshake the sandbox acknowledged, starts the subscription `sent` with an
    authorization signed over `signed`; returns the errorType the sandbox answers that start with."""
    with open_iam_socket(running_sandbox, realtime_header(running_sandbox.url, "/connect", "{}")) as ws:
        ws.send(json.dumps({"type": "connection_init"}))
        first(ws, "connection_ack")
        authorization = realtime_header(running_sandbox.url, "", signed)
        payload = {"data": sent, "extensions": {"authorization": authorization}}
        ws.send(json.dumps({"id": "a", "type": "start", "payload": payload}))
        error = first(ws, "error")
        assert error["id"] == "a"
        return error["payload"]["errors"][0]["errorType"]


def test_a_signed_realtime_handshake_and_start_are_accepted(running_sandbox):
    # the signature verified: what remains is the schema's auth rule for IAM callers on this field
    assert signed_start_error(running_sandbox, signed=POSTS, sent=POSTS) == "Unauthorized"


@pytest.mark.parametrize(
    "header",
    [
        lambda url: realtime_header(url, "/connect", "{}", WRONG_SECRET),
        lambda url: realtime_header(url, "/connect", "{}", UNKNOWN_KEY),
        lambda url: realtime_header(url, "/connect", '{"tampered": true}'),
        lambda url: realtime_header(url, "/connect", "{}", when=LONG_AGO),
    ],
    ids=["wrong-secret", "unknown-key", "tampered", "expired"],
)
def test_a_forged_tampered_or_expired_handshake_is_refused(running_sandbox, header):
    with open_iam_socket(running_sandbox, header(running_sandbox.url)) as ws:
        ws.send(json.dumps({"type": "connection_init"}))
        refused = first(ws, "connection_error")
        assert refused["payload"]["errors"][0]["errorType"] == "UnauthorizedException"


def test_a_start_whose_data_changed_after_signing_is_refused(running_sandbox):
    assert signed_start_error(running_sandbox, signed=POSTS, sent=COMMENTS) == "InvalidSignatureException"


# --- S3 through the TLS port -----------------------------------------------------------------------------------


@pytest.fixture
def bucket(running_sandbox) -> str:
    return sorted(running_sandbox.sandbox.s3_proxy.buckets)[0]


def tls_s3(running_sandbox, credentials: Credentials = SANDBOX_KEYS):
    return boto3.client(
        "s3",
        endpoint_url=running_sandbox.sandbox.base_url,
        region_name="us-east-1",
        aws_access_key_id=credentials.access_key,
        aws_secret_access_key=credentials.secret_key,
        aws_session_token=credentials.token,
        verify=running_sandbox.ca,
        config=Config(signature_version="s3v4"),  # as the runtime's client (SigV2 presigning is not verified)
    )


def s3_error(answer: requests.Response) -> tuple[str, str]:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(answer.content)
    return root.findtext("Code") or "", root.findtext("Message") or ""


def stored(running_sandbox, bucket: str, key: str) -> bool:
    listed = running_sandbox.client("s3").list_objects_v2(Bucket=bucket, Prefix=key)
    return any(item["Key"] == key for item in listed.get("Contents", []))


def test_presigned_get_is_verified(running_sandbox, bucket):
    key = f"signed/{uuid.uuid4()}.txt"
    running_sandbox.client("s3").put_object(Bucket=bucket, Key=key, Body=b"hello")

    def get(url: str) -> requests.Response:
        return requests.get(url, verify=running_sandbox.ca, timeout=30)

    params = {"Bucket": bucket, "Key": key}
    good = tls_s3(running_sandbox).generate_presigned_url("get_object", Params=params)
    assert get(good).content == b"hello"

    forged = tls_s3(running_sandbox, WRONG_SECRET).generate_presigned_url("get_object", Params=params)
    assert get(forged).status_code == 403 and s3_error(get(forged))[0] == "SignatureDoesNotMatch"
    unknown = tls_s3(running_sandbox, UNKNOWN_KEY).generate_presigned_url("get_object", Params=params)
    assert s3_error(get(unknown))[0] == "InvalidAccessKeyId"
    tampered = good.replace(key, key.replace(".txt", ".png"))
    assert s3_error(get(tampered))[0] == "SignatureDoesNotMatch"
    with at(LONG_AGO):
        expired = tls_s3(running_sandbox).generate_presigned_url("get_object", Params=params, ExpiresIn=60)
    answer = get(expired)
    assert answer.status_code == 403
    assert s3_error(answer) == ("AccessDenied", "Request has expired")


def upload(running_sandbox, post: dict, key: str, body: bytes, content_type: str) -> requests.Response:
    fields = dict(post["fields"])
    fields["key"] = key
    fields.setdefault("Content-Type", content_type)
    return requests.post(
        post["url"], data=fields, files={"file": ("x.png", body, content_type)}, verify=running_sandbox.ca, timeout=30
    )


def presigned_post(running_sandbox, bucket: str, credentials: Credentials = SANDBOX_KEYS, expires: int = 300) -> dict:
    return tls_s3(running_sandbox, credentials).generate_presigned_post(
        Bucket=bucket,
        Key="uploads/${filename}",
        Fields={"Content-Type": "image/png"},
        Conditions=[
            ["starts-with", "$key", "uploads/"],
            {"Content-Type": "image/png"},
            ["content-length-range", 1, 100],
        ],
        ExpiresIn=expires,
    )


def test_presigned_post_within_its_policy_is_stored(running_sandbox, bucket):
    key = f"uploads/{uuid.uuid4()}.png"
    answer = upload(running_sandbox, presigned_post(running_sandbox, bucket), key, b"png", "image/png")
    assert answer.status_code in (200, 201, 204), answer.text
    assert stored(running_sandbox, bucket, key)


@pytest.mark.parametrize(
    ("case", "status", "code", "message"),
    [
        (
            "key-prefix",
            403,
            "AccessDenied",
            'Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "uploads/"]',
        ),
        (
            "content-type",
            403,
            "AccessDenied",
            'Invalid according to Policy: Policy Condition failed: {"Content-Type": "image/png"}',
        ),
        ("too-large", 400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size"),
        ("expired", 403, "AccessDenied", "Invalid according to Policy: Policy expired."),
        ("forged", 403, "SignatureDoesNotMatch", None),
        ("tampered-policy", 403, "SignatureDoesNotMatch", None),
    ],
)
def test_presigned_post_outside_its_policy_is_refused_and_nothing_stored(
    running_sandbox, bucket, case, status, code, message
):
    key, body, content_type = f"uploads/{uuid.uuid4()}.png", b"png", "image/png"
    post = presigned_post(running_sandbox, bucket)
    if case == "key-prefix":
        key = f"elsewhere/{uuid.uuid4()}.png"
    elif case == "content-type":
        post["fields"]["Content-Type"] = "text/html"
        content_type = "text/html"
    elif case == "too-large":
        body = b"x" * 101
    elif case == "expired":
        with at(LONG_AGO):
            post = presigned_post(running_sandbox, bucket, expires=60)
    elif case == "forged":
        post = presigned_post(running_sandbox, bucket, WRONG_SECRET)
    elif case == "tampered-policy":
        policy = json.loads(__import__("base64").b64decode(post["fields"]["policy"]))
        policy["conditions"] = [
            c for c in policy["conditions"] if not (isinstance(c, list) and c[0] == "content-length-range")
        ]
        post["fields"]["policy"] = __import__("base64").b64encode(json.dumps(policy).encode()).decode()
        body = b"x" * 500
    answer = upload(running_sandbox, post, key, body, content_type)
    assert answer.status_code == status, answer.text
    got_code, got_message = s3_error(answer)
    assert got_code == code
    if message is not None:
        assert got_message == message
    assert not stored(running_sandbox, bucket, key)
