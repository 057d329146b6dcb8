"""`python -m pipeline.predeploy --assembly DIR`: the `PreDeploy-<env>` step's one command.

Everything about the environment comes from the step's project variables (variables.py); DIR is the synth output
(the step's primary input, `$CODEBUILD_SRC_DIR`). Exit status: 0 go; 1 a check refused the release; 2 the
checks cannot run (a variable, the new template, or the deployed template cannot be read: fail closed, unless a
first-deploy gate override is in effect).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import boto3

from pipeline.cloudformation.assembly import AssemblyError, load_stacks
from pipeline.gate.override import Override, OverrideError
from pipeline.predeploy.replacement import Acknowledgement, SchemaError

from .checks import CHECKS, Context
from .deployed import DeployedStack, Reader, TemplateUnreadable
from .variables import ALLOWED, ENVIRONMENT, PROTECTED, READER_ROLE, REGION, REQUIRED, STACK

GO, REFUSED, CANNOT_CHECK = 0, 1, 2


class StepConfigError(ValueError):
    pass


def _say(line: str) -> None:
    print(line, flush=True)


def allowed_from(environ: Mapping[str, str]) -> tuple[Acknowledgement, ...]:
    raw = environ.get(ALLOWED, "")
    if not raw:
        return ()
    try:
        entries = json.loads(raw)
        return tuple(Acknowledgement(str(e["resource"]), str(e["reason"])) for e in entries)
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise StepConfigError(f"{ALLOWED}: expected a JSON list of {{resource, reason}} ({exc})") from None


def new_template(assembly: Path, stack: DeployedStack) -> dict:
    for candidate in load_stacks(assembly):
        if candidate.stack_name == stack.stack_name and candidate.account in (None, stack.account):
            if candidate.region in (None, stack.region):
                return candidate.template
    raise StepConfigError(f"{assembly}: no stack {stack.stack_name} for {stack.where} in the synth output")


def main(
    argv: Sequence[str] | None = None,
    environ: Mapping[str, str] = os.environ,
    *,
    session: object | None = None,
    today: datetime.date | None = None,
    say: Callable[[str], None] = _say,
) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.predeploy", description=__doc__.split("\n\n")[0])
    parser.add_argument("--assembly", type=Path, required=True, help="the synth output (cloud assembly directory)")
    args = parser.parse_args(argv)
    try:
        missing = [name for name in REQUIRED if not environ.get(name)]
        if missing:
            raise StepConfigError(
                f"{', '.join(missing)} not set (the step's project variables come from pipeline/predeploy_steps.py)"
            )
        environment = environ[ENVIRONMENT]
        stack = DeployedStack(environ[STACK], environ[REGION], environ[READER_ROLE])
        allowed = allowed_from(environ)
        override = Override.from_environ(environ)
        new = new_template(args.assembly, stack)
    except (StepConfigError, OverrideError, AssemblyError) as exc:
        say(f"pre-deploy: {exc}")
        return CANNOT_CHECK
    prefix = f"pre-deploy {environment}"
    say(f"{prefix}: {stack.stack_name} in {stack.where}, through {stack.role_arn}")
    reader: Reader | None = None
    try:
        reader = Reader(session or boto3.Session(), stack, session_name=f"predeploy-{environment}")
        deployed = reader.template()
    except TemplateUnreadable as exc:
        day = today or datetime.datetime.now(datetime.UTC).date()
        if override is None or not override.accepts_blindness or not override.active(day):
            say(f"{prefix}: {exc}: the checks cannot see what is deployed, so they stop the release (fail closed)")
            return CANNOT_CHECK
        say(f"{prefix}: OVERRIDE accepted a template that cannot be read ({exc}): {override.describe()}")
        deployed, reader = None, None
    context = Context(
        environment=environment,
        stack_name=stack.stack_name,
        account=stack.account,
        region=stack.region,
        protected=environ[PROTECTED] == "true",
        allowed=allowed,
        deployed=deployed,
        reader=reader,
        new=new,
        assembly=args.assembly,
        say=say,
    )
    failed = []
    for name, check in CHECKS:
        try:
            if not check(context):
                failed.append(name)
        except (SchemaError, TemplateUnreadable) as exc:
            say(f"{prefix}: {name}: cannot run ({exc}): the release stops (fail closed)")
            return CANNOT_CHECK
    if failed:
        say(f"{prefix}: refused by {', '.join(failed)}")
        return REFUSED
    say(f"{prefix}: passed ({', '.join(name for name, _ in CHECKS)})")
    return GO


if __name__ == "__main__":
    sys.exit(main())
