"""`python -m pipeline.gate entry|bake`: the gate check and bake steps' one command.

Everything comes from the step's CodeBuild project variables (pipeline/gate_steps.py writes them; the names are
in variables.py): which environment, its gate alarm, region and reader role, the canary's freshness limit,
the override, the pipeline stage, the notification topic and, for `bake`, the minutes.
GATE_SECONDS_PER_MINUTE shortens a bake in tests and in the pipeline dry run.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence

import boto3

from .checks import BLIND, BakeTiming, GateRun, bake, entry
from .execution import stage_execution_type
from .notify import publisher
from .override import Override, OverrideError
from .reading import GateReader, GateTarget, utc_now
from .variables import (
    ALARM,
    BAKE_MINUTES,
    CANARY_FRESHNESS,
    ENVIRONMENT,
    PIPELINE,
    READER_ROLE,
    REGION,
    REQUIRED,
    SECONDS_PER_MINUTE,
    STAGE,
    TOPIC,
)


class StepConfigError(ValueError):
    pass


def _required(environ: Mapping[str, str], name: str) -> str:
    value = environ.get(name, "")
    if not value:
        raise StepConfigError(f"{name} is not set (the step's project variables come from pipeline/gate_steps.py)")
    return value


def _int(environ: Mapping[str, str], name: str, default: int | None = None) -> int | None:
    raw = environ.get(name, "")
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise StepConfigError(f"{name}={raw!r}: expected a whole number") from None


def target_from(environ: Mapping[str, str]) -> GateTarget:
    for name in REQUIRED:
        _required(environ, name)
    return GateTarget(
        environment=environ[ENVIRONMENT],
        alarm_name=environ[ALARM],
        region=environ[REGION],
        reader_role_arn=environ[READER_ROLE],
        canary_freshness_minutes=_int(environ, CANARY_FRESHNESS),
    )


def main(argv: Sequence[str] | None = None, environ: Mapping[str, str] = os.environ) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.gate", description=__doc__.split("\n\n")[0])
    parser.add_argument("check", choices=["entry", "bake"])
    args = parser.parse_args(argv)
    try:
        target = target_from(environ)
        override = Override.from_environ(environ)
        minutes = _int(environ, BAKE_MINUTES, 0) or 0
        seconds_per_minute = float(environ.get(SECONDS_PER_MINUTE) or 60)
    except (StepConfigError, OverrideError, ValueError) as exc:
        print(f"gate: {exc}", flush=True)
        return BLIND
    session = boto3.Session()
    where = " ".join(
        f"{label} {environ[key]}."
        for label, key in (("Pipeline", PIPELINE), ("Build", "CODEBUILD_BUILD_ARN"))
        if environ.get(key)
    )
    run = GateRun(
        environment=target.environment,
        read=GateReader(target, session=session).read,
        override=override,
        today=utc_now().date(),
        say=lambda line: print(line, flush=True),
        publish=publisher(session, environ.get(TOPIC), lambda line: print(line, flush=True)),
        where=where,
    )
    if args.check == "entry":
        return entry(run)
    kind, note = stage_execution_type(session.client("codepipeline"), environ[PIPELINE], environ[STAGE])
    if note:
        print(f"bake {target.environment}: {note}", flush=True)
    timing = BakeTiming(minutes=minutes, seconds_per_minute=seconds_per_minute)
    return bake(run, timing, rollback=kind == "ROLLBACK")


if __name__ == "__main__":
    sys.exit(main())
