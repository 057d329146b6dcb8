"""The sandbox stage's template from its cloud assembly (.sandbox/cdk.out), synthesized only when missing or stale."""

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

from backend.naming import SANDBOX_STACK_NAME, SANDBOX_STAGE
from pipeline.cloudformation.assembly import AssemblyError, stack_named
from pipeline.project_root import PROJECT_ROOT
from pipeline.synth_inputs import ENV as SYNTH_INPUTS_ENV
from pipeline.synth_inputs import listing, read_record

from ..errors import TemplateError

DEFAULT_CDK_OUT = PROJECT_ROOT / ".sandbox" / "cdk.out"
# The synth records what it read (pipeline/synth_inputs.py); the cache is keyed by those files' bytes (SYNTH_RECORD).
# Left out: the Lambda code (backend/runtime). The synth reads it for the code asset, whose hash is in the template,
# but the sandbox runs that code in-process and never the asset (reload/ serves a change to it at once), so a
# change there does not make the sandbox's template stale.
NOT_SANDBOX_INPUTS = ("backend/runtime/",)
INPUTS_RECORD = "synth-inputs.json"  # beside cdk.out: what the last synth read, as the synth wrote it
SYNTH_RECORD = "synth.json"  # beside cdk.out: {"inputs": {path: sha256}, "seconds": the synth's duration}
FIRST_SYNTH_S = 15.0  # a first synth on a fresh 2-core machine; afterwards the last one here is the estimate
HEARTBEAT_S = 10.0


def find_stack_template(cdk_out: Path, stack_name: str = SANDBOX_STACK_NAME) -> Path:
    """The template of the stack named `stack_name` (default: the personal `sandbox` stage's), found through the
    cloud assembly's manifest (nested assemblies included)."""
    try:
        stack = stack_named(cdk_out, stack_name)
    except AssemblyError as exc:
        raise TemplateError(f"{exc}: the sandbox runs the stack of `-c personal={SANDBOX_STAGE}`") from None
    return cdk_out / stack.template_path


def _digest(path: Path) -> str | None:
    """A file's bytes, or a directory's entries (a recorded listing), as sha256; None when it is gone."""
    try:
        content = "\0".join(listing(path)).encode() if path.is_dir() else path.read_bytes()
    except OSError:
        return None
    return hashlib.sha256(content).hexdigest()


def input_digests(inputs: list[str], root: Path = PROJECT_ROOT) -> dict[str, str]:
    """Each recorded input's sha256, but those the sandbox does not depend on (or gone since the synth read it)."""
    digests = {name: _digest(root / name) for name in inputs if not name.startswith(NOT_SANDBOX_INPUTS)}
    return {name: digest for name, digest in digests.items() if digest is not None}


def _record(cdk_out: Path) -> dict[str, Any]:
    try:
        data = json.loads((cdk_out.parent / SYNTH_RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def recorded_inputs(cdk_out: Path = DEFAULT_CDK_OUT, root: Path = PROJECT_ROOT) -> list[Path]:
    """The project files (and listed directories) the last sandbox synth read, but the Lambda code: what a change
    to makes the stage template stale (live reload watches them)."""
    recorded = _record(cdk_out).get("inputs")
    return sorted(root / name for name in recorded) if isinstance(recorded, dict) else []


def expected_synth_seconds(cdk_out: Path = DEFAULT_CDK_OUT) -> float:
    seconds = _record(cdk_out).get("seconds")
    return float(seconds) if isinstance(seconds, int | float) else FIRST_SYNTH_S


def is_current(cdk_out: Path = DEFAULT_CDK_OUT, root: Path = PROJECT_ROOT) -> bool:
    """A stage template synthesized from the inputs as they are now: every file the last synth read still has the
    same bytes (not mtimes: a checkout that touches files without changing them reuses it), none is missing."""
    recorded = _record(cdk_out).get("inputs")
    if not isinstance(recorded, dict) or not recorded or not (cdk_out / "manifest.json").is_file():
        return False
    return all(_digest(root / name) == digest for name, digest in recorded.items())


def synth_env(cdk_out: Path) -> dict[str, str]:
    """The environment for `python app.py` to synthesize the personal sandbox stage alone (no pipeline)."""
    return {
        **os.environ,
        "CDK_OUTDIR": str(cdk_out),
        SYNTH_INPUTS_ENV: str(cdk_out.parent / INPUTS_RECORD),
        # Findings (cdk-nag, CloudFormation validation) are for `make synth` and the infra tests, which check the
        # pipeline's stages; the sandbox only needs the template. Skipping the built-in CloudFormation validation
        # saves its engine start-up, most of a bare app's synth time (CDK_VALIDATION=false is documented under
        # AppProps.builtinCloudFormationValidation:
        # https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.AppProps.html#builtincloudformationvalidation).
        "CDK_CONTEXT_JSON": json.dumps(
            {"personal": SANDBOX_STAGE, "personal_only": True, "@aws-cdk/core:failSynthOnValidationErrors": False}
        ),
        "CDK_VALIDATION": "false",
        "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20",
    }


def synthesize(cdk_out: Path, root: Path = PROJECT_ROOT, progress: Callable[[str], None] | None = None) -> None:
    """`python app.py` for the sandbox stage; `progress` gets a line every HEARTBEAT_S seconds while it runs."""
    expected, started = expected_synth_seconds(cdk_out), time.monotonic()
    (cdk_out.parent / INPUTS_RECORD).unlink(missing_ok=True)  # the record read below is this synth's
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
            raise TemplateError(f"`python app.py` (personal={SANDBOX_STAGE}) failed:\n{stderr.read()[-4000:]}")
    inputs = read_record(cdk_out.parent / INPUTS_RECORD)
    if not inputs:
        raise TemplateError(f"`python app.py` wrote no list of its inputs to {cdk_out.parent / INPUTS_RECORD}")
    record = {"inputs": input_digests(inputs, root), "seconds": round(time.monotonic() - started, 1)}
    (cdk_out.parent / SYNTH_RECORD).write_text(json.dumps(record), encoding="utf-8")


def load_stage_template(
    cdk_out: Path = DEFAULT_CDK_OUT, root: Path = PROJECT_ROOT, progress: Callable[[str], None] | None = None
) -> tuple[dict[str, Any], Path]:
    if not is_current(cdk_out, root):
        synthesize(cdk_out, root, progress)
    found = find_stack_template(cdk_out)
    return json.loads(found.read_text()), found
