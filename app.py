#!/usr/bin/env python3
"""CDK entry point: the pipeline for config/environments.yaml, plus an optional personal stage.

`cdk synth` builds the pipeline stack (one nested assembly per environment).
`cdk deploy -c personal=<name> 'Personal-<name>/*'` also builds `Personal-<name>`, a MobileBackendStage outside
the pipeline in the current CLI account/region (CDK_DEFAULT_ACCOUNT/REGION), removable and without approval
gates, and deploys only that stage's stack (`--all` would deploy the pipeline stacks too; docs/deploying.md §10).
No network, STS or git calls happen here.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path

from pipeline.project_root import PROJECT_ROOT  # stdlib only: importable before the venv switch

PROJECT_VENV = PROJECT_ROOT / ".venv"


def use_project_venv() -> None:
    """cdk.json runs `python3 app.py` with whatever python3 is on PATH; `make deps` installs aws-cdk-lib into
    .venv/, so `npx cdk ls` with no venv activated re-executes this file with the venv's Python."""
    venv_python = PROJECT_VENV / "bin" / "python"
    if venv_python.exists() and Path(sys.prefix).resolve() != PROJECT_VENV.resolve():
        os.execv(venv_python, [str(venv_python), str(Path(__file__).resolve()), *sys.argv[1:]])  # noqa: S606 - this file again, under the venv's Python


# What `make deps` installs into .venv/ and this file needs before anything else runs.
REQUIRED_MODULES = ("aws_cdk", "pydantic", "yaml")


def require_dependencies() -> None:
    """Before `make deps` there is no .venv/: one line saying what to run instead of a ModuleNotFoundError."""
    missing = [name for name in REQUIRED_MODULES if importlib.util.find_spec(name) is None]
    if missing:
        where = "no .venv/ yet" if not PROJECT_VENV.exists() else f"not in {sys.prefix}"
        sys.exit(f"error: {', '.join(missing)} not installed ({where}): run `make deps` first (or `make synth`)")


use_project_venv()
require_dependencies()

from pipeline.synth_inputs import record_reads  # noqa: E402 - stdlib only, but after the checks above

record_reads(PROJECT_ROOT)  # only with SYNTH_INPUTS_RECORD set (the sandbox's and `make synth`'s cache keys)

import config.loader as config_loader  # noqa: E402 - after the venv switch: pydantic and PyYAML live there
from config import ConfigError  # noqa: E402 - after the venv switch, as above


def main() -> None:
    # Validate the config before jsii starts (~3 s), so a mistake in environments.yaml is reported at once.
    try:
        config = config_loader.load_config(config_loader.DEFAULT_CONFIG_PATH)
    except ConfigError as exc:
        sys.exit(f"error: {exc}")
    # Developers may still run Node 20 (end of life April 2026; the pipeline uses 22): jsii works on it, no banner.
    os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
    import aws_cdk as cdk

    from pipeline.app_builder import build_app

    # The CLI passes cdk.json's context; `python app.py` alone must synthesize the same assembly.
    context = json.loads((PROJECT_ROOT / "cdk.json").read_text(encoding="utf-8"))["context"]
    app = cdk.App(context=context)
    build_app(app, config)
    app.synth()


if __name__ == "__main__":
    main()
