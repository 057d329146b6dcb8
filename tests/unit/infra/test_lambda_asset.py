"""The runtime functions' code asset: `runtime/` plus the pinned Powertools, the same on every machine, importable
the way Lambda imports it, and refused when the installed packages are not the pinned ones."""

from __future__ import annotations

import compileall
import os
import shutil
import subprocess
import sys
from pathlib import Path

import aws_cdk as cdk
import pytest
from aws_cdk.assertions import Template

from backend.infra.functions import function_code
from backend.infra.lambda_asset import (
    REQUIREMENTS,
    RUNTIME_PACKAGE,
    Asset,
    AssetError,
    asset_files,
    asset_sources,
    content_hash,
    copy_files,
    pinned_version,
    runtime_asset,
)

from .constructs.support import bare_stack


def test_the_asset_holds_runtime_powertools_and_typing_extensions_at_its_top_level() -> None:
    sources = asset_sources()
    assert list(sources) == [RUNTIME_PACKAGE, "aws_lambda_powertools", "typing_extensions.py"]
    names = {relative for relative, _ in runtime_asset().files}
    assert "runtime/graphql_handler.py" in names and "aws_lambda_powertools/logging/logger.py" in names
    assert "typing_extensions.py" in names
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]
    assert not [name for name in names if ".dist-info" in name]  # installer metadata differs between pip and uv


def test_the_hash_depends_on_paths_and_bytes_not_on_the_installation(tmp_path: Path) -> None:
    """Another machine's copy: bytecode compiled by its installer, other modification times, other locations."""
    elsewhere: dict[str, Path] = {}
    for name, source in asset_sources().items():
        target = tmp_path / "site" / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
            compileall.compile_dir(target, quiet=1)  # what pip does at install time (uv does not)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        elsewhere[name] = target
    for path in (tmp_path / "site").rglob("*.py"):
        os.utime(path, (1_000_000_000, 1_000_000_000))
    assert content_hash(asset_files(elsewhere)) == runtime_asset().hash

    (elsewhere[RUNTIME_PACKAGE] / "graphql_handler.py").write_text("changed = True\n")
    assert content_hash(asset_files(elsewhere)) != runtime_asset().hash


def test_cdk_names_the_asset_by_that_hash_alone(tmp_path: Path) -> None:
    def s3_key(asset: Asset) -> str:
        stack = bare_stack()
        cdk.aws_lambda.Function(
            stack,
            "Fn",
            runtime=cdk.aws_lambda.Runtime.PYTHON_3_14,
            handler="runtime.graphql_handler.handler",
            code=function_code(asset),
        )
        [function] = [
            r
            for r in Template.from_stack(stack).to_json()["Resources"].values()
            if r["Type"] == "AWS::Lambda::Function"
        ]
        return function["Properties"]["Code"]["S3Key"]

    one_file = runtime_asset().files[:1]
    assert s3_key(Asset(one_file, "a" * 64)) == s3_key(Asset(one_file, "a" * 64))
    assert s3_key(Asset(one_file, "a" * 64)) != s3_key(Asset(one_file, "b" * 64))


def test_installed_packages_other_than_the_pins_are_refused_in_one_line(tmp_path: Path) -> None:
    requirements = tmp_path / "requirements-dev.txt"
    pinned = f"aws-lambda-powertools=={pinned_version('aws-lambda-powertools')}"
    requirements.write_text(REQUIREMENTS.read_text().replace(pinned, "aws-lambda-powertools==0.0.1"))
    with pytest.raises(AssetError) as refused:
        asset_sources(requirements)
    message = str(refused.value)
    assert "\n" not in message
    assert "pins aws-lambda-powertools==0.0.1" in message and "make deps" in message


@pytest.mark.parametrize(
    ("line", "version"),
    [
        ("aws-lambda-powertools==3.37.0\n", "3.37.0"),
        ("aws-lambda-powertools[tracer]==3.1.0  # comment\n", "3.1.0"),
        ("aws_lambda_powertools==2.0.0\n", "2.0.0"),
        ("Typing_Extensions==4.16.0\n", None),
    ],
)
def test_pins_are_read_whatever_the_spelling(tmp_path: Path, line: str, version: str | None) -> None:
    requirements = tmp_path / "requirements.txt"
    requirements.write_text(line)
    if version is None:
        assert pinned_version("typing-extensions", requirements) == "4.16.0"
    else:
        assert pinned_version("aws-lambda-powertools", requirements) == version


def test_an_unpinned_package_is_refused(tmp_path: Path) -> None:
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("aws-lambda-powertools>=3\n")
    with pytest.raises(ValueError, match="expected a pinned 'aws-lambda-powertools"):
        pinned_version("aws-lambda-powertools", requirements)


IMPORT_AS_LAMBDA = """
import os
import sys

# What the Python Lambda runtime provides besides the standard library: boto3, botocore and what they import; the
# rest must come from the asset (the task root, first on the path).
PROVIDED = {"boto3", "botocore", "s3transfer", "jmespath", "dateutil", "urllib3", "six"}
ASSET = sys.argv[1]


class LambdaRuntimeOnly:
    def find_spec(self, name, path=None, target=None):
        root = name.partition(".")[0]
        if root in sys.stdlib_module_names or root in PROVIDED or root.startswith("_"):
            return None
        if os.path.exists(os.path.join(ASSET, root)) or os.path.exists(os.path.join(ASSET, f"{root}.py")):
            return None
        raise ImportError(f"{name} is neither in the asset nor provided by the Lambda runtime")


sys.meta_path.insert(0, LambdaRuntimeOnly())
sys.path.insert(0, ASSET)  # the task root (-I keeps the current directory and PYTHON* variables out)
import aws_lambda_powertools
import runtime.cognito_trigger
import runtime.graphql_handler
import runtime.stream_handler

assert aws_lambda_powertools.__file__.startswith(ASSET), aws_lambda_powertools.__file__
assert sys.modules["typing_extensions"].__file__.startswith(ASSET)
print("imported")
"""


def test_the_handlers_import_from_the_asset_with_only_what_lambda_provides(tmp_path: Path) -> None:
    copy_files(list(runtime_asset().files), tmp_path / "task")
    environment = {
        "AWS_DEFAULT_REGION": "us-east-1",
        "POWERTOOLS_SERVICE_NAME": "mobile-backend",
        "POWERTOOLS_METRICS_NAMESPACE": "MobileBackend",
        "PATH": os.environ.get("PATH", ""),
    }
    done = subprocess.run(
        [sys.executable, "-I", "-B", "-c", IMPORT_AS_LAMBDA, str(tmp_path / "task")],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "imported"


def test_without_typing_extensions_the_handlers_would_not_import(tmp_path: Path) -> None:
    """The check above can fail: Powertools needs typing_extensions, which the Lambda runtime does not provide."""
    copy_files([(name, path) for name, path in runtime_asset().files if name != "typing_extensions.py"], tmp_path)
    done = subprocess.run(
        [sys.executable, "-I", "-B", "-c", IMPORT_AS_LAMBDA, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={"AWS_DEFAULT_REGION": "us-east-1", "PATH": os.environ.get("PATH", "")},
    )
    assert done.returncode != 0
    assert "typing_extensions is neither in the asset nor provided by the Lambda runtime" in done.stderr
