"""Finding the stage template in a cloud assembly, and synthesizing only when it is missing or stale."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import sandbox.provision.template as template_module
from sandbox.provision.template import TemplateError, find_stack_template, load_stage_template

from .sandbox_fake_template import stage_template

PIPELINE = {"Resources": {"Pipeline": {"Type": "AWS::CodePipeline::Pipeline", "Properties": {}}}}
# A fake app.py: writes the stage template where CDK would, and counts its runs.
FAKE_APP = """
import json, os, pathlib
out = pathlib.Path(os.environ["CDK_OUTDIR"]) / "assembly-Personal-sandbox"
out.mkdir(parents=True, exist_ok=True)
context = json.loads(os.environ["CDK_CONTEXT_JSON"])
assert context["personal"] == "sandbox" and context["personal_only"] is True
assert os.environ["CDK_VALIDATION"] == "false"
(out / "PersonalsandboxMobileBackend1234.template.json").write_text(json.dumps(TEMPLATE))
runs = pathlib.Path("runs.txt"); runs.write_text(runs.read_text() + "x" if runs.exists() else "x")
"""


def write(path: Path, content: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(content))
    return path


def test_finder_picks_the_backend_stack_among_others(tmp_path):
    write(tmp_path / "PipelineStack.template.json", PIPELINE)
    write(tmp_path / "assembly-Dev" / "DevAssets.template.json", {"Resources": {}})
    write(
        tmp_path / "assembly-MobileBackendPipeline-Dev" / "MobileBackendPipelineDevMobileBackend1.template.json",
        stage_template(),
    )
    wanted = write(
        tmp_path / "assembly-Personal-sandbox" / "PersonalsandboxMobileBackendAB12.template.json", stage_template()
    )
    assert find_stack_template(tmp_path) == wanted  # the personal stage, not the pipeline's dev stage


def test_finder_returns_none_without_a_backend_stack(tmp_path):
    write(tmp_path / "PipelineStack.template.json", PIPELINE)
    assert find_stack_template(tmp_path) is None


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    (root / "backend").mkdir(parents=True)
    (root / "backend" / "schema.graphql").write_text("type Query { a: String }")
    (root / "app.py").write_text(f"TEMPLATE = {stage_template()!r}\n" + FAKE_APP)
    return root


def test_synthesizes_when_missing_then_reuses_until_inputs_change(project):
    cdk_out = project / ".sandbox" / "cdk.out"
    template, path = load_stage_template(cdk_out, project)
    assert "UserPool6BA7E5F2" in template["Resources"] and path.parent.name == "assembly-Personal-sandbox"
    load_stage_template(cdk_out, project)
    assert (project / "runs.txt").read_text() == "x"  # fresh template: no second synth
    newer = path.stat().st_mtime + 10
    os.utime(project / "backend" / "schema.graphql", (newer, newer))
    load_stage_template(cdk_out, project)
    assert (project / "runs.txt").read_text() == "x"  # touched, not changed (a checkout): the same inputs
    (project / "backend" / "schema.graphql").write_text("type Query { a: String b: Int }")
    load_stage_template(cdk_out, project)
    assert (project / "runs.txt").read_text() == "xx"
    (project / "backend" / "runtime").mkdir()
    (project / "backend" / "runtime" / "handler.py").write_text("# the Lambda code runs in-process")
    (project / "backend" / "naming.py").write_text("STAGE = 'a name the templates use'")
    load_stage_template(cdk_out, project)
    assert (project / "runs.txt").read_text() == "xxx"  # naming.py is an input; the runtime is not


def test_a_long_synth_says_how_far_it_is(project, monkeypatch):
    monkeypatch.setattr(template_module, "HEARTBEAT_S", 0.1)
    (project / "app.py").write_text("import time; time.sleep(0.5)\n" + (project / "app.py").read_text())
    lines: list[str] = []
    load_stage_template(project / ".sandbox" / "cdk.out", project, progress=lines.append)
    assert lines and all(line.startswith("sandbox: synthesizing: ") for line in lines), lines
    assert lines[0].endswith(f"of about {template_module.FIRST_SYNTH_S:.0f} s")
    assert template_module.expected_synth_seconds(project / ".sandbox" / "cdk.out") >= 0.5  # the next estimate


def test_failed_synth_is_a_clear_error(project):
    (project / "app.py").write_text("raise SystemExit('bad config: environments[0].account')")
    with pytest.raises(TemplateError, match="bad config"):
        load_stage_template(project / ".sandbox" / "cdk.out", project)


def test_the_sandbox_context_builds_the_personal_stage_alone():
    """What synthesize() asks app.py for: the personal stage, without the pipeline and its two stages."""
    import aws_cdk as cdk

    from config import ConfigError, load_config
    from pipeline.app_builder import build_app
    from sandbox.provision.template import synth_env

    context = json.loads(synth_env(Path("unused"))["CDK_CONTEXT_JSON"])
    app = cdk.App(context=context)
    assert build_app(app, load_config()) is None
    stages = [child for child in app.node.children if isinstance(child, cdk.Stage)]
    assert [stage.node.id for stage in stages] == ["Personal-sandbox"]
    assert not [child for child in app.node.children if isinstance(child, cdk.Stack)]  # no pipeline stack
    with pytest.raises(ConfigError, match="personal="):
        build_app(cdk.App(context={"personal_only": "true"}), load_config())
