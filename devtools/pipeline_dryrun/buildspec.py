"""A buildspec, parsed into what the dry run executes and checks.

Reference: https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html
- `Source.BuildSpec` of a project is either the buildspec itself (YAML; CDK writes JSON, which is YAML) or a
  path relative to CODEBUILD_SRC_DIR (CDK Pipelines writes `buildspec-*.yaml` into the assembly when the
  inline one would be too large), see "Buildspec file name and storage location".
- phases run in the order install, pre_build, build, post_build; each has `commands`, optional `finally`
  and `on-failure`; `install.runtime-versions` selects runtimes; `env.shell` (Linux: `bash` or `/bin/sh`);
  `env.variables` (lowest precedence); `env.exported-variables` (their values at the end of the build become the
  action's output variables); `artifacts.base-directory` (and per secondary artifact); `cache.paths`
  and `cache.key` (https://docs.aws.amazon.com/codebuild/latest/userguide/caching-s3.html).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

PHASE_ORDER = ("install", "pre_build", "build", "post_build")
SUPPORTED_VERSIONS = ("0.1", "0.2")
LINUX_SHELLS = ("bash", "/bin/sh")


class BuildSpecError(ValueError):
    """A buildspec CodeBuild would reject, or one the dry run cannot read."""


@dataclass(frozen=True)
class Phase:
    name: str
    commands: tuple[str, ...]
    finally_commands: tuple[str, ...] = ()
    on_failure: str | None = None  # ABORT | CONTINUE | RETRY...; None: the default transitions
    runtime_versions: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Artifacts:
    name: str  # "" for the primary artifact, else the secondary artifact identifier
    files: tuple[str, ...]
    base_directory: str | None


@dataclass(frozen=True)
class BuildSpec:
    version: str
    phases: tuple[Phase, ...]
    shell: str | None = None
    variables: Mapping[str, str] = field(default_factory=dict)
    # parameter-store / secrets-manager names: only AWS can resolve them
    remote_variables: tuple[str, ...] = ()
    artifacts: tuple[Artifacts, ...] = ()
    cache_paths: tuple[str, ...] = ()
    cache_key: str | None = None
    exported_variables: tuple[str, ...] = ()

    @property
    def runtime_versions(self) -> Mapping[str, str]:
        for phase in self.phases:
            if phase.name == "install":
                return phase.runtime_versions
        return {}

    @property
    def base_directories(self) -> tuple[str, ...]:
        return tuple(a.base_directory for a in self.artifacts if a.base_directory)


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (str, int, float)):
        return (str(value),)
    if not isinstance(value, list):
        raise BuildSpecError(f"{where}: expected a list of commands, got {type(value).__name__}")
    return tuple(str(item) for item in value)


def _phase(name: str, raw: Any) -> Phase:
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise BuildSpecError(f"phases.{name}: expected a mapping")
    runtimes = raw.get("runtime-versions") or {}
    return Phase(
        name=name,
        commands=_strings(raw.get("commands"), f"phases.{name}.commands"),
        finally_commands=_strings(raw.get("finally"), f"phases.{name}.finally"),
        on_failure=str(raw["on-failure"]).upper() if raw.get("on-failure") else None,
        runtime_versions={str(k): str(v) for k, v in runtimes.items()},
    )


def _artifacts(raw: Any) -> tuple[Artifacts, ...]:
    if not raw:
        return ()
    if not isinstance(raw, dict):
        raise BuildSpecError("artifacts: expected a mapping")
    found = [Artifacts("", _strings(raw.get("files"), "artifacts.files"), _opt_str(raw.get("base-directory")))]
    for name, secondary in (raw.get("secondary-artifacts") or {}).items():
        found.append(
            Artifacts(
                str(name),
                _strings(secondary.get("files"), f"artifacts.secondary-artifacts.{name}.files"),
                _opt_str(secondary.get("base-directory")),
            )
        )
    return tuple(found)


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def parse_buildspec(raw: Mapping[str, Any]) -> BuildSpec:
    version = str(raw.get("version", ""))
    if version not in SUPPORTED_VERSIONS:
        raise BuildSpecError(f"version {version or '(missing)'!r}: CodeBuild accepts {' or '.join(SUPPORTED_VERSIONS)}")
    phases_raw = raw.get("phases") or {}
    unknown = set(phases_raw) - set(PHASE_ORDER)
    if unknown:
        raise BuildSpecError(f"phases: unknown phase(s) {', '.join(sorted(unknown))}")
    env = raw.get("env") or {}
    shell = env.get("shell")
    if shell is not None and shell not in LINUX_SHELLS:
        raise BuildSpecError(f"env.shell {shell!r}: on Linux CodeBuild supports {' or '.join(LINUX_SHELLS)}")
    return BuildSpec(
        version=version,
        phases=tuple(_phase(name, phases_raw[name]) for name in PHASE_ORDER if name in phases_raw),
        shell=shell,
        variables={str(k): "" if v is None else str(v) for k, v in (env.get("variables") or {}).items()},
        remote_variables=tuple(
            f"{kind}:{key}" for kind in ("parameter-store", "secrets-manager") for key in (env.get(kind) or {})
        ),
        artifacts=_artifacts(raw.get("artifacts")),
        cache_paths=_strings((raw.get("cache") or {}).get("paths"), "cache.paths"),
        cache_key=_opt_str((raw.get("cache") or {}).get("key")),
        exported_variables=_strings(env.get("exported-variables"), "env.exported-variables"),
    )


def load_buildspec(source: str, source_dir: Path) -> BuildSpec:
    """`Source.BuildSpec` as written in the template: inline YAML/JSON, or a file in the primary input."""
    try:
        parsed = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        raise BuildSpecError(f"not YAML: {exc}") from None
    if isinstance(parsed, dict):
        return parse_buildspec(parsed)
    # A scalar: a path relative to CODEBUILD_SRC_DIR (the primary input artifact).
    path = source_dir / source.strip()
    if not path.is_file():
        raise BuildSpecError(f"buildspec file {source.strip()!r} not found in the input artifact ({source_dir})")
    try:
        parsed = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise BuildSpecError(f"{path.name}: not YAML: {exc}") from None
    if not isinstance(parsed, dict):
        raise BuildSpecError(f"{path.name}: not a buildspec mapping")
    return parse_buildspec(parsed)


def split_at(spec: BuildSpec, phase: str, index: int) -> tuple[BuildSpec, BuildSpec]:
    """The build as two parts run one after the other (shell.run_build's keep/resume carries the shell state):
    everything before command `index` of `phase`, then that command with what follows it (the rest of the
    phase, its `finally`, which runs after all its commands, and the later phases). Runtime versions stay with
    the first part, the rest of the buildspec (env, artifacts, cache) applies to the build as a whole."""
    names = [p.name for p in spec.phases]
    if phase not in names or not 0 <= index < len(spec.phases[names.index(phase)].commands):
        raise BuildSpecError(f"phases.{phase}.commands has no command {index}")
    at = names.index(phase)
    split = spec.phases[at]
    before = (*spec.phases[:at], replace(split, commands=split.commands[:index], finally_commands=()))
    after = (replace(split, commands=split.commands[index:], runtime_versions={}), *spec.phases[at + 1 :])
    return replace(spec, phases=before), replace(spec, phases=after)
