"""`npx cdk …` works as the README says right after `make deps`, with no virtualenv activated."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_npx_cdk_ls_uses_the_project_venv_without_activation() -> None:
    venv_bin = str(ROOT / ".venv" / "bin")
    path = os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep) if Path(p) != Path(venv_bin))
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")} | {"PATH": path}

    listed = subprocess.run(
        ["npx", "--no-install", "cdk", "ls"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )

    assert listed.returncode == 0, listed.stderr[-2000:]
    stacks = listed.stdout.split()
    assert "MobileBackendPipeline" in stacks and "(Dev-MobileBackend)" in stacks and "(Prod-MobileBackend)" in stacks
