#!/usr/bin/env python3
"""CDK entry point: the pipeline for config/environments.yaml, plus an optional personal stage.

`cdk synth` builds the pipeline stack (one nested assembly per environment).
`cdk deploy -c personal=<name> --all` also builds `Personal-<name>`, a MobileBackendStage outside the pipeline
in the current CLI account/region (CDK_DEFAULT_ACCOUNT/REGION), removable and without approval gates.
No network, STS or git calls happen here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import aws_cdk as cdk

import config.loader as config_loader
from config import ConfigError
from pipeline.app_builder import build_app


def main() -> None:
    try:
        config = config_loader.load_config(config_loader.DEFAULT_CONFIG_PATH)
    except ConfigError as exc:
        sys.exit(f"error: {exc}")
    # The CLI passes cdk.json's context; `python app.py` alone must synthesize the same assembly.
    context = json.loads((Path(__file__).resolve().parent / "cdk.json").read_text(encoding="utf-8"))["context"]
    app = cdk.App(context=context)
    build_app(app, config)
    app.synth()


if __name__ == "__main__":
    main()
