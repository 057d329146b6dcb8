"""Every CodeBuild project of the pipeline runs on the pinned runtimes and installs only pinned tools (issue 17).

Reads every `AWS::CodeBuild::Project` of the synthesized pipeline stack: our steps (synth, post-deploy tests, gate
checks, bakes) and CDK Pipelines' own (self-mutation, asset publishing, the permission-broadening check), with the
buildspec files in the assembly that a project names instead of inlining its buildspec (CDK writes the asset
publishing buildspec to `buildspec-*-FileAsset.yaml`). Each must select `runtime-versions` nodejs and python as
pipeline/build_environment.py says (otherwise the image's default Node runs it), and every `npm install`, `npx`,
`pip install` in it must install exact versions, those of package.json/package-lock.json for npm packages: an
`@latest` or a bare name lets an upstream release change the pipeline without a commit. Requirement files given
with `-r` (the pip installs, and pipeline/install_deps.py which our steps run) carry their own pins and are not read
here; every Python install of the pipeline must be pipeline/install_deps.py with a lock (hash-checked: devtools/lock.py,
tests/unit/test_locks.py). Last, the pinned cdk-assets must be able to read the asset manifests the pinned
aws-cdk-lib writes.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from aws_cdk.assertions import Template

from pipeline.build_environment import BUILD_IMAGE, NODE_VERSION, PYTHON_VERSION
from pipeline.project_root import PROJECT_ROOT

from .helpers import resources

EXACT = re.compile(r"\d+\.\d+\.\d+")  # what package.json pins and npm/pip install exactly: no range, no tag
ASSEMBLY_BUILDSPEC = re.compile(r"buildspec-[\w.-]+\.ya?ml")
SEPARATORS = {"&&", "||", ";", "|", "&", "(", ")"}
PIP_OPTIONS_WITH_VALUE = {
    "-c",
    "--constraint",
    "-t",
    "--target",
    "-i",
    "--index-url",
    "--extra-index-url",
    "--python",
    "--prefix",
    "--root",
    "--venv",
    "--cache-dir",
}
NPM_OPTIONS_WITH_VALUE = {"--prefix", "--registry", "--cache", "--loglevel", "-w", "--workspace"}


def _lock() -> dict[str, Any]:
    return json.loads((PROJECT_ROOT / "package-lock.json").read_text(encoding="utf-8"))


def npm_pins() -> dict[str, str]:
    """The project's direct npm packages and their exact versions (package.json, as locked)."""
    package = json.loads((PROJECT_ROOT / "package.json").read_text(encoding="utf-8"))
    return {**package.get("dependencies", {}), **package.get("devDependencies", {})}


def locked_bins() -> set[str]:
    """The commands `npm ci` puts in node_modules/.bin for the project's direct packages."""
    lock = _lock()
    return {b for name in npm_pins() for b in lock["packages"].get(f"node_modules/{name}", {}).get("bin", {})}


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


# --- what counts as an unpinned install --------------------------------------------------------------------------


def simple_commands(command: str) -> Iterator[list[str]]:
    """The simple commands of one shell line (split at `&&`, `||`, `;`, pipes), without leading `VAR=value`/sudo."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    words: list[str] = []
    for token in [*lexer, ";"]:
        if token in SEPARATORS:
            while words and (re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", words[0]) or words[0] in ("sudo", "env")):
                words = words[1:]
            if words:
                yield words
            words = []
        else:
            words.append(token)


def _npm_spec(spec: str) -> tuple[str, str | None]:
    """`name@version` (or `@scope/name@version`) → (name, version or None)."""
    at = spec.rfind("@")
    if at <= 0:
        return spec, None
    return spec[:at], spec[at + 1 :]


def _operands(words: list[str], with_value: set[str]) -> list[str]:
    operands, skip = [], False
    for word in words:
        if skip:
            skip = False
        elif word in with_value:
            skip = True
        elif not word.startswith("-"):
            operands.append(word)
    return operands


def _npm_package_findings(specs: list[str], pins: dict[str, str]) -> list[str]:
    findings = []
    for spec in specs:
        name, version = _npm_spec(spec)
        if version is None or not EXACT.fullmatch(version):
            findings.append(f"{spec}: no exact version")
        elif name not in pins:
            findings.append(f"{spec}: {name} is not pinned in package.json")
        elif pins[name] != version:
            findings.append(f"{spec}: package.json pins {name} {pins[name]}")
    return findings


def unpinned_installs(commands: list[str], pins: dict[str, str], bins: set[str]) -> list[str]:
    """Each install in `commands` (one buildspec, in order) of a package without an exact, project-pinned version."""
    findings: list[str] = []
    npm_ci_ran = False
    for command in commands:
        for words in simple_commands(command):
            tool, rest = words[0], words[1:]
            if tool == "npm" and rest[:1] == ["ci"]:
                npm_ci_ran = True
            elif tool == "npm" and rest[:1] and rest[0] in ("install", "i", "add", "isntall", "in"):
                packages = _operands(rest[1:], NPM_OPTIONS_WITH_VALUE)
                if not packages:
                    findings.append(f"{command!r}: installs package.json's ranges (use npm ci)")
                findings += [f"{command!r}: {f}" for f in _npm_package_findings(packages, pins)]
            elif tool == "npx" or (tool == "npm" and rest[:1] == ["exec"]):
                args = rest if tool == "npx" else rest[1:]
                packages = [a.split("=", 1)[1] for a in args if a.startswith("--package=")]
                packages += [args[i + 1] for i, a in enumerate(args[:-1]) if a in ("-p", "--package")]
                if packages:
                    findings += [f"{command!r}: {f}" for f in _npm_package_findings(packages, pins)]
                    continue
                target = next((a for a in args if not a.startswith("-")), "")
                if "@" in target.lstrip("@"):
                    findings += [f"{command!r}: {f}" for f in _npm_package_findings([target], pins)]
                elif not (npm_ci_ran and target in bins):
                    findings.append(f"{command!r}: {target} is not a locked package installed by an earlier npm ci")
            elif _is_pip_install(words):
                start = words.index("install") + 1
                operands = _operands(words[start:], PIP_OPTIONS_WITH_VALUE | {"-r", "--requirement"})
                requirement_files = [w for i, w in enumerate(words[:-1]) if w in ("-r", "--requirement")]
                if not operands and not requirement_files:
                    findings.append(f"{command!r}: installs nothing pinned")
                findings += [
                    f"{command!r}: {o}: no exact version"
                    for o in operands
                    if not re.fullmatch(r"[\w.\[\],-]+==[\w.]+", o)
                ]
            elif tool in ("pipx", "uvx") or words[:3] == ["uv", "tool", "install"]:
                findings.append(f"{command!r}: installs a tool outside the pin files")
    return findings


def _is_pip_install(words: list[str]) -> bool:
    tool = words[0]
    if tool in ("pip", "pip3") or re.fullmatch(r"pip3\.\d+", tool):
        return words[1:2] == ["install"]
    if words[:2] == ["uv", "pip"]:
        return words[2:3] == ["install"]
    if re.fullmatch(r"(.*/)?python(3(\.\d+)?)?", tool) and words[1:3] == ["-m", "pip"]:
        return words[3:4] == ["install"]
    return False


# --- the checker on its own --------------------------------------------------------------------------------------

PINS = {"aws-cdk": "2.1148.1", "cdk-assets": "4.7.3"}


@pytest.mark.parametrize(
    "command",
    [
        "npm install -g cdk-assets@latest",
        "npm install -g aws-cdk",
        "npm i -g aws-cdk@^2",
        "npm install -g aws-cdk@2",
        "npm install -g aws-cdk@2.1000.0",  # exact, but not the project's pin
        "npm install -g left-pad@1.3.0",  # exact, but not a project pin at all
        "npm install",
        "npx cdk-assets publish",
        "npx -y cdk@latest deploy",
        "npx --package=aws-cdk cdk deploy",
        "pip install boto3",
        "python3 -m pip install --quiet 'boto3>=1.40'",
        "uv pip install boto3~=1.40",
        "FOO=1 pip3 install requests",
        "cd x && npm install -g aws-cdk",
        "pipx install cfn-lint",
    ],
)
def test_the_checker_finds_unpinned_installs(command: str) -> None:
    assert unpinned_installs([command], PINS, {"cdk"})


@pytest.mark.parametrize(
    "commands",
    [
        ["npm install -g aws-cdk@2.1148.1"],
        ["npm install -g cdk-assets@4.7.3"],
        ["npm ci --prefer-offline --no-audit --no-fund", "npx cdk synth"],
        ["npx --package=aws-cdk@2.1148.1 cdk diff"],
        ["pip install boto3==1.43.11 'moto[server]==5.2.1'"],
        ["python3 -m pipeline.install_deps --venv .venv -r requirements-dev.lock"],
        [".venv/bin/python -m pip install -r requirements-integration.txt"],
        ["if cdk diff -a . --security-only --fail $STAGE_PATH/\\*; then echo ok; fi"],
    ],
)
def test_the_checker_accepts_pinned_installs(commands: list[str]) -> None:
    assert unpinned_installs(commands, PINS, {"cdk"}) == []


def test_npx_of_a_locked_bin_needs_npm_ci_first() -> None:
    assert unpinned_installs(["npx cdk synth"], PINS, {"cdk"})


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
    pins, bins = npm_pins(), locked_bins()
    findings = {
        name: found
        for name, project in projects.items()
        if (found := unpinned_installs(spec_commands(project["spec"]), pins, bins))
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
        assert EXACT.fullmatch(pinned), f"package.json: {name} {pinned!r} is not an exact version"
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
