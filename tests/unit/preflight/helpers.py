"""Small hand-made templates and assemblies for the preflight tests (no CDK synth)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from devtools.preflight import Results, Stack, check_stacks

ACCOUNT = "123456789012"


def make_stack(
    resources: dict[str, Any] | None = None,
    *,
    stack_name: str = "Test",
    account: str | None = ACCOUNT,
    region: str | None = "us-east-1",
    size_bytes: int | None = None,
    template_path: str = "Test.template.json",
    **sections: Any,
) -> Stack:
    """A stack as the assembly reader would produce it; `sections` adds Parameters, Outputs, Mappings, ..."""
    template: dict[str, Any] = {"Resources": resources or {}, **sections}
    return Stack(
        template_path=template_path,
        template=template,
        size_bytes=len(json.dumps(template, indent=1)) if size_bytes is None else size_bytes,
        stack_name=stack_name,
        account=account,
        region=region,
    )


def resource(resource_type: str, **properties: Any) -> dict[str, Any]:
    return {"Type": resource_type, "Properties": properties}


def run(*stacks: Stack) -> Results:
    return check_stacks(list(stacks))


def lines(results: Results) -> list[str]:
    return [finding.line() for finding in results.findings]


def failures(resources: dict[str, Any], **kwargs: Any) -> list[str]:
    """Failure lines for one stack of `resources`."""
    return lines(run(make_stack(resources, **kwargs)))


def write_assembly(directory: Path, manifest: dict[str, Any], files: dict[str, Any]) -> Path:
    """A cloud assembly on disk: manifest.json plus the given files (dicts are written as JSON)."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "manifest.json").write_text(json.dumps({"version": "55.0.0", **manifest}), encoding="utf-8")
    for name, content in files.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content if isinstance(content, str) else json.dumps(content, indent=1), encoding="utf-8")
    return directory


def stack_artifact(
    template_file: str, environment: str = f"aws://{ACCOUNT}/us-east-1", **properties: Any
) -> dict[str, Any]:
    return {
        "type": "aws:cloudformation:stack",
        "environment": environment,
        "properties": {"templateFile": template_file, **properties},
    }
