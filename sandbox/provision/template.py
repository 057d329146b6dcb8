"""Find the MobileBackend stage template in a cloud assembly; synthesize it only when missing or stale."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tools.project_root import PROJECT_ROOT

from ..errors import TemplateError

DEFAULT_CDK_OUT = PROJECT_ROOT / ".sandbox" / "cdk.out"
PERSONAL_STAGE = "sandbox"
# Everything the stage template depends on: the app, its config and every module the synth imports (all of backend/
# but the Lambda code, which the sandbox runs in-process). The cache is keyed by their bytes (SYNTH_RECORD).
SYNTH_INPUTS = ("app.py", "cdk.json", "requirements-dev.txt", "config", "stages", "pipeline", "backend")
NOT_SYNTH_INPUTS = ("backend/runtime",)
SYNTH_RECORD = "synth.json"  # beside cdk.out: {"inputs": digest, "seconds": the synth's duration}
FIRST_SYNTH_S = 15.0  # a first synth on a fresh 2-core machine; afterwards the last one here is the estimate
HEARTBEAT_S = 10.0


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


def input_files(root: Path = PROJECT_ROOT) -> list[Path]:
    files: list[Path] = []
    for name in SYNTH_INPUTS:
        path = root / name
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files += [
                child
                for child in sorted(path.rglob("*"))
                if child.is_file()
                and "__pycache__" not in child.parts
                and not any(child.is_relative_to(root / skipped) for skipped in NOT_SYNTH_INPUTS)
            ]
    return files


def inputs_digest(root: Path = PROJECT_ROOT) -> str:
    digest = hashlib.sha256()
    for path in input_files(root):
        content = path.read_bytes()
        digest.update(f"{path.relative_to(root).as_posix()}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()


def _record(cdk_out: Path) -> dict[str, Any]:
    try:
        data = json.loads((cdk_out.parent / SYNTH_RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def expected_synth_seconds(cdk_out: Path = DEFAULT_CDK_OUT) -> float:
    seconds = _record(cdk_out).get("seconds")
    return float(seconds) if isinstance(seconds, int | float) else FIRST_SYNTH_S


def is_current(cdk_out: Path = DEFAULT_CDK_OUT, root: Path = PROJECT_ROOT) -> bool:
    """A stage template synthesized from the inputs as they are now (their bytes, not their mtimes: a checkout
    that touches files without changing them reuses it)."""
    found = find_stack_template(cdk_out) if cdk_out.exists() else None
    return found is not None and _record(cdk_out).get("inputs") == inputs_digest(root)


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


def synthesize(cdk_out: Path, root: Path = PROJECT_ROOT, progress: Callable[[str], None] | None = None) -> None:
    """`python app.py` for the sandbox stage; `progress` gets a line every HEARTBEAT_S seconds while it runs."""
    digest, expected, started = inputs_digest(root), expected_synth_seconds(cdk_out), time.monotonic()
    with tempfile.TemporaryFile(mode="w+") as stderr:
        process = subprocess.Popen(
            [sys.executable, "app.py"], cwd=root, env=synth_env(cdk_out), stdout=subprocess.DEVNULL, stderr=stderr
        )
        while True:
            try:
                process.wait(timeout=HEARTBEAT_S)
                break
            except subprocess.TimeoutExpired:
                if progress is not None:
                    elapsed = time.monotonic() - started
                    progress(f"sandbox: synthesizing: {elapsed:.0f} s of about {expected:.0f} s")
        if process.returncode != 0:
            stderr.seek(0)
            raise TemplateError(f"`python app.py` (personal={PERSONAL_STAGE}) failed:\n{stderr.read()[-4000:]}")
    record = {"inputs": digest, "seconds": round(time.monotonic() - started, 1)}
    (cdk_out.parent / SYNTH_RECORD).write_text(json.dumps(record), encoding="utf-8")


def load_stage_template(
    cdk_out: Path = DEFAULT_CDK_OUT, root: Path = PROJECT_ROOT, progress: Callable[[str], None] | None = None
) -> tuple[dict[str, Any], Path]:
    if not is_current(cdk_out, root):
        synthesize(cdk_out, root, progress)
    found = find_stack_template(cdk_out)
    if found is None:
        raise TemplateError(f"No MobileBackend stack template (user pool, tables, outputs) found under {cdk_out}")
    return json.loads(found.read_text()), found
