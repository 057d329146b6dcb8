"""`npx cdk …` works as the README says right after `make deps`, with no virtualenv activated, and a synth prints
no deprecation warning (jsii prints `...#principal is deprecated` and the like on stderr). One synth checks both:
the whole app is the slowest thing the unit suite runs."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from tools.project_root import PROJECT_ROOT


def test_npx_cdk_synth_uses_the_project_venv_without_activation_and_warns_of_nothing(tmp_path: Path) -> None:
    venv_bin = str(PROJECT_ROOT / ".venv" / "bin")
    path = os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep) if Path(p) != Path(venv_bin))
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")} | {"PATH": path}
    outdir = tmp_path / "cdk.out"

    synthesized = subprocess.run(
        # the personal stage too, as the README's `-c personal=<name>`
        ["npx", "--no-install", "cdk", "synth", "--quiet", "-c", "personal=alice", "-o", str(outdir)],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )

    assert synthesized.returncode == 0, synthesized.stderr[-2000:]
    output = synthesized.stdout + synthesized.stderr
    assert "deprecated" not in output.lower(), output
    stacks = {
        artifact["displayName"]
        for manifest in outdir.rglob("manifest.json")
        for artifact in json.loads(manifest.read_text(encoding="utf-8"))["artifacts"].values()
        if artifact["type"] == "aws:cloudformation:stack"
    }
    assert {
        "MobileBackendPipeline",
        "MobileBackendPipeline/Dev/MobileBackend",
        "MobileBackendPipeline/Prod/MobileBackend",
        "Personal-alice/MobileBackend",
    } <= stacks, stacks
    # CDK builds an AWS::Events::EventBusPolicy with the deprecated `Principal` for an EventBridge rule whose target
    # is in another account; none may appear unnoticed.
    templates = list(outdir.rglob("*.template.json"))
    assert len(templates) >= 4
    for template in templates:
        assert "AWS::Events::EventBusPolicy" not in template.read_text(encoding="utf-8"), template
