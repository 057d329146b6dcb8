"""The runtime's output (Powertools JSON logs, EMF metric lines) goes to `<state-dir>/runtime.log`; the terminal of
`python -m sandbox` shows one line per GraphQL request, and the runtime's lines too only with `--verbose`."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from sandbox.auth.authz import COGNITO, IAM, Caller
from sandbox.process import SandboxProcess
from sandbox.web.graphql_route import caller_kind, operation_label

from .test_sandbox_state import START_TIMEOUT_S, App, free_port

CREATE_POST = 'mutation { createPost(input: {title: "logged", content: "c"}) { id } }'
REQUEST_LINE = re.compile(r"^POST /graphql createPost userPool 200 \d+ ms$")


def _json_lines(lines: list[str]) -> list[dict[str, Any]]:
    found = []
    for line in lines:
        if line.startswith("{"):
            try:
                found.append(json.loads(line))
            except ValueError:
                pass
    return found


def _run_one_mutation(root: Path, template: Path, *extra: str) -> list[str]:
    """Start a sandbox on free ports, sign up (the Cognito trigger logs) and create a post, stop; its output."""
    args = ["--port", str(free_port()), "--moto-port", str(free_port()), "--state-dir", str(root / "state")]
    args += ["--outputs", str(root / "amplify_outputs.json"), "--template", str(template), "--ephemeral"]
    args += ["--no-watch", *extra]
    process = SandboxProcess(args)
    try:
        process.wait_ready(START_TIMEOUT_S)
        app = App({"root": root})
        app.sign_up("logger@example.com")
        token = app.sign_in("logger@example.com")
        app.graphql(token, CREATE_POST)
    finally:
        process.stop()
    code, output = process.finish(), process.lines
    assert code == 0, "\n".join(output)
    return output


def test_runtime_output_goes_to_the_log_file_and_the_terminal_gets_one_line_per_request(tmp_path, template_file):
    output = _run_one_mutation(tmp_path, template_file)
    log_path = tmp_path / "state" / "runtime.log"

    logged = _json_lines(log_path.read_text().splitlines())
    assert any(entry.get("message") == "Profile ready for a confirmed user" for entry in logged), logged
    assert any(
        "PostCreated" in entry.get("_aws", {}).get("CloudWatchMetrics", [{}])[0].get("Metrics", [{}])[0].values()
        for entry in logged
        if "_aws" in entry
    ), logged  # the EMF line Metrics prints on flush
    assert _json_lines(output) == [], "\n".join(output)  # no runtime line on the terminal
    assert [line for line in output if line.startswith("runtime log: ")] == [
        f"runtime log: {log_path} (the handlers' JSON logs and metrics; --verbose shows them here too)"
    ]
    assert [line for line in output if REQUEST_LINE.match(line)], "\n".join(output)
    assert not [line for line in output if "/graphql" in line and " none 401" in line]  # the ready check: no line


def test_verbose_shows_the_runtime_output_on_the_terminal_too(tmp_path, template_file):
    output = _run_one_mutation(tmp_path, template_file, "--verbose")
    on_terminal = _json_lines(output)
    assert any(entry.get("message") == "Profile ready for a confirmed user" for entry in on_terminal), output
    in_file = _json_lines((tmp_path / "state" / "runtime.log").read_text().splitlines())
    assert [e.get("message") for e in in_file if "level" in e] == [
        e.get("message") for e in on_terminal if "level" in e
    ]
    assert [line for line in output if REQUEST_LINE.match(line)], "\n".join(output)


class _Executor:
    def parse(self, query: Any) -> Any:
        from graphql import parse

        return parse(query), []


@pytest.mark.parametrize(
    ("query", "name", "label"),
    [
        (CREATE_POST, None, "createPost"),
        ("{ me { id } listPosts { items { id } } }", None, "me,listPosts"),
        ('mutation Named { createPost(input: {title: "t"}) { id } }', None, "Named"),
        ("query A { me { id } } query B { listPosts { items { id } } }", "B", "B"),
        (None, None, "-"),
    ],
)
def test_operation_label(query, name, label):
    assert operation_label(_Executor(), query, name) == label  # type: ignore[arg-type]


def test_caller_kind():
    assert caller_kind(None) == "none"
    assert caller_kind(Caller(mode=COGNITO, identity={})) == "userPool"
    assert caller_kind(Caller(mode=IAM, identity={"cognitoIdentityAuthType": "unauthenticated"})) == "guest"
    assert caller_kind(Caller(mode=IAM, identity={"cognitoIdentityAuthType": "authenticated"})) == "iam"
    assert caller_kind(Caller(mode=IAM, identity={"cognitoIdentityAuthType": None})) == "iam"
