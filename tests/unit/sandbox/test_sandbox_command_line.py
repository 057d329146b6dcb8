"""`python -m sandbox` when it cannot start as asked (a busy port, a host the machine does not have): one line,
not a traceback; and what survives `--reset`."""

from __future__ import annotations

import errno
import json
import logging
import socket
import ssl
import subprocess
import sys

import pytest

from sandbox.__main__ import main, options_from_args, parse_args
from sandbox.provision.seed import DEFAULT_SEED_PATH, SeedError, load_seed, user_pool_password_policy
from sandbox.provision.state import StateStore
from sandbox.server import _free_port_or_one_line, _kept_push_app_id
from tools.project_root import PROJECT_ROOT


@pytest.fixture
def busy_port():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        yield busy.getsockname()[1]


# moto's in-process server is process-wide (botocore handlers, STS and IAM backends): starting and stopping a
# second one here would pull them from under the sandbox the other tests share, so these run in a child process.
MOTO_ON_A_BUSY_PORT = """
import socket, sys
from sandbox.server import SandboxError, _free_port_or_one_line, start_moto
busy = socket.socket(); busy.bind(("127.0.0.1", 0)); busy.listen(); port = busy.getsockname()[1]
if sys.argv[1] == "insist":
    try:
        with _free_port_or_one_line("moto (S3 and AWS APIs)", "127.0.0.1", port, "--moto-port"):
            start_moto("127.0.0.1", port)
    except SandboxError as exc:
        print(port, exc)
else:
    moto = start_moto("127.0.0.1", port, any_port_if_busy=True)
    print(port, moto.port)
    moto.stop()
"""


def _moto_on_a_busy_port(mode: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", MOTO_ON_A_BUSY_PORT, mode],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_busy_moto_port_is_one_line_naming_it_and_moto_port() -> None:
    run = _moto_on_a_busy_port("insist")
    port, message = run.stdout.strip().split(" ", 1)
    assert port in message and "--moto-port" in message, run.stdout
    assert run.stderr == ""  # werkzeug's own two lines are not printed


def test_moto_takes_a_free_port_when_its_default_is_busy() -> None:
    run = _moto_on_a_busy_port("any")
    busy, taken = run.stdout.split()
    assert int(taken) not in (0, int(busy)), run.stdout + run.stderr


def test_only_an_explicit_moto_port_is_insisted_on():
    assert options_from_args(parse_args(["--port", "9443"])).moto_port_or_any
    explicit = options_from_args(parse_args(["--port", "9443", "--moto-port", "9444"]))
    assert explicit.moto_port == 9444 and not explicit.moto_port_or_any


def test_a_host_the_machine_does_not_have_is_one_line_and_status_2(capsys, tmp_path):
    code = main(["--host", "203.0.113.7", "--state-dir", str(tmp_path), "--outputs", str(tmp_path / "o.json")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and "203.0.113.7" in err[0] and "not an address of this machine" in err[0], err


def test_the_push_app_id_outlives_a_reset(tmp_path):
    first = _kept_push_app_id(tmp_path / "push-app-id", "first-id")
    store = StateStore(tmp_path / "state")
    (tmp_path / "state").mkdir()
    store.wipe()  # what --reset does
    assert first == "first-id"
    assert _kept_push_app_id(tmp_path / "push-app-id", "another-random-id") == "first-id"


@pytest.mark.parametrize("header", [b"X-Bad: a\nb", b"X-Bad: a\x01b", b"X-Bad: a\rb"])
def test_a_header_with_control_characters_is_a_json_400_without_traceback(running_sandbox, header, caplog):
    port = running_sandbox.sandbox.port
    context = ssl.create_default_context(cafile=running_sandbox.ca)
    request = b"POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\n" + header + b"\r\nContent-Length: 2\r\n\r\n{}"
    with caplog.at_level(logging.DEBUG):
        with socket.create_connection(("127.0.0.1", port), timeout=30) as raw:
            with context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
                tls.sendall(request)
                answer = b""
                while chunk := tls.recv(65536):
                    answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.split(b" ")[1] == b"400", answer  # HTTP/1.0: the request line was never parsed
    assert json.loads(body)["errors"][0]["errorType"] == "MalformedHttpRequestException"
    assert not any(record.exc_info for record in caplog.records), [r.getMessage() for r in caplog.records]


def test_eaddrinuse_only_is_turned_into_the_busy_port_line():
    with pytest.raises(OSError) as raised:
        with _free_port_or_one_line("HTTPS", "127.0.0.1", 1, "--port"):
            raise OSError(errno.EACCES, "denied")
    assert raised.value.errno == errno.EACCES


def test_the_default_seed_meets_the_user_pools_password_policy():
    policy = user_pool_password_policy()
    assert policy and policy["min_length"] == 12
    load_seed(DEFAULT_SEED_PATH, policy)


@pytest.mark.parametrize(
    ("password", "lacks"), [("Short-1!", "has 8 characters"), ("no-upper-case-1!", "lacks an uppercase letter")]
)
def test_a_weak_seed_password_is_one_line_naming_the_file_and_key(tmp_path, password, lacks):
    path = tmp_path / "seed.yaml"
    path.write_text(
        f"users:\n  - email: a@example.com\n    password: Good-Password-1!\n"
        f"  - email: b@example.com\n    password: '{password}'\n"
    )
    with pytest.raises(SeedError) as raised:
        load_seed(path, user_pool_password_policy())
    message = str(raised.value)
    assert "seed.yaml: users[1].password: expected at least 12 characters" in message and lacks in message


def test_a_bad_seed_is_refused_before_the_synth(tmp_path):
    """In a child process: a sandbox that stops in this one would reset process-wide state (the identity pools
    moto serves) under the sandbox the other tests share."""
    path = tmp_path / "seed.yaml"
    path.write_text("users:\n  - email: a@example.com\n    password: weak\n")
    arguments = ["--port", "0", "--moto-port", "0", "--state-dir", str(tmp_path), "--outputs", str(tmp_path / "o.json")]
    run = subprocess.run(
        [sys.executable, "-m", "sandbox", *arguments, "--seed", str(path), "--no-watch"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    err = run.stderr.strip().splitlines()
    assert run.returncode == 1 and len(err) == 1 and "users[0].password: expected" in err[0], run.stderr
    assert "stage template" not in run.stdout + run.stderr  # refused before the synth's progress line
