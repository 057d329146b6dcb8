"""`python -m sandbox` when it cannot start as asked (a busy port, a host the machine does not have): one line,
not a traceback; and what survives `--reset`."""

from __future__ import annotations

import errno
import socket
import subprocess
import sys

import pytest

from pipeline.project_root import PROJECT_ROOT
from sandbox.__main__ import main, options_from_args, parse_args
from sandbox.aws_standins.push_outbox import kept_app_id
from sandbox.kept_state.state import StateStore
from sandbox.ports import free_port_or_one_line


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
from sandbox.errors import SandboxError
from sandbox.ports import free_port_or_one_line, start_moto
busy = socket.socket(); busy.bind(("127.0.0.1", 0)); busy.listen(); port = busy.getsockname()[1]
if sys.argv[1] == "insist":
    try:
        with free_port_or_one_line("moto (S3 and AWS APIs)", "127.0.0.1", port, "--moto-port"):
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
    first = kept_app_id(tmp_path / "push-app-id", "first-id")
    store = StateStore(tmp_path / "state")
    (tmp_path / "state").mkdir()
    store.wipe()  # what --reset does
    assert first == "first-id"
    assert kept_app_id(tmp_path / "push-app-id", "another-random-id") == "first-id"


def test_eaddrinuse_only_is_turned_into_the_busy_port_line():
    with pytest.raises(OSError) as raised:
        with free_port_or_one_line("HTTPS", "127.0.0.1", 1, "--port"):
            raise OSError(errno.EACCES, "denied")
    assert raised.value.errno == errno.EACCES
