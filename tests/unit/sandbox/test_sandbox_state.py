"""State survives restarts: `python -m sandbox` as a real process (the real runtime, the stage template the
unit suite synthesizes), stopped and started again on the same state dir and the same ports."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import boto3
import pytest
import requests

from sandbox.process import SandboxProcess

PASSWORD = "Restart-Horse-9-Battery"
SEED = """
users:
  - email: seeded@example.com
    password: Seeded-Horse-9-Battery
    groups: [admins]
posts:
  - {ref: hello, author: seeded@example.com, title: Seeded post, content: from the seed file}
likes:
  - {post: hello, user: seeded@example.com}
"""
START_TIMEOUT_S = 120


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def place(tmp_path_factory, template_file) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("kept")
    seed = root / "seed.yaml"
    seed.write_text(SEED)
    return {"root": root, "template": template_file, "seed": seed, "port": free_port(), "moto_port": free_port()}


def start(place: dict[str, Any], *extra: str) -> SandboxProcess:
    root = place["root"]
    args = ["--port", str(place["port"]), "--moto-port", str(place["moto_port"]), "--state-dir", str(root / "state")]
    args += ["--outputs", str(root / "amplify_outputs.json"), "--template", str(place["template"])]
    args += ["--seed", str(place["seed"]), *extra]
    process = SandboxProcess(args)
    process.wait_ready(START_TIMEOUT_S)
    return process


class App:
    """What a mobile app does, from amplify_outputs.json: Cognito through the front, GraphQL with the token."""

    def __init__(self, place: dict[str, Any]) -> None:
        self.outputs = json.loads((place["root"] / "amplify_outputs.json").read_text())
        self.ca = self.outputs["custom"]["sandbox"]["ca_cert"]
        base = self.outputs["data"]["url"].removesuffix("/graphql")
        self.idp = boto3.client("cognito-idp", endpoint_url=f"{base}/cognito", verify=self.ca, region_name="us-east-1")
        self.client_id = self.outputs["auth"]["user_pool_client_id"]

    def sign_up(self, email: str) -> None:
        self.idp.sign_up(ClientId=self.client_id, Username=email, Password=PASSWORD)
        self.idp.confirm_sign_up(ClientId=self.client_id, Username=email, ConfirmationCode="314159")  # any code

    def sign_in(self, email: str, password: str = PASSWORD) -> str:
        result = self.idp.initiate_auth(
            ClientId=self.client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": email, "PASSWORD": password},
        )
        return result["AuthenticationResult"]["AccessToken"]

    def graphql(self, token: str, query: str, **variables: Any) -> dict[str, Any]:
        response = requests.post(
            self.outputs["data"]["url"],
            json={"query": query, "variables": variables},
            headers={"Authorization": token},
            verify=self.ca,
            timeout=30,
        )
        body = response.json()
        assert not body.get("errors"), body
        return body["data"]

    def my_posts(self, token: str) -> list[str]:
        me = self.graphql(token, "{ me { id } }")["me"]["id"]
        page = self.graphql(token, "query($a: ID!) { listPostsByAuthor(authorId: $a) { items { title } } }", a=me)[
            "listPostsByAuthor"
        ]["items"]
        return [p["title"] for p in page]

    def feed(self, token: str) -> list[dict[str, Any]]:
        return self.graphql(token, "{ listPosts { items { title likeCount } } }")["listPosts"]["items"]

    def ids(self) -> tuple[Any, ...]:
        auth = self.outputs["auth"]
        return (
            auth["user_pool_id"],
            auth["user_pool_client_id"],
            auth["identity_pool_id"],
            self.outputs["data"]["url"],
            self.outputs["custom"]["sandbox"]["aws_endpoint"],
            Path(self.ca).read_bytes(),
        )


def test_restart_keeps_users_data_ids_and_ca_then_reset_wipes_them(place):
    first = start(place)
    try:
        app = App(place)
        before = app.ids()
        seeded = app.sign_in("seeded@example.com", "Seeded-Horse-9-Battery")
        assert [(p["title"], p["likeCount"]) for p in app.feed(seeded)] == [("Seeded post", 1)]
        app.sign_up("carol@example.com")
        carol = app.sign_in("carol@example.com")
        app.graphql(carol, 'mutation { createPost(input: {title: "kept", content: "c"}) { id } }')
        s3 = boto3.client("s3", endpoint_url=app.outputs["custom"]["sandbox"]["aws_endpoint"], region_name="us-east-1")
        bucket = app.outputs["storage"]["bucket_name"]
        s3.put_object(Bucket=bucket, Key="public/kept.txt", Body=b"kept bytes", ContentType="text/plain")
    finally:
        first.stop()

    # the start said what it did, one line per phase, with durations
    phases = [line for line in first.lines if line.startswith("sandbox: ")]
    assert [p.split(" (")[0] for p in phases] == ["sandbox: provisioned moto", "sandbox: seeded from seed.yaml"]
    assert all(p.rstrip().endswith(" s)") for p in phases)

    second = start(place)
    assert [line.split(" (")[0] for line in second.lines if line.startswith("sandbox: ")] == [
        "sandbox: provisioned moto",
        "sandbox: restored the kept state",
    ]
    try:
        app = App(place)
        assert app.ids() == before  # ids, API URL, moto's port and the CA: the app needs no rebuild
        carol = app.sign_in("carol@example.com")  # same password
        assert app.my_posts(carol) == ["kept"]
        # seeded once: not applied again on this restart
        assert sorted(p["title"] for p in app.feed(carol)) == ["Seeded post", "kept"]
        got = s3.get_object(Bucket=bucket, Key="public/kept.txt")
        assert (got["Body"].read(), got["ContentType"]) == (b"kept bytes", "text/plain")
    finally:
        second.stop()

    third = start(place, "--reset")
    try:
        app = App(place)
        assert app.ids() == before
        with pytest.raises(app.idp.exceptions.ClientError):
            app.sign_in("carol@example.com")
        seeded = app.sign_in("seeded@example.com", "Seeded-Horse-9-Battery")
        assert [p["title"] for p in app.feed(seeded)] == ["Seeded post"]  # wiped, then seeded again
        assert "Contents" not in s3.list_objects_v2(Bucket=bucket)
    finally:
        third.stop()


def test_a_crash_loses_only_what_changed_since_the_last_periodic_save(place):
    """No clean stop (SIGKILL): what was saved while running is there after the next start."""
    process = start(place)
    try:
        app = App(place)
        seeded = app.sign_in("seeded@example.com", "Seeded-Horse-9-Battery")
        app.graphql(seeded, 'mutation { createPost(input: {title: "before the crash", content: "c"}) { id } }')
        state_file = place["root"] / "state" / "state" / "state.json"
        deadline = time.monotonic() + 30
        while b"before the crash" not in state_file.read_bytes() and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        process.stop(signal.SIGKILL)
    process = start(place)
    try:
        app = App(place)
        seeded = app.sign_in("seeded@example.com", "Seeded-Horse-9-Battery")
        assert "before the crash" in [p["title"] for p in app.feed(seeded)]
    finally:
        process.stop()


def test_an_incompatible_state_version_is_refused_in_one_line(tmp_path, template_file):
    kept = tmp_path / "state" / "state"
    kept.mkdir(parents=True)
    (kept / "state.json").write_text(json.dumps({"version": 999}))
    process = SandboxProcess(["--port", "0", "--state-dir", str(tmp_path / "state"), "--template", str(template_file)])
    code, lines = process.finish(), process.lines
    assert code == 1
    assert len(lines) == 1, lines
    assert "version 999" in lines[0] and "--reset" in lines[0]


def test_a_busy_port_is_one_line_naming_it_and_the_flag(tmp_path, template_file):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        args = ["--port", str(port), "--moto-port", "0", "--state-dir", str(tmp_path), "--ephemeral"]
        process = SandboxProcess([*args, "--outputs", str(tmp_path / "o.json"), "--template", str(template_file)])
        code, lines = process.finish(), process.lines
    assert code == 1
    errors = [line for line in lines if not line.startswith("sandbox: ") or "in use" in line]
    assert len(errors) == 1 and str(port) in errors[0] and "--port" in errors[0], lines
    assert not any("Traceback" in line for line in lines)


def test_sandbox_run_starts_empty_and_unseeded(monkeypatch):
    """`make test` runs the suites through sandbox.run: always a fresh, ephemeral, unseeded sandbox."""
    from sandbox import run

    captured: dict[str, list[str]] = {}
    real_popen = subprocess.Popen

    def fake_popen(args, **kwargs):
        captured["args"] = list(args)
        return real_popen([sys.executable, "-c", "import sys; sys.exit(3)"], **kwargs)

    monkeypatch.setattr(subprocess, "Popen", fake_popen)
    assert run.main(["--", "true"]) == 1  # the stand-in exits before "ready"
    assert "--ephemeral" in captured["args"] and "--seed" not in captured["args"]
