"""The pipeline's synth step: its commands and the CDK CLI and asset publisher versions the project pins."""

from __future__ import annotations

from pipeline.project_root import PROJECT_ROOT

from .build_environment import npm_pin
from .self_mutation_hold import HOLD_SCRIPT

# Lock-file installs, the unit tests (the sandbox-based suites run in CI, not here), then the synth.
# POSIX sh (CodeBuild's default shell; dash on the Ubuntu images): `make pipeline-dryrun` runs them so.
SYNTH_COMMANDS = [
    "npm ci --prefer-offline --no-audit --no-fund",  # npm's cache comes from the build cache (build_cache.py)
    "python3 -m pipeline.install_deps --venv .venv -r requirements-dev.lock",  # uv with hashes, as `make` installs
    "touch .venv/.installed node_modules/.installed",  # tell make the lock-file installs above are done
    "make test-unit",
    'export PATH="$PWD/.venv/bin:$PATH"',
    "npx cdk synth",
    f"cp {HOLD_SCRIPT} cdk.out/",  # self-mutation's input is the assembly (pipeline/scripts/hold_self_mutation.py)
]


def cdk_cli_version() -> str:
    """The CDK CLI the project pins (devDependencies.aws-cdk, as locked): the synth step runs it (`npm ci`), and
    self-mutation and the permission checks install exactly it."""
    return npm_pin("aws-cdk", PROJECT_ROOT)


def cdk_assets_version() -> str:
    """The asset publisher the project pins (devDependencies.cdk-assets, as locked): the FileAssets step installs
    exactly it instead of CDK Pipelines' default `cdk-assets@latest`."""
    return npm_pin("cdk-assets", PROJECT_ROOT)
