"""A synth prints no deprecation warning (jsii prints `...#principal is deprecated` and the like on stderr)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_synthesizing_the_app_prints_no_deprecation_warning(tmp_path: Path) -> None:
    environment = {
        **os.environ,
        "CDK_OUTDIR": str(tmp_path),
        "CDK_CONTEXT_JSON": json.dumps({"personal": "alice"}),  # the personal stage too, as `-c personal=alice`
        "CDK_DEFAULT_ACCOUNT": "999999999999",
        "CDK_DEFAULT_REGION": "eu-central-1",
    }
    result = subprocess.run(
        [sys.executable, "app.py"], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "deprecated" not in output.lower(), output
    assert (tmp_path / "assembly-Personal-alice").is_dir()
    # CDK builds an AWS::Events::EventBusPolicy with the deprecated `Principal` for an EventBridge rule whose target
    # is in another account; none may appear unnoticed.
    templates = list(tmp_path.rglob("*.template.json"))
    assert templates
    for template in templates:
        assert "AWS::Events::EventBusPolicy" not in template.read_text(encoding="utf-8"), template
