"""`make canary` (backend/runtime/canary/local_run.py) when there is nothing to run against, its kept canary
credentials, and its metric names against the infrastructure's (backend/naming.py). The run against a live
sandbox is in tests/unit/sandbox/test_sandbox_canary.py."""

from __future__ import annotations

import json
import socket
import stat

from backend import naming
from backend.runtime.canary import local_run
from backend.runtime.canary.local_run import SANDBOX_METRICS, canary_credentials, run
from pipeline.project_root import PROJECT_ROOT

SANDBOX_OUTPUTS = {
    "version": "1.3",
    "auth": {"aws_region": "us-east-1", "user_pool_id": "us-east-1_abc", "user_pool_client_id": "client"},
    "data": {"url": "https://127.0.0.1:{port}/graphql", "aws_region": "us-east-1"},
    "custom": {
        "sandbox": {
            "aws_endpoint": "http://127.0.0.1:1",
            "cognito_idp_endpoint": "https://127.0.0.1:{port}/cognito",
            "ca_cert": "{ca}",
            "access_key_id": "testing",
            "secret_access_key": "testing",
        }
    },
}


def write_outputs(tmp_path, document) -> str:
    path = tmp_path / "amplify_outputs.json"
    path.write_text(json.dumps(document))
    return str(path)


def closed_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as placeholder:
        return placeholder.getsockname()[1]


def test_without_an_outputs_file_one_line_says_to_start_the_sandbox(tmp_path):
    lines: list[str] = []
    status = run({"AMPLIFY_OUTPUTS": str(tmp_path / "missing.json")}, lines.append)
    assert status == 2
    (line,) = lines
    assert "does not exist" in line and "make sandbox" in line


def test_a_stopped_sandbox_is_one_line_naming_its_url(tmp_path):
    text = json.dumps(SANDBOX_OUTPUTS).replace("{port}", str(closed_port())).replace("{ca}", str(tmp_path / "ca.pem"))
    lines: list[str] = []
    status = run({"AMPLIFY_OUTPUTS": write_outputs(tmp_path, json.loads(text))}, lines.append)
    assert status == 2
    (line,) = lines
    assert line.startswith("no sandbox answers at https://127.0.0.1:") and "make sandbox" in line
    assert not (tmp_path / "canary-user.json").exists()  # nothing done before the check


def test_a_deployed_environments_outputs_are_refused_so_nothing_reaches_an_account(tmp_path):
    deployed = {key: value for key, value in SANDBOX_OUTPUTS.items() if key != "custom"}
    lines: list[str] = []
    status = run({"AMPLIFY_OUTPUTS": write_outputs(tmp_path, deployed)}, lines.append)
    assert status == 2
    (line,) = lines
    assert "deployed environment" in line and "make sandbox" in line


def test_a_malformed_outputs_file_is_one_line(tmp_path):
    path = tmp_path / "amplify_outputs.json"
    path.write_text("{not json")
    lines: list[str] = []
    assert run({"AMPLIFY_OUTPUTS": str(path)}, lines.append) == 2
    assert len(lines) == 1 and "not a sandbox's amplify_outputs.json" in lines[0]


def test_the_outputs_default_to_the_project_root(tmp_path):
    # local_run keeps its own root (backend/runtime ships alone in the Lambda asset): it must be the project's.
    assert local_run.PROJECT_ROOT == PROJECT_ROOT
    assert local_run.outputs_path({}) == PROJECT_ROOT / "amplify_outputs.json"


def test_credentials_are_generated_once_private_and_reused(tmp_path):
    first = canary_credentials(tmp_path / "state")
    path = tmp_path / "state" / "canary-user.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text()) == {"username": first.username, "password": first.password}
    assert canary_credentials(tmp_path / "state") == first
    password = first.password  # meets the pool's policy: 12+ characters of every class
    assert len(password) >= 12 and any(c.isupper() for c in password) and any(c.islower() for c in password)
    assert any(c.isdigit() for c in password) and any(not c.isalnum() for c in password)
    assert password not in repr(first)


def test_the_sandbox_run_publishes_under_the_names_the_infrastructure_alarms_on():
    assert (SANDBOX_METRICS.namespace, SANDBOX_METRICS.success_metric, SANDBOX_METRICS.duration_metric) == (
        naming.CANARY_METRIC_NAMESPACE,
        naming.CANARY_SUCCESS_METRIC,
        naming.CANARY_DURATION_METRIC,
    )
    assert SANDBOX_METRICS.dimension == naming.CANARY_DIMENSION
