"""Live reload (sandbox/reload/) vs the restart it replaces, side by side in one run, on a temporary copy of the
project (the real files are never edited):

- save a change under backend/runtime/ -> the first request served by the new code, vs stop + start + that request;
- save a schema change -> the first request that sees it, vs stop + start (with its synth) + that request.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

import requests

from pipeline.project_root import PROJECT_ROOT as ROOT
from sandbox.process import NotReady, SandboxProcess

from .measure import Row, median
from .sandbox_user import new_user_token

COPIED = (
    "app.py",
    "cdk.json",
    "backend",
    "sandbox",
    "config",
    "stages",
    "pipeline",
    "requirements-dev.txt",
    "requirements-integration.txt",
    "requirements-predeploy.txt",
    "package.json",
    "devtools",
)
HEALTH = ROOT / "backend" / "runtime" / "routers" / "health.py"


def _copy_project() -> Path:
    target = Path(tempfile.mkdtemp(prefix="bench-live-reload-"))
    ignore = shutil.ignore_patterns("__pycache__", "cdk.out", "node_modules", ".sandbox")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        elif source.exists():
            shutil.copy2(source, target / name)
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    if (ROOT / ".sandbox" / "cdk.out").is_dir():  # a warm synth, as a developer's tree has
        shutil.copytree(ROOT / ".sandbox" / "cdk.out", target / ".sandbox" / "cdk.out")
    return target


class Process:
    def __init__(self, project: Path, state: Path) -> None:
        self.sandbox = SandboxProcess(
            [
                *("--port", "0", "--state-dir", str(state), "--outputs", str(state / "amplify_outputs.json")),
                *("--seed", str(project / "config" / "sandbox-seed.yaml")),
            ],
            cwd=project,
        )
        try:
            self.sandbox.wait_ready(timeout=180)
        except NotReady as exc:
            self.sandbox.stop()
            raise RuntimeError(f"sandbox did not start: {exc}") from None
        outputs = json.loads((state / "amplify_outputs.json").read_text())
        self.url, custom = outputs["data"]["url"], outputs["custom"]["sandbox"]
        self.verify = custom["ca_cert"]
        self.token = new_user_token(outputs)
        self.session = requests.Session()

    def query(self, document: str) -> dict:
        response = self.session.post(
            self.url, json={"query": document}, headers={"Authorization": self.token}, verify=self.verify, timeout=30
        )
        return response.json()

    def wait_until(self, document: str, check, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if check(self.query(document)):
                return
            time.sleep(0.02)
        raise RuntimeError(f"{document} never passed; sandbox output:\n" + "\n".join(self.sandbox.lines[-40:]))

    def stop(self) -> None:
        self.sandbox.stop()


def _status(value: str):
    return lambda body: (body.get("data") or {}).get("health", {}).get("status") == value


def _sees(field: str):
    return lambda body: not body.get("errors") and field in ((body.get("data") or {}).get("health") or {})


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    if old not in text:  # the benchmark's edits must land, also under `python -O`
        raise ValueError(f"{path}: {old!r} not found to edit")
    path.write_text(text.replace(old, new, 1))


def run(runs: int = 3) -> list[Row]:
    project = _copy_project()
    state = project / ".sandbox"
    health = project / HEALTH.relative_to(ROOT)
    schema = project / "backend" / "schema.graphql"
    code_live, code_restart, schema_live, schema_restart = [], [], [], []
    process = Process(project, state)
    try:
        for n in range(runs):
            previous = "ok" if n == 0 else f"ok-{2 * n - 1}"
            # runtime: live
            started = time.perf_counter()
            _edit(health, f'"status": "{previous}"', f'"status": "ok-{2 * n}"')
            process.wait_until("{ health { status } }", _status(f"ok-{2 * n}"))
            code_live.append(time.perf_counter() - started)
            # runtime: the restart it replaces
            _edit(health, f'"status": "ok-{2 * n}"', f'"status": "ok-{2 * n + 1}"')
            started = time.perf_counter()
            process.stop()
            process = Process(project, state)
            process.wait_until("{ health { status } }", _status(f"ok-{2 * n + 1}"))
            code_restart.append(time.perf_counter() - started)
        for n in range(max(1, runs - 1)):
            field = f"probeLive{n}"
            started = time.perf_counter()
            _edit(
                schema,
                "type Health @aws_cognito_user_pools @aws_iam {\n",
                f"type Health @aws_cognito_user_pools @aws_iam {{\n  {field}: String\n",
            )
            process.wait_until(f"{{ health {{ {field} }} }}", _sees(field))
            schema_live.append(time.perf_counter() - started)
            field = f"probeRestart{n}"
            _edit(
                schema,
                "type Health @aws_cognito_user_pools @aws_iam {\n",
                f"type Health @aws_cognito_user_pools @aws_iam {{\n  {field}: String\n",
            )
            started = time.perf_counter()
            process.stop()
            process = Process(project, state)
            process.wait_until(f"{{ health {{ {field} }} }}", _sees(field))
            schema_restart.append(time.perf_counter() - started)
    finally:
        process.stop()
        shutil.rmtree(project, ignore_errors=True)
    return [
        Row(
            "live reload: save runtime code -> 1st request on it vs restart",
            median(code_live),
            median(code_restart),
            "s",
            len(code_live),
        ),
        Row(
            "live reload: save schema -> 1st request seeing it vs restart (synth)",
            median(schema_live),
            median(schema_restart),
            "s",
            len(schema_live),
        ),
    ]
