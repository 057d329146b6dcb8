"""A sandbox start never imports the CDK: aws_cdk alone takes seconds to import, and the sandbox checks its seed's
passwords before anything is synthesized (backend/auth_settings.py holds the policy without CDK)."""

from __future__ import annotations

import subprocess
import sys

from pipeline.project_root import PROJECT_ROOT as ROOT


def test_the_server_and_its_seed_check_import_no_cdk() -> None:
    code = (
        "import sys\n"
        "import sandbox.server\n"
        "from sandbox.provisioning.seed import user_pool_password_policy\n"
        "assert user_pool_password_policy()['min_length'] >= 8\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('aws_cdk', 'constructs', 'jsii')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
