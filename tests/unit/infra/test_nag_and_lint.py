"""cdk-nag leaves nothing unacknowledged and every synthesized template passes cfn-lint."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from cfnlint.api import ManualArgs, lint_file

from pipeline.project_root import PROJECT_ROOT

LINT_CONFIG = PROJECT_ROOT / "config" / "cfn-lint.yaml"


def _templates(outdir: Path) -> list[Path]:
    return sorted(outdir.rglob("*.template.json"))


def test_validation_report_has_no_open_findings(default_synth) -> None:
    """Synth would raise on an unacknowledged cdk-nag error; warnings must be acknowledged too."""
    report = json.loads((default_synth.outdir / "validation-report.json").read_text())
    open_findings = [
        (violation["ruleName"], construct["constructPath"])
        for plugin in report["pluginReports"]
        for violation in plugin["violations"]
        for construct in violation["violatingConstructs"]
    ]
    assert open_findings == []


def test_the_nag_plugin_reports_findings_in_nested_stages(tmp_path: Path) -> None:
    """The same registration build_app uses catches an unlogged bucket inside a Stage (so zero above means zero)."""
    import aws_cdk as cdk
    from aws_cdk import aws_s3 as s3

    from pipeline.app_builder import enable_nag
    from tests.unit.conftest import cdk_context

    app = cdk.App(context=cdk_context(**{"@aws-cdk/core:failSynthOnValidationErrors": False}), outdir=str(tmp_path))
    enable_nag(app)
    s3.Bucket(cdk.Stack(cdk.Stage(app, "Probe"), "Stack"), "Unlogged")
    app.synth()
    report = json.loads((tmp_path / "validation-report.json").read_text())
    rules = {
        v["ruleName"] for p in report["pluginReports"] if p["pluginName"] == "AwsSolutions" for v in p["violations"]
    }
    assert "AwsSolutions-S1" in rules


def test_every_environment_has_a_nested_assembly(default_synth) -> None:
    nested = [p for p in default_synth.outdir.iterdir() if p.name.startswith("assembly-")]
    assert {p.name for p in nested} == {
        "assembly-MobileBackendPipeline-Dev",
        "assembly-MobileBackendPipeline-Prod",
        "assembly-Personal-alice",
    }


def test_cfn_lint_is_clean_on_every_template(default_synth) -> None:
    templates = _templates(default_synth.outdir)
    assert len(templates) >= 4  # pipeline, its cross-region support stack, two stages, the personal stage
    settings = yaml.safe_load(LINT_CONFIG.read_text())
    config = ManualArgs(ignore_checks=settings["ignore_checks"])
    matches = [
        f"{path.relative_to(default_synth.outdir)}: {m}" for path in templates for m in lint_file(path, config=config)
    ]
    assert matches == []


def test_no_template_holds_an_event_bus_policy(default_synth) -> None:
    """CDK builds an AWS::Events::EventBusPolicy with the deprecated `Principal` for an EventBridge rule whose target
    is in another account (the synth's deprecation check, devtools/cdk_synth.py, would stop it); none may appear
    unnoticed in any template, the personal stage's included."""
    templates = _templates(default_synth.outdir)
    assert {t.parent.name for t in templates} >= {"assembly-MobileBackendPipeline-Prod", "assembly-Personal-alice"}
    for template in templates:
        assert "AWS::Events::EventBusPolicy" not in template.read_text(encoding="utf-8"), template
