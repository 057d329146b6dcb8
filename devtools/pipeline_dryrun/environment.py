"""The environment a step's shell gets: what a CodeBuild container would have, and nothing of ours.

- Nothing from the developer's AWS setup: every AWS_* variable is dropped, IMDS is disabled and the SDK
  config/credential files point nowhere, so a step that needs credentials fails here as it would without
  a role. (In CodeBuild the project's service role is the only source of credentials.)
- The repository's `.venv/bin` is removed from PATH: the Makefile puts it first, and a step that only works
  because of it would fail in CodeBuild, where the source zip has no .venv.
- Variables CodeBuild sets itself (https://docs.aws.amazon.com/codebuild/latest/userguide/build-env-ref-env-vars.html):
  AWS_REGION/AWS_DEFAULT_REGION, CODEBUILD_SRC_DIR, CODEBUILD_BUILD_ID, CODEBUILD_RESOLVED_SOURCE_VERSION, ...
  CodeBuild does not set CI.
- Precedence (build-spec-ref.html, env/variables): the start-build values, i.e. the CodePipeline action's
  EnvironmentVariables, win over the project's, which win over the buildspec's env.variables.
- CodePipeline resolves `#{namespace.Variable}` in the action's variables before starting the build:
  https://docs.aws.amazon.com/codepipeline/latest/userguide/reference-variables.html
- `npm install -g` goes to the step's own prefix (npm_global): a build container's global installs go with it, and
  this machine's global packages stay untouched. npm reads its global configuration from `<prefix>/etc/npmrc`, so
  the machine's one (registry, CA file: what the image's npm would get from its own) is named explicitly.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from pipeline.gate import variables as gate

from .pipeline_model import EnvVar, Pipeline, Step

# Never inherited. Why each: AWS_* = credentials/config; CDK_* = e.g. CDK_OUTDIR would make the step's synth
# write into the reference assembly; CI = CodeBuild does not set it (tests behave differently under it);
# CODEBUILD_* = set below; VIRTUAL_ENV/PYTHONPATH/PYTHONHOME = our interpreter, not the step's; MAKE* = a
# parent make's flags would leak into the step's `make`; JSII_* = the project must set its own; AMPLIFY_OUTPUTS
# and the post-deploy and gate variables = a sandbox, stage or alarm the developer pointed at; npm_* lifecycle =
# `npm run`'s.
DROPPED_PREFIXES = (
    "AWS_",
    "CDK_",
    "CODEBUILD_",
    "GATE_",
    "JSII_",
    "MAKE",
    "npm_lifecycle_",
    "npm_package_",
    "PYTEST_",
)
DROPPED_NAMES = frozenset(
    {
        "CI",
        "VIRTUAL_ENV",
        "PYTHONPATH",
        "PYTHONHOME",
        "MFLAGS",
        "AMPLIFY_OUTPUTS",
        "PWD",
        "OLDPWD",
        "INIT_CWD",
        "npm_execpath",
        "npm_node_execpath",
        "npm_command",
        "GRAPHQL_URL",
        "USER_POOL_ID",
        "USER_POOL_CLIENT_ID",
        "IDENTITY_POOL_ID",
        "MEDIA_BUCKET",
        "ANALYTICS_STREAM",
        "PUSH_APP_ID",
        "AUTH_SETTINGS",
        "TEST_ROLE_ARN",
        "TEST_USERS_ALLOWED",
        "TARGET_REGION",
        "STACK_NAME",
        "TEST_ENVIRONMENT",
        gate.CANARY_FRESHNESS,
        gate.PIPELINE,
        gate.TOPIC,
        gate.BAKE_MINUTES,
    }
)
# Where SDKs would look for credentials besides variables: pointed at nothing.
# https://docs.aws.amazon.com/sdkref/latest/guide/feature-imds-credentials.html
NO_CREDENTIALS = {
    "AWS_EC2_METADATA_DISABLED": "true",
    "AWS_CONFIG_FILE": "/nonexistent/pipeline-dryrun/aws-config",
    "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/pipeline-dryrun/aws-credentials",
}
CREDENTIAL_VARIABLES = (
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_ROLE_ARN",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN",
)
PIPELINE_VARIABLE = re.compile(r"#\{([A-Za-z0-9@\-_]+)\.([A-Za-z0-9@\-_]+)\}")


class StepEnvironmentError(RuntimeError):
    """A variable the dry run cannot give a value offline."""


def without_venv(path: str, venv_bins: Iterable[Path]) -> str:
    """PATH without the given venv bin directories (compared resolved) and without relative entries: those
    would name other directories (e.g. the step's own `.venv/bin`) once the shell runs in the copy."""
    excluded = {p.resolve() for p in venv_bins}
    return os.pathsep.join(
        p for p in path.split(os.pathsep) if p and os.path.isabs(p) and Path(p).resolve() not in excluded
    )


def base_environment(environ: Mapping[str, str], repo: Path) -> dict[str, str]:
    """The machine's environment as a build container would have it: HOME, locale, CA and proxy settings
    (package registries must stay reachable), minus everything listed above."""
    env = {k: v for k, v in environ.items() if k not in DROPPED_NAMES and not k.startswith(DROPPED_PREFIXES)}
    venvs = [repo / ".venv" / "bin"]
    if environ.get("VIRTUAL_ENV"):
        venvs.append(Path(environ["VIRTUAL_ENV"]) / "bin")
    env["PATH"] = without_venv(environ.get("PATH", os.defpath), venvs)
    return env


@dataclass(frozen=True)
class BuildIdentity:
    """The fake-but-well-formed ids of one dry run (one pipeline execution, one build per step)."""

    execution_id: str
    commit: str
    started_ms: int

    @classmethod
    def new(cls, commit: str | None) -> BuildIdentity:
        return cls(str(uuid.uuid4()), commit or "0" * 40, int(time.time() * 1000))


def pipeline_variables(pipeline: Pipeline, identity: BuildIdentity) -> dict[str, str]:
    """`namespace.Variable` -> value for what CodePipeline would know at build time: the execution id and
    the source actions' variables (CodeConnections: CommitId, BranchName, FullRepositoryName, ...)."""
    values = {"codepipeline.PipelineExecutionId": identity.execution_id}
    for source in pipeline.sources:
        if not source.namespace:
            continue
        config = source.configuration
        for key, value in {
            "CommitId": identity.commit,
            "BranchName": str(config.get("BranchName", "main")),
            "FullRepositoryName": str(config.get("FullRepositoryId", "")),
            "ConnectionArn": str(config.get("ConnectionArn", "")),
            "AuthorDate": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(identity.started_ms / 1000)),
            "CommitMessage": "pipeline dry run",
        }.items():
            values[f"{source.namespace}.{key}"] = value
    return values


def substitute(value: str, known: Mapping[str, str], *, variable: str) -> str:
    def replace(match: re.Match[str]) -> str:
        key = f"{match.group(1)}.{match.group(2)}"
        if key not in known:
            raise StepEnvironmentError(f"{variable}: CodePipeline variable #{{{key}}} has no offline value")
        return known[key]

    return PIPELINE_VARIABLE.sub(replace, value)


def codebuild_variables(
    step: Step, pipeline: Pipeline, identity: BuildIdentity, src_dir: Path, secondary: Mapping[str, Path]
) -> dict[str, str]:
    """What CodeBuild sets in every build (build-env-ref-env-vars.html), with fake ids."""
    build_id = f"{step.project_id}:{uuid.uuid5(uuid.UUID(identity.execution_id), step.label)}"
    region, account = pipeline.region, pipeline.account
    values = {
        "AWS_REGION": region,
        "AWS_DEFAULT_REGION": region,
        "CODEBUILD_SRC_DIR": str(src_dir),
        "CODEBUILD_BUILD_ID": build_id,
        "CODEBUILD_BUILD_ARN": f"arn:aws:codebuild:{region}:{account}:build/{build_id}",
        "CODEBUILD_BUILD_NUMBER": "1",
        "CODEBUILD_BUILD_IMAGE": step.image,
        "CODEBUILD_INITIATOR": f"codepipeline/{pipeline.name}",
        "CODEBUILD_PROJECT_ARN": f"arn:aws:codebuild:{region}:{account}:project/{step.project_id}",
        "CODEBUILD_RESOLVED_SOURCE_VERSION": identity.commit,
        "CODEBUILD_SOURCE_VERSION": (
            f"arn:aws:s3:::{pipeline.name}-artifacts/{step.inputs[0] if step.inputs else 'none'}/dryrun.zip"
        ),
        "CODEBUILD_START_TIME": str(identity.started_ms),
    }
    for name, directory in secondary.items():  # secondary inputs: CODEBUILD_SRC_DIR_<artifact name>
        values[f"CODEBUILD_SRC_DIR_{name}"] = str(directory)
    return values


def _plain(variables: Iterable[EnvVar], where: str) -> list[EnvVar]:
    for var in variables:
        if var.type != "PLAINTEXT":
            raise StepEnvironmentError(f"{where} variable {var.name} is {var.type}: only AWS can resolve it")
    return list(variables)


def step_environment(
    *,
    base: Mapping[str, str],
    codebuild: Mapping[str, str],
    buildspec_variables: Mapping[str, str],
    step: Step,
    pipeline_values: Mapping[str, str],
) -> dict[str, str]:
    """Base, then CodeBuild's own, then buildspec < project < action; credentials removed at the end (a
    project could name AWS_ACCESS_KEY_ID; here it still must not reach the step)."""
    env = {**base, **codebuild, **buildspec_variables}
    env.update({v.name: v.value for v in _plain(step.project_env, "project")})
    env.update(
        {v.name: substitute(v.value, pipeline_values, variable=v.name) for v in _plain(step.action_env, "action")}
    )
    for name in CREDENTIAL_VARIABLES:
        env.pop(name, None)
    env.update(NO_CREDENTIALS)
    return env


@functools.cache
def _npm_globalconfig(path: str, home: str) -> str | None:
    npm = shutil.which("npm", path=path)
    if npm is None:
        return None
    try:
        out = subprocess.run(
            [npm, "config", "get", "globalconfig"],
            capture_output=True,
            text=True,
            timeout=60,
            env={"PATH": path, "HOME": home},
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return out if out and os.path.isfile(out) else None


def npm_global(env: Mapping[str, str], prefix: Path) -> dict[str, str]:
    """`env` with npm's global prefix in `prefix` (its `bin` first on PATH) and the machine's global npmrc kept."""
    globalconfig = _npm_globalconfig(env.get("PATH", ""), env.get("HOME", ""))
    result = {k: v for k, v in env.items() if k.lower() not in ("npm_config_prefix", "npm_config_globalconfig")}
    result["NPM_CONFIG_PREFIX"] = str(prefix)
    if globalconfig:
        result["NPM_CONFIG_GLOBALCONFIG"] = globalconfig
    result["PATH"] = f"{prefix / 'bin'}:{env.get('PATH', '')}"
    return result
