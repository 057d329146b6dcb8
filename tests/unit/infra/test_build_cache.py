"""The pipeline's install steps: uv through pipeline/install_deps.py, and an S3 dependency cache keyed by lock files."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import pytest
from aws_cdk.assertions import Template

from pipeline.install_deps import tools_root
from pipeline.project_root import PROJECT_ROOT

from .helpers import resources
from .pipeline_template import action, build_commands, project_of

FAST_INSTALL = re.compile(r"^python3 -m pipeline\.install_deps --venv \.venv -r (requirements-[a-z]+\.lock)$")


@pytest.fixture(scope="module")
def template(default_synth) -> Mapping[str, Any]:
    return Template.from_stack(default_synth.pipeline).to_json()


def _cache_bucket(template: dict) -> str:
    (logical_id,) = [k for k in resources(template, "AWS::S3::Bucket") if k.startswith("DependencyCache")]
    return logical_id


def _install_steps(template: dict) -> dict[str, dict]:
    """Synth, every post-deploy test step and the gate steps: project properties by action name."""
    steps = {"Synth": project_of(template, action(template, "Build", "Synth"))}
    for stage, name in (
        ("Dev", "IntegrationTests-dev"),
        ("Prod", "IntegrationTests-prod"),
        ("Gate-prod", "GateCheck-prod"),
        ("Prod", "Bake-prod"),
    ):
        steps[name] = project_of(template, action(template, stage, name))
    return steps


def test_install_steps_use_the_fast_installer_and_never_pip_directly(template: dict) -> None:
    for name, project in _install_steps(template).items():
        commands = json.loads(project["Source"]["BuildSpec"])["phases"]["build"]["commands"]
        installs = [m.group(1) for c in commands if (m := FAST_INSTALL.match(c))]
        assert installs == (["requirements-dev.lock"] if name == "Synth" else ["requirements-integration.lock"]), name
        assert not [c for c in commands if "pip install" in c or "-m venv" in c], name


def test_npm_installs_from_the_lock_file_preferring_the_cache(template: dict) -> None:
    synth = action(template, "Build", "Synth")
    commands = build_commands(template, synth.configuration["ProjectName"])
    assert "npm ci --prefer-offline --no-audit --no-fund" in commands


def test_install_steps_share_one_s3_cache_keyed_by_what_they_install(template: dict) -> None:
    bucket = _cache_bucket(template)
    for name, project in _install_steps(template).items():
        assert project["Cache"]["Type"] == "S3", name
        assert project["Cache"]["Location"]["Fn::Join"][1][0] == {"Ref": bucket}, name
        cache = json.loads(project["Source"]["BuildSpec"])["cache"]
        hashed = re.fullmatch(r"([a-z-]+)-\$\(codebuild-hash-files ([^)]+)\)", cache["key"])
        assert hashed, cache["key"]
        files = hashed.group(2).split()
        assert all((PROJECT_ROOT / f).is_file() for f in files), files  # a key over missing files would never change
        assert "pipeline/install_deps.py" in files  # its uv pin decides what the cache holds
        installed = "requirements-dev.lock" if name == "Synth" else "requirements-integration.lock"
        assert installed in files
        # The uv binary is cached where the installer keeps it for CodeBuild's root user.
        assert f"{tools_root({'HOME': '/root'})}/**/*" in cache["paths"]
        assert ("/root/.npm/**/*" in cache["paths"]) == (name == "Synth")  # only the synth step runs npm


def test_the_cache_bucket_is_private_encrypted_tls_only_and_expires_old_keys(template: dict) -> None:
    bucket_id = _cache_bucket(template)
    bucket = template["Resources"][bucket_id]["Properties"]
    assert bucket["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True,
        "BlockPublicPolicy": True,
        "IgnorePublicAcls": True,
        "RestrictPublicBuckets": True,
    }
    assert bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]["ServerSideEncryptionByDefault"]
    assert [rule["ExpirationInDays"] for rule in bucket["LifecycleConfiguration"]["Rules"]] == [30]
    (policy,) = [
        p["Properties"]["PolicyDocument"]
        for p in resources(template, "AWS::S3::BucketPolicy").values()
        if p["Properties"]["Bucket"] == {"Ref": bucket_id}
    ]
    assert any(
        s["Effect"] == "Deny" and s["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
        for s in policy["Statement"]
    )


def test_only_the_install_steps_roles_can_reach_the_cache(template: dict) -> None:
    bucket_id = _cache_bucket(template)
    # the install steps above, and the pre-deploy step (its cache holds uv only; test_pre_deploy_step.py)
    pre_deploy = project_of(template, action(template, "Gate-prod", "PreDeploy-prod"))
    allowed_roles = {json.dumps(p["ServiceRole"]) for p in [*_install_steps(template).values(), pre_deploy]}
    reaching = set()
    for policy in resources(template, "AWS::IAM::Policy").values():
        statements = policy["Properties"]["PolicyDocument"]["Statement"]
        if any(bucket_id in json.dumps(s["Resource"]) for s in statements):
            reaching |= {json.dumps({"Fn::GetAtt": [r["Ref"], "Arn"]}) for r in policy["Properties"]["Roles"]}
    assert reaching == allowed_roles
