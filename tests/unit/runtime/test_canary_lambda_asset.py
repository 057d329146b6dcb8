"""The canary's handlers import as Lambda imports them: from the asset's `runtime/` folder (no `backend.` prefix),
with only the standard library and boto3/botocore (and their own dependencies) installed, and no Powertools."""

from __future__ import annotations

import shutil
import subprocess
import sys

from pipeline.project_root import PROJECT_ROOT

RUNTIME = PROJECT_ROOT / "backend" / "runtime"

IMPORT_AS_LAMBDA = """
import sys

# What the Python Lambda runtime provides besides the standard library: boto3, botocore and what they import.
PROVIDED = {"boto3", "botocore", "s3transfer", "jmespath", "dateutil", "urllib3", "six", "runtime"}


class LambdaRuntimeOnly:
    def find_spec(self, name, path=None, target=None):
        root = name.partition(".")[0]
        if root not in sys.stdlib_module_names and root not in PROVIDED and not root.startswith("_"):
            raise ImportError(f"{name} is not available to the canary's Lambda function")
        return None


sys.meta_path.insert(0, LambdaRuntimeOnly())
sys.path.insert(0, sys.argv[1])  # the task root (-I keeps the current directory and PYTHON* variables out)
import runtime.canary.handler
import runtime.canary.user_resource

print(runtime.canary.handler.handler.__module__, runtime.canary.user_resource.handler.__module__)
"""


def test_the_handlers_import_from_the_asset_layout_with_only_what_lambda_provides(tmp_path):
    shutil.copytree(RUNTIME, tmp_path / "runtime", ignore=shutil.ignore_patterns("__pycache__"))
    done = subprocess.run(
        [sys.executable, "-I", "-c", IMPORT_AS_LAMBDA, str(tmp_path)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["runtime.canary.handler", "runtime.canary.user_resource"]


def test_the_import_check_does_refuse_a_third_party_package(tmp_path):
    """The check above can fail: a module importing Powertools is refused the same way."""
    shutil.copytree(RUNTIME, tmp_path / "runtime", ignore=shutil.ignore_patterns("__pycache__"))
    code = IMPORT_AS_LAMBDA.replace("import runtime.canary.handler\n", "import runtime.observability\n", 1)
    done = subprocess.run(
        [sys.executable, "-I", "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode != 0
    assert "aws_lambda_powertools is not available" in done.stderr
