"""`python -m sandbox.run`: starts a sandbox process, runs the command with the outputs, stops it, passes the status."""

from __future__ import annotations

import json
import sys

from sandbox import run

# sandbox.run starts the command in the project root, where the tests package is importable.
FAKE_MAIN = [sys.executable, "-m", "tests.unit.sandbox.sandbox_fake_main"]

CHECK = """
import json, os, ssl, sys, urllib.request, urllib.error
outputs = json.load(open(os.environ["AMPLIFY_OUTPUTS"]))
context = ssl.create_default_context(cafile=os.environ["NODE_EXTRA_CA_CERTS"])
try:
    urllib.request.urlopen(urllib.request.Request(outputs["data"]["url"], data=b"{}"), context=context)
except urllib.error.HTTPError as exc:
    print("status", exc.code)
    open(sys.argv[1], "w").write(json.dumps({"code": exc.code, "url": outputs["data"]["url"]}))
sys.exit(7)
"""


def test_runs_command_against_a_live_sandbox_and_returns_its_status(tmp_path):
    record = tmp_path / "record.json"
    status = run.main(["--", sys.executable, "-c", CHECK, str(record)], command=FAKE_MAIN)
    assert status == 7
    seen = json.loads(record.read_text())
    assert seen["code"] == 401  # the sandbox answered over TLS, trusted through NODE_EXTRA_CA_CERTS
    assert seen["url"].startswith("https://127.0.0.1:")


def test_sandbox_that_dies_early_is_a_clear_failure(capsys):
    status = run.main(
        ["--", sys.executable, "-c", "print('never runs')"], command=[sys.executable, "-c", "import sys; sys.exit(3)"]
    )
    assert status == 1
    assert "exited with status 3 before a line starting 'sandbox ready'" in capsys.readouterr().err


def test_usage_without_command():
    assert run.main([]) == 2
