"""Every CodeBuild project of the pipeline runs on the pinned runtimes and installs only pinned tools (issue 17).

Reads every `AWS::CodeBuild::Project` of the synthesized pipeline stack: our steps (synth, post-deploy tests, gate
checks, bakes) and CDK Pipelines' own (self-mutation, asset publishing, the permission-broadening check), with the
buildspec files in the assembly that a project names instead of inlining its buildspec (CDK writes the asset
publishing buildspec to `buildspec-*-FileAsset.yaml`). Each must select `runtime-versions` nodejs and python as
pipeline/build_environment.py says (otherwise the image's default Node runs it), and every `npm install`, `npx`,
`pip install` in it must install exact versions, those of package.json/package-lock.json for npm packages: an
`@latest` or a bare name lets an upstream release change the pipeline without a commit (the checker is the pipeline
dry run's, devtools/pipeline_dryrun/pins.py, with its stricter rules: their cases are here, the rest in
tests/unit/pipeline_dryrun/test_pins.py). Requirement files given with `-r` (the pip installs, and
pipeline/install_deps.py which our steps run) carry their own pins and are not read here; every Python install of the
pipeline must be pipeline/install_deps.py with a lock (hash-checked: devtools/lock.py, tests/unit/test_locks.py).
Last, the pinned cdk-assets must be able to read the asset manifests the pinned aws-cdk-lib writes.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from aws_cdk.assertions import Template

from devtools.pipeline_dryrun.pins import EXACT_SEMVER, ProjectPins, command_problems, unpinned_installs
from pipeline.build_environment import BUILD_IMAGE, NODE_VERSION, PYTHON_VERSION
from pipeline.project_root import PROJECT_ROOT

from .helpers import resources

ASSEMBLY_BUILDSPEC = re.compile(r"buildspec-[\w.-]+\.ya?ml")


def _lock() -> dict[str, Any]:
    return json.loads((PROJECT_ROOT / "package-lock.json").read_text(encoding="utf-8"))


def npm_pins() -> dict[str, str]:
    """The project's direct npm packages and their exact versions (package.json, as locked)."""
    package = json.loads((PROJECT_ROOT / "package.json").read_text(encoding="utf-8"))
    return {**package.get("dependencies", {}), **package.get("devDependencies", {})}


def project_pins() -> ProjectPins:
    """package.json's pins, and the commands `npm ci` puts in node_modules/.bin for those packages (the lock's)."""
    lock, pins = _lock(), npm_pins()
    bins = {b for name in pins for b in lock["packages"].get(f"node_modules/{name}", {}).get("bin", {})}
    return ProjectPins(pins, frozenset(bins))


# --- reading the buildspecs ---------------------------------------------------------------------------------


def _render(value: Any) -> str:
    """A BuildSpec value as text: a string, or CloudFormation's Fn::Join with other intrinsics as placeholders."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and "Fn::Join" in value:
        separator, parts = value["Fn::Join"]
        return str(separator).join(_render(part) for part in parts)
    return "TOKEN"


def build_spec(project: dict[str, Any], assembly: Path) -> dict[str, Any]:
    text = _render(project["Source"]["BuildSpec"])
    if ASSEMBLY_BUILDSPEC.fullmatch(text.strip()):  # passed through the cloud assembly: a file beside the templates
        text = (assembly / text.strip()).read_text(encoding="utf-8")
    spec = yaml.safe_load(text)  # JSON is YAML
    assert isinstance(spec, dict), text
    return spec


def spec_commands(spec: dict[str, Any]) -> list[str]:
    phases = spec.get("phases") or {}
    return [
        command
        for name in ("install", "pre_build", "build", "post_build")
        for key in ("commands", "finally")
        for command in (phases.get(name) or {}).get(key) or []
    ]


def pipeline_projects(template: Mapping[str, Any], assembly: Path) -> dict[str, dict[str, Any]]:
    """Every CodeBuild project of the pipeline stack: its name (the step's path, else the logical id) → buildspec."""
    found: dict[str, dict[str, Any]] = {}
    for logical_id, project in resources(template, "AWS::CodeBuild::Project").items():
        properties = project["Properties"]
        name = properties.get("Description", "").removeprefix("Pipeline step MobileBackendPipeline/Pipeline/")
        found[name or logical_id] = {"spec": build_spec(properties, assembly), "image": properties["Environment"]}
    return found


# --- the checker's stricter rules, given the project's pins (devtools/pipeline_dryrun/pins.py) --------------------

PROJECT = ProjectPins({"aws-cdk": "2.1148.1", "cdk-assets": "4.7.3"}, frozenset({"cdk"}))


@pytest.mark.parametrize(
    ("command", "problem"),
    [
        ("npm install -g cdk-assets@latest", "cdk-assets@latest: `latest` is a tag that moves with each release"),
        ("npm install -g aws-cdk", "aws-cdk: no version (npm installs whatever `latest` is on the day)"),
        ("npm i -g aws-cdk@^2", "aws-cdk@^2: a version range, not one version"),
        ("npm install -g aws-cdk@2", "aws-cdk@2: a version range, not one version"),
        ("npm install -g aws-cdk@2.1000.0", "aws-cdk@2.1000.0: package.json pins aws-cdk 2.1148.1"),
        ("npm i -g aws-cdk@2.1148.1-rc.0", "aws-cdk@2.1148.1-rc.0: package.json pins aws-cdk 2.1148.1"),
        ("npm install -g left-pad@1.3.0", "left-pad@1.3.0: left-pad is not pinned in package.json"),
        ("npm install -g ./tool.tgz", "./tool.tgz: a path or URL, not a package at package.json's version"),
        ("npm install", "installs package.json's ranges, not the lock (use npm ci)"),
        ("npx cdk-assets publish", "cdk-assets: not a bin of a locked package installed by an earlier npm ci"),
        ("npx -y cdk@latest deploy", "cdk@latest: `latest` is a tag that moves with each release"),
        ("npx --package=aws-cdk cdk deploy", "aws-cdk: no version (npm installs whatever `latest` is on the day)"),
        ("pip install boto3", "boto3: no version (pip installs the newest release)"),
        ("python3 -m pip install --quiet 'boto3>=1.40'", "boto3>=1.40: not one exact version (use `boto3==<version>`)"),
        ("uv pip install boto3~=1.40", "boto3~=1.40: not one exact version (use `boto3==<version>`)"),
        ("FOO=1 pip3 install requests", "requests: no version (pip installs the newest release)"),
        ("pip install -e .", "-e .: a path or URL, its dependencies unpinned"),
        ("pip install -c constraints.txt", "installs nothing pinned"),
        ("cd x && npm install -g aws-cdk", "aws-cdk: no version (npm installs whatever `latest` is on the day)"),
        ("pipx install cfn-lint", "pipx: installs a tool outside the project's locks"),
        ("uvx ruff", "uvx: installs a tool outside the project's locks"),
        ("exec npm install -g aws-cdk", "aws-cdk: no version (npm installs whatever `latest` is on the day)"),
        ("pnpm add -g cdk-assets@latest", "cdk-assets@latest: `latest` is a tag that moves with each release"),
        ("go install golang.org/x/tools/cmd/goimports@latest", "not one version (go installs the newest)"),
    ],
)
def test_with_the_project_pins_an_install_must_be_the_projects_version(command: str, problem: str) -> None:
    assert any(found.endswith(problem) for found in command_problems(command, PROJECT)), problem


@pytest.mark.parametrize(
    "commands",
    [
        ["npm install -g aws-cdk@2.1148.1"],
        ["npm install -g cdk-assets@4.7.3"],
        ["npm install -g --prefix /opt/tools cdk-assets@4.7.3 2>&1 | tail -1"],  # `2`, `1`: no packages
        ["npm ci --prefer-offline --no-audit --no-fund", "npx cdk synth"],
        ["npm clean-install && npx cdk synth"],  # npm ci's alias, in the same line
        ["npx --package=aws-cdk@2.1148.1 cdk diff"],
        ["pip install boto3==1.43.11 'moto[server]==5.2.1'"],
        ["pip install 'boto3 == 1.43.11'"],  # one requirement, one version
        ["python3 -m pipeline.install_deps --venv .venv -r requirements-dev.lock"],
        [".venv/bin/python -m pip install -r requirements-integration.txt"],
        ["pip install --requirement=requirements.txt"],
        ["if cdk diff -a . --security-only --fail $STAGE_PATH/\\*; then echo ok; fi"],
    ],
)
def test_with_the_project_pins_its_own_versions_are_fine(commands: list[str]) -> None:
    assert unpinned_installs(commands, PROJECT) == []


def test_npx_of_a_locked_bin_needs_npm_ci_first() -> None:
    assert unpinned_installs(["npx cdk synth"], PROJECT)
    assert unpinned_installs(["npx cdk synth", "npm ci"], PROJECT)


@pytest.mark.parametrize(
    "command",
    ["npm install", "npx cdk synth", "npm install -g left-pad@1.3.0", "pip install -e .", "pipx install ruff==0.5.0"],
)
def test_the_stricter_rules_apply_only_given_the_project_pins(command: str) -> None:
    """The dry run checks any pipeline's buildspecs, without knowing which versions its project pins."""
    assert command_problems(command) == []
    assert command_problems(command, PROJECT)


# --- the synthesized pipeline ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def projects(default_synth) -> dict[str, dict[str, Any]]:
    return pipeline_projects(Template.from_stack(default_synth.pipeline).to_json(), default_synth.outdir)


def test_every_project_is_read_including_cdks_own(projects: dict[str, dict[str, Any]]) -> None:
    names = set(projects)
    assert {"Build/Synth", "UpdatePipeline/SelfMutate", "Assets/FileAssets"} <= names
    assert {
        "Dev/IntegrationTests-dev",
        "Prod/IntegrationTests-prod",
        "Gate-prod/GateCheck-prod",
        "Prod/Bake-prod",
    } <= names
    assert [n for n in names if "SecurityCheck" in n], names  # ConfirmPermissionsBroadening's one project


def test_every_project_selects_the_pinned_runtimes_on_the_pinned_image(projects: dict[str, dict[str, Any]]) -> None:
    wrong = {
        name: (project["spec"].get("phases", {}).get("install") or {}).get("runtime-versions")
        for name, project in projects.items()
        if (project["spec"].get("phases", {}).get("install") or {}).get("runtime-versions")
        != {"nodejs": NODE_VERSION, "python": PYTHON_VERSION}
    }
    assert wrong == {}, f"projects on the image's default runtimes, or others than build_environment's: {wrong}"
    images = {name: p["image"]["Image"] for name, p in projects.items() if p["image"]["Image"] != BUILD_IMAGE.image_id}
    assert images == {}  # runtime-versions selects among what the image offers


def test_no_project_installs_an_unpinned_tool(projects: dict[str, dict[str, Any]]) -> None:
    pins = project_pins()
    findings = {
        name: found
        for name, project in projects.items()
        if (found := unpinned_installs(spec_commands(project["spec"]), pins))
    }
    assert findings == {}


PYTHON_INSTALL = re.compile(r"pip3? install|-m venv|pipeline\.install_deps")
LOCK_INSTALL = re.compile(
    r"^(\(cd \w+ && )?python3 -m pipeline\.install_deps --venv \.venv -r (requirements-[a-z]+\.lock)\)?$"
)


def test_every_python_install_is_a_hash_checked_lock(projects: dict[str, dict[str, Any]]) -> None:
    """pipeline/install_deps.py installs a lock with `--require-hashes` (tests/unit/test_pip_index_settings.py) and
    refuses anything else; no step may install Python packages another way."""
    installs = {
        (name, command)
        for name, project in projects.items()
        for command in spec_commands(project["spec"])
        if PYTHON_INSTALL.search(command)
    }
    assert installs  # the synth, test, gate and pre-deploy steps all install
    assert {(name, c) for name, c in installs if not LOCK_INSTALL.match(c)} == set()
    locks = {m.group(2) for _, c in installs if (m := LOCK_INSTALL.match(c))}
    assert locks == {"requirements-dev.lock", "requirements-integration.lock", "requirements-predeploy.lock"}
    assert all((PROJECT_ROOT / lock).is_file() for lock in locks)


def test_the_cdk_clis_are_pinned_exactly_in_package_json_and_its_lock() -> None:
    lock = _lock()
    for name in ("aws-cdk", "cdk-assets"):
        pinned = npm_pins()[name]
        assert EXACT_SEMVER.fullmatch(pinned), f"package.json: {name} {pinned!r} is not an exact version"
        assert lock["packages"][""]["devDependencies"][name] == pinned, name
        assert lock["packages"][f"node_modules/{name}"]["version"] == pinned, name


def test_cdks_own_projects_install_the_project_pins(projects: dict[str, dict[str, Any]]) -> None:
    pins = npm_pins()
    [security_check] = [p for n, p in projects.items() if "SecurityCheck" in n]
    expected = {
        "UpdatePipeline/SelfMutate": f"npm install -g aws-cdk@{pins['aws-cdk']}",
        "Assets/FileAssets": f"npm install -g cdk-assets@{pins['cdk-assets']}",
    }
    for name, install in expected.items():
        assert projects[name]["spec"]["phases"]["install"]["commands"] == [install], name
    assert security_check["spec"]["phases"]["install"]["commands"] == [f"npm install -g aws-cdk@{pins['aws-cdk']}"]
    assert not [c for c in spec_commands(security_check["spec"]) if c.startswith("npm install") and "@" not in c]


def test_the_pinned_cdk_assets_reads_the_synthesized_asset_manifests(default_synth) -> None:
    """What the FileAssets step runs, offline: the pinned cdk-assets lists every asset of every stage's manifest.
    (It fails when aws-cdk-lib writes a cloud assembly schema newer than the pinned cdk-assets reads, as 2.274+
    did: requirements-dev.txt.)"""
    cdk_assets = PROJECT_ROOT / "node_modules" / ".bin" / "cdk-assets"
    if not cdk_assets.exists():
        pytest.fail("node_modules has no cdk-assets: run `make deps` (npm ci)")
    manifests = sorted(Path(default_synth.outdir).glob("assembly-*/*.assets.json"))
    assert manifests
    for manifest in manifests:
        listed = subprocess.run(
            [str(cdk_assets), "--path", str(manifest), "ls"], capture_output=True, text=True, timeout=120
        )
        assert listed.returncode == 0, f"{manifest.name}: {listed.stderr.strip().splitlines()[:1]}"
