"""The kept state's files, the CA kept across starts, and the push outbox's part of the state."""

from __future__ import annotations

import json
import socket
import ssl
import threading

import pytest
from cryptography import x509

from sandbox.aws_standins.push_outbox import PushOutbox
from sandbox.kept_state.state import STATE_VERSION, StateError, StateStore
from sandbox.web.tls import create_tls_files


def test_state_round_trips_with_blobs_stored_once_and_stale_ones_removed(tmp_path):
    store = StateStore(tmp_path / "state")
    assert store.load() is None  # first start
    store.write({"dynamodb": {"t": [{"id": {"S": "1"}}]}}, {"aaa": b"one", "bbb": b"two"})
    store.write({"dynamodb": {"t": []}}, {"bbb": b"two"})
    loaded = store.load()
    assert loaded == {"dynamodb": {"t": []}, "version": STATE_VERSION}
    assert sorted(p.name for p in store.blobs.iterdir()) == ["bbb"]
    assert store.read_blob("bbb") == b"two"
    assert not [p for p in store.directory.rglob(".*")]  # no temp files left behind
    store.wipe()
    assert store.load() is None


@pytest.mark.parametrize("content", [json.dumps({"version": STATE_VERSION + 1}), json.dumps([1]), "{not json"])
def test_an_unreadable_or_other_version_state_is_refused_in_one_line_pointing_at_reset(tmp_path, content):
    store = StateStore(tmp_path)
    store.path.write_text(content)
    with pytest.raises(StateError) as raised:
        store.load()
    message = str(raised.value)
    assert "\n" not in message and "--reset" in message and str(store.path) in message


def test_the_ca_is_generated_once_and_the_server_certificate_reissued(tmp_path):
    first = create_tls_files(tmp_path / "tls", ca_path=tmp_path / "ca.pem")
    ca, server = first.ca_cert.read_bytes(), first.server_cert.read_bytes()
    second = create_tls_files(tmp_path / "tls", ca_path=tmp_path / "ca.pem", extra_hosts=["192.168.1.20"])
    assert second.ca_cert.read_bytes() == ca
    assert second.server_cert.read_bytes() != server
    assert (tmp_path / "tls" / "ca-key.pem").stat().st_mode & 0o777 == 0o600
    # the re-issued certificate chains to the kept CA and covers the extra host
    cert = x509.load_pem_x509_certificate(second.server_cert.read_bytes())
    names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert "192.168.1.20" in [str(ip) for ip in names.get_values_for_type(x509.IPAddress)]
    server_side, client_side = socket.socketpair()
    served = threading.Thread(
        target=lambda: second.server_context().wrap_socket(server_side, server_side=True).close(), daemon=True
    )
    served.start()
    context = ssl.create_default_context(cafile=str(tmp_path / "ca.pem"))
    context.wrap_socket(client_side, server_hostname="localhost").close()  # verifies against the kept CA
    served.join(timeout=5)


def test_the_push_outbox_exports_and_restores_its_app_id_and_messages():
    outbox = PushOutbox()
    before = outbox.changes
    outbox.record(outbox.app_id, {"MessageRequest": {"Addresses": {"tok": {}}}})
    assert outbox.changes == before + 1
    restored = PushOutbox()
    restored.restore(json.loads(json.dumps(outbox.export())))
    assert restored.app_id == outbox.app_id
    assert restored.messages == outbox.messages


def test_ids_are_derived_from_logical_ids_and_moto_serves_them_everywhere(running_sandbox):
    """Stable across restarts and resets; moto looks pools up in more than one place, so every API must agree."""
    from sandbox.provisioning import stable_ids
    from sandbox.provisioning.provisioner_base import STACK_NAME

    provisioned = running_sandbox.sandbox.provisioned
    pools = [k for k, a in provisioned.attributes.items() if "ProviderName" in a]
    (pool_logical,) = pools
    pool_id = stable_ids.user_pool_id("us-east-1", STACK_NAME, pool_logical)
    assert provisioned.user_pool_id == pool_id
    idp = running_sandbox.client("cognito-idp")
    listed = idp.list_user_pool_clients(UserPoolId=pool_id, MaxResults=10)["UserPoolClients"]
    assert sorted(c["ClientId"] for c in listed) == sorted(provisioned.client_ids)
    assert idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Arn"].endswith(f"userpool/{pool_id}")
    identity = running_sandbox.client("cognito-identity")
    (pool,) = identity.list_identity_pools(MaxResults=10)["IdentityPools"]
    assert pool["IdentityPoolId"].startswith("us-east-1:")
    assert identity.get_id(IdentityPoolId=pool["IdentityPoolId"])["IdentityId"]
    assert identity.list_identities(IdentityPoolId=pool["IdentityPoolId"], MaxResults=10)["Identities"]
