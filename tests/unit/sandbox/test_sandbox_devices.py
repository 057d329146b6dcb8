"""Devices: the runtime's upload and image URLs are https on the sandbox's TLS port, whose S3 proxy forwards
bucket paths to moto; `--host` puts another address in the certificate and the outputs."""

from __future__ import annotations

import ipaddress
import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

import boto3
import pytest
import requests
from cryptography import x509

from backend.runtime import aws, settings
from backend.runtime.identity import Caller
from backend.runtime.logic import media
from sandbox.ports import lan_warning
from sandbox.process import NotReady, SandboxProcess

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
ALICE = Caller(sub="alice-sub", username="alice", groups=frozenset())


@pytest.fixture
def runtime_media(running_sandbox, monkeypatch):
    """The runtime's own media code, with clients and settings made from the sandbox's environment."""
    for table in ("LIKES_TABLE", "DEVICES_TABLE"):  # the fake template has no such tables; media never reads them
        monkeypatch.setenv(table, "unused-by-media")
    aws.reset()
    settings.reset()
    yield media
    aws.reset()
    settings.reset()


def test_upload_and_image_urls_are_https_on_the_sandbox_port(running_sandbox, runtime_media):
    upload = runtime_media.create_upload_target(ALICE, "image/png", len(PNG))
    image_url = runtime_media.presigned_get(upload["key"])
    for url in (upload["url"], image_url):
        parts = urlsplit(url)
        assert (parts.scheme, parts.hostname, parts.port) == ("https", "127.0.0.1", running_sandbox.sandbox.port)


def test_a_presigned_post_through_the_proxy_stores_the_object_and_the_image_url_returns_it(
    running_sandbox, runtime_media
):
    proxy = running_sandbox.sandbox.s3_proxy
    before = proxy.forwarded
    upload = runtime_media.create_upload_target(ALICE, "image/png", len(PNG))
    stored = requests.post(
        upload["url"],
        data=json.loads(upload["fields"]),
        files={"file": ("image.png", PNG, "image/png")},
        verify=running_sandbox.ca,
        timeout=30,
    )
    assert stored.status_code in (200, 201, 204), stored.text
    bucket = settings.get_settings().media_bucket
    in_moto = running_sandbox.client("s3").get_object(Bucket=bucket, Key=upload["key"])
    assert in_moto["Body"].read() == PNG
    assert in_moto["ContentType"] == "image/png"

    image = requests.get(runtime_media.presigned_get(upload["key"]), verify=running_sandbox.ca, timeout=30)
    assert image.status_code == 200
    assert image.content == PNG
    assert image.headers["Content-Type"] == "image/png"
    assert proxy.forwarded == before + 2  # both went over TLS through the proxy


def test_the_runtimes_own_s3_calls_to_the_tls_endpoint_are_answered_in_process(running_sandbox, runtime_media):
    direct = running_sandbox.sandbox.moto._direct
    # also_calls: the stream poller's own calls to moto go through the same handler meanwhile
    calls, forwarded = direct.also_calls, running_sandbox.sandbox.s3_proxy.forwarded
    bucket = settings.get_settings().media_bucket
    aws.s3().put_object(Bucket=bucket, Key="private/alice-sub/direct", Body=b"x")
    assert aws.s3().get_object(Bucket=bucket, Key="private/alice-sub/direct")["Body"].read() == b"x"
    assert aws.s3().meta.endpoint_url == running_sandbox.sandbox.base_url
    assert direct.also_calls == calls + 2
    assert running_sandbox.sandbox.s3_proxy.forwarded == forwarded


def test_the_buckets_cors_rules_answer_a_browsers_preflight_through_the_proxy(running_sandbox, runtime_media):
    upload = runtime_media.create_upload_target(ALICE, "image/png", len(PNG))
    preflight = requests.options(
        upload["url"],
        headers={"Origin": "http://localhost:3000", "Access-Control-Request-Method": "POST"},
        verify=running_sandbox.ca,
        timeout=30,
    )
    assert preflight.status_code == 200, preflight.text
    assert preflight.headers["Access-Control-Allow-Origin"] == "http://localhost:3000"
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]


def test_a_path_that_is_not_a_bucket_is_not_proxied(running_sandbox):
    proxy = running_sandbox.sandbox.s3_proxy
    before = proxy.forwarded
    base = running_sandbox.sandbox.base_url
    assert requests.get(f"{base}/not-a-bucket/key", verify=running_sandbox.ca, timeout=30).status_code == 404
    # The sandbox's own routes keep their answers (405 for a method /graphql does not take).
    assert requests.put(f"{base}/graphql", verify=running_sandbox.ca, timeout=30).status_code == 405
    assert proxy.forwarded == before
    assert not proxy.is_bucket_path("/graphql") and proxy.is_bucket_path(f"/{sorted(proxy.buckets)[0]}/k")


def test_the_outputs_name_the_s3_endpoint(running_sandbox):
    extras = running_sandbox.sandbox.sandbox_custom_keys()
    assert extras["s3_endpoint"] == running_sandbox.sandbox.base_url


def test_only_a_non_loopback_host_is_warned_about():
    warning = lan_warning("192.168.1.20", 8443)
    assert warning is not None and "192.168.1.20:8443" in warning and "\n" not in warning
    assert lan_warning("127.0.0.1", 8443) is None
    assert lan_warning("127.0.0.2", 8443) is None
    assert lan_warning("::1", 8443) is None


def test_host_must_be_an_ip_address(capsys):
    from sandbox.__main__ import parse_args

    assert parse_args(["--host", "192.168.1.20"]).host == "192.168.1.20"
    with pytest.raises(SystemExit):
        parse_args(["--host", "my-mac.local"])
    assert "not an IP address" in capsys.readouterr().err


def _run_fake_sandbox(args: list[str]) -> SandboxProcess:
    sandbox = SandboxProcess(args, command=[sys.executable, "-m", "tests.unit.sandbox.sandbox_fake_main"])
    try:
        sandbox.wait_ready(timeout=60)
    except NotReady:
        sandbox.stop()
        raise
    return sandbox


def test_host_is_in_the_certificate_the_outputs_and_served_with_loopback(tmp_path: Path):
    host = "127.0.0.2"  # a loopback alias: Linux routes all of 127/8 to lo without configuration
    outputs = tmp_path / "amplify_outputs.json"
    args = ["--host", host, "--port", "0", "--state-dir", str(tmp_path), "--outputs", str(outputs)]
    sandbox = _run_fake_sandbox(args)
    try:
        document = json.loads(outputs.read_text())
        url = urlsplit(document["data"]["url"])
        assert (url.scheme, url.hostname) == ("https", host)
        extras = document["custom"]["sandbox"]
        for key in ("cognito_idp_endpoint", "push_outbox_url", "s3_endpoint"):
            assert urlsplit(extras[key]).hostname == host, key
        cert = x509.load_pem_x509_certificate((tmp_path / "tls" / "server.pem").read_bytes())
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        assert ipaddress.ip_address(host) in san.get_values_for_type(x509.IPAddress)
        ca = str(tmp_path / "ca.pem")
        for address in (host, "127.0.0.1"):  # the address given, and loopback too, verified against the CA
            answer = requests.post(f"https://{address}:{url.port}/graphql", json={}, verify=ca, timeout=30)
            assert answer.status_code == 401
    finally:
        sandbox.stop()


def test_a_chunked_upload_through_the_proxy_arrives_whole(running_sandbox):
    sandbox = running_sandbox.sandbox
    bucket = sorted(sandbox.s3_proxy.buckets)[0]
    s3 = running_sandbox.client("s3")
    # A URL presigned for the TLS port (its signature is verified there): what a device would PUT to.
    tls_s3 = boto3.client("s3", endpoint_url=sandbox.base_url, region_name="us-east-1", verify=running_sandbox.ca)
    url = tls_s3.generate_presigned_url("put_object", Params={"Bucket": bucket, "Key": "chunked"})
    parts = (b"a" * 70_000, b"b" * 10)
    put = requests.put(url, data=iter(parts), verify=running_sandbox.ca, timeout=30)  # a generator: chunked
    assert put.status_code == 200, put.text
    assert s3.get_object(Bucket=bucket, Key="chunked")["Body"].read() == b"".join(parts)
