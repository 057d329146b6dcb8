"""Find the MobileBackend stage template in a cloud assembly; synthesize it only when missing or stale."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from ..constants import PROJECT_ROOT
from ..errors import TemplateError

DEFAULT_CDK_OUT = PROJECT_ROOT / ".sandbox" / "cdk.out"
PERSONAL_STAGE = "sandbox"
# Everything the stage template depends on: a newer file here means a new synth. (Not the Lambda code: the
# sandbox runs it in-process.)
SYNTH_INPUTS = (
    "backend/infra",
    "backend/schema.py",
    "backend/schema.graphql",
    "backend/appsync_prelude.graphql",
    "config",
    "stages",
    "pipeline",
    "app.py",
    "cdk.json",
    "requirements-dev.txt",
)


def _score(path: Path, template: dict[str, Any]) -> int:
    types = {r.get("Type") for r in (template.get("Resources") or {}).values()}
    outputs = set(template.get("Outputs") or {})
    score = 0
    score += 4 * ("AWS::Cognito::UserPool" in types)
    score += 2 * bool(types & {"AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable"})
    score += 2 * ("AWS::AppSync::GraphQLApi" in types)
    score += 2 * bool(outputs & {"UserPoolId", "GraphQLUrl"})
    score += 1 * ("MobileBackend" in path.name)
    # The pipeline's stages (dev, prod...) hold the same stack: the personal stage synthesized for us wins.
    score += 3 * any(part.lower().endswith(f"-{PERSONAL_STAGE}") for part in path.parent.parts)
    return score


def find_stack_template(cdk_out: Path) -> Path | None:
    """The template that looks most like the MobileBackend stack (user pool + tables + API + outputs),
    preferring the personal `sandbox` stage over the pipeline's stages."""
    best: tuple[int, Path] | None = None
    for path in sorted(cdk_out.glob("**/*.template.json")):
        try:
            template = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        score = _score(path, template)
        if score >= 6 and (best is None or score > best[0]):
            best = (score, path)
    return best[1] if best else None


def newest_input_mtime(root: Path = PROJECT_ROOT) -> float:
    newest = 0.0
    for name in SYNTH_INPUTS:
        path = root / name
        if path.is_file():
            newest = max(newest, path.stat().st_mtime)
        elif path.is_dir():
            for child in path.rglob("*"):
                if child.is_file() and "__pycache__" not in child.parts:
                    newest = max(newest, child.stat().st_mtime)
    return newest


def synth_env(cdk_out: Path) -> dict[str, str]:
    """The environment for `python app.py` to synthesize the personal sandbox stage alone (no pipeline)."""
    return {
        **os.environ,
        "CDK_OUTDIR": str(cdk_out),
        # Findings (cdk-nag, CloudFormation validation) are for `make synth` and the infra tests, which check the
        # pipeline's stages; the sandbox only needs the template. Skipping the built-in CloudFormation validation
        # saves its engine start-up, most of a bare app's synth time (CDK_VALIDATION=false is documented under
        # AppProps.builtinCloudFormationValidation:
        # https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.AppProps.html#builtincloudformationvalidation).
        "CDK_CONTEXT_JSON": json.dumps(
            {"personal": PERSONAL_STAGE, "personal_only": True, "@aws-cdk/core:failSynthOnValidationErrors": False}
        ),
        "CDK_VALIDATION": "false",
        "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20",
    }


def synthesize(cdk_out: Path, root: Path = PROJECT_ROOT) -> None:
    env = synth_env(cdk_out)
    completed = subprocess.run([sys.executable, "app.py"], cwd=root, env=env, capture_output=True, text=True)
    if completed.returncode != 0:
        raise TemplateError(f"`python app.py` (personal={PERSONAL_STAGE}) failed:\n{completed.stderr[-4000:]}")


def load_stage_template(cdk_out: Path = DEFAULT_CDK_OUT, root: Path = PROJECT_ROOT) -> tuple[dict[str, Any], Path]:
    found = find_stack_template(cdk_out) if cdk_out.exists() else None
    if found is None or found.stat().st_mtime < newest_input_mtime(root):
        synthesize(cdk_out, root)
        found = find_stack_template(cdk_out)
    if found is None:
        raise TemplateError(f"No MobileBackend stack template (user pool, tables, outputs) found under {cdk_out}")
    return json.loads(found.read_text()), found
