"""Finding the stage template in a cloud assembly, and synthesizing only when it is missing or stale."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import sandbox.provisioning.template as template_module
from sandbox.provisioning.template import TemplateError, find_stack_template, load_stage_template

from .sandbox_fake_template import stage_template

PIPELINE = {"Resources": {"Pipeline": {"Type": "AWS::CodePipeline::Pipeline", "Properties": {}}}}
# A fake app.py: writes the stage's assembly where CDK would (a root manifest naming the nested stage assembly, whose
# manifest lists the stack), records the files it read as pipeline/synth_inputs.py does, and counts its runs.
FAKE_APP = """
import json, os, pathlib
root = pathlib.Path(os.environ["CDK_OUTDIR"])
out = root / "assembly-Personal-sandbox"
out.mkdir(parents=True, exist_ok=True)
context = json.loads(os.environ["CDK_CONTEXT_JSON"])
assert context["personal"] == "sandbox" and context["personal_only"] is True
assert os.environ["CDK_VALIDATION"] == "false"
nested = {"type": "cdk:cloud-assembly", "properties": {"directoryName": out.name}}
(root / "manifest.json").write_text(json.dumps({"artifacts": {out.name: nested}}))
stack = {"type": "aws:cloudformation:stack", "environment": "aws://unknown-account/unknown-region",
         "properties": {"templateFile": "PersonalsandboxMobileBackend1234.template.json",
                        "stackName": "Personal-sandbox-MobileBackend"}}
(out / "manifest.json").write_text(json.dumps({"artifacts": {"PersonalsandboxMobileBackend1234": stack}}))
(out / "PersonalsandboxMobileBackend1234.template.json").write_text(json.dumps(TEMPLATE))
read = [p for p in ("app.py", "backend/schema.graphql", "backend/naming.py", "backend/runtime/handler.py")
        if pathlib.Path(p).exists()]
pathlib.Path(os.environ["SYNTH_INPUTS_RECORD"]).write_text(json.dumps(read))
runs = pathlib.Path("runs.txt"); runs.write_text(runs.read_text() + "x" if runs.exists() else "x")
"""


def stack_artifact(template_file: str, stack_name: str) -> dict:
    return {"type": "aws:cloudformation:stack", "properties": {"templateFile": template_file, "stackName": stack_name}}


def write(path: Path, content: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(content))
    return path


def test_finder_takes_the_sandbox_stack_by_its_name_in_the_manifest(tmp_path):
    """Not by what a template looks like: the pipeline's dev stage holds the same resources."""
    write(tmp_path / "PipelineStack.template.json", PIPELINE)
    write(tmp_path / "assembly-Dev" / "DevMobileBackend1.template.json", stage_template())
    write(
        tmp_path / "assembly-Dev" / "manifest.json",
        {"artifacts": {"D": stack_artifact("DevMobileBackend1.template.json", "Dev-MobileBackend")}},
    )
    wanted = write(tmp_path / "assembly-Personal-sandbox" / "Sandbox.template.json", {"Resources": {}})
    write(
        tmp_path / "assembly-Personal-sandbox" / "manifest.json",
        {"artifacts": {"S": stack_artifact("Sandbox.template.json", "Personal-sandbox-MobileBackend")}},
    )
    nested = {
        name: {"type": "cdk:cloud-assembly", "properties": {"directoryName": name}}
        for name in ("assembly-Dev", "assembly-Personal-sandbox")
    }
    write(
        tmp_path / "manifest.json",
        {"artifacts": {"P": stack_artifact("PipelineStack.template.json", "Pipeline"), **nested}},
    )
    assert find_stack_template(tmp_path) == wanted
    assert (
        find_stack_template(tmp_path, "Dev-MobileBackend")
        == tmp_path / "assembly-Dev" / "DevMobileBackend1.template.json"
    )


def test_a_missing_stack_is_an_error_naming_it_and_the_stacks_there(tmp_path):
    write(tmp_path / "PipelineStack.template.json", PIPELINE)
    write(tmp_path / "manifest.json", {"artifacts": {"P": stack_artifact("PipelineStack.template.json", "Pipeline")}})
    with pytest.raises(
        TemplateError, match=r"manifest.json: no stack named Personal-sandbox-MobileBackend \(stacks: Pipeline\)"
    ):
        find_stack_template(tmp_path)
    with pytest.raises(TemplateError, match=r"no manifest\.json"):
        find_stack_template(tmp_path / "absent")


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    (root / "backend").mkdir(parents=True)
    (root / "backend" / "schema.graphql").write_text("type Query { a: String }")
    (root / "backend" / "naming.py").write_text("STAGE = 'a name the templates use'")
    (root / "backend" / "runtime").mkdir()
    (root / "backend" / "runtime" / "handler.py").write_text("# the Lambda code runs in-process")
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
    (project / "backend" / "naming.py").write_text("STAGE = 'another name'")
    load_stage_template(cdk_out, project)
    assert (project / "runs.txt").read_text() == "xxx"  # naming.py is an input: the synth read it
    (project / "backend" / "runtime" / "handler.py").write_text("# changed: no synth, the sandbox runs it itself")
    (project / "backend" / "unread.py").write_text("# no synth read it")
    load_stage_template(cdk_out, project)
    assert (project / "runs.txt").read_text() == "xxx"
    (project / "backend" / "naming.py").unlink()
    load_stage_template(cdk_out, project)
    assert (project / "runs.txt").read_text() == "xxxx"  # a recorded input gone: stale


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
    from sandbox.provisioning.template import synth_env

    context = json.loads(synth_env(Path("unused"))["CDK_CONTEXT_JSON"])
    app = cdk.App(context=context)
    assert build_app(app, load_config()) is None
    stages = [child for child in app.node.children if isinstance(child, cdk.Stage)]
    assert [stage.node.id for stage in stages] == ["Personal-sandbox"]
    assert not [child for child in app.node.children if isinstance(child, cdk.Stack)]  # no pipeline stack
    with pytest.raises(ConfigError, match="personal="):
        build_app(cdk.App(context={"personal_only": "true"}), load_config())
