"""Why a step that talks to AWS stopped, when the reason is the sandbox rather than the step.

A step run against the sandbox's moto can fail because moto does not do what AWS does; that says nothing about
the step, and the dry run reports it as stopped, with the call moto did not answer, instead of as a failure.
Only these are taken as moto's (anything else is the step's failure):

The last such answer counts (a step may get past an early one, e.g. by retrying or falling back):

- an answer with HTTP status 500 or 501 (moto answers an action it does not implement with a 500 and an HTML
  error page; 501 is its "not yet implemented"), named with the call, and said whether moto (this version) has
  the action at all;
- CloudFormation's `Template error: instance of Fn::GetAtt references undefined resource <X>` when the stack's
  template defines X: moto's CloudFormation creates only the resource types it has a model for, leaves the
  others out, and then cannot resolve a GetAtt on them (moto.cloudformation.parsing). The answer names X's type
  and every other type of that template moto lacks;
- a tool of the CodeBuild image this machine lacks (image_tools.py), or the AWS CLI v1 here refusing an option only
  v2 has (`Unknown options: --cli-binary-format`: the permission check's `aws lambda invoke`);
- a refused call about a placeholder the dry run put in for a resource of the pipeline stack (the permission
  check's auto-approve Lambda): the pipeline stack is not deployed in the sandbox (moto cannot create it).
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .aws_proxy import AwsCall
from .image_tools import missing_tool

UNDEFINED_RESOURCE = re.compile(r"Fn::GetAtt references undefined resource (\S+)")
V2_ONLY_OPTIONS = ("--cli-binary-format", "--no-cli-pager", "--cli-auto-prompt", "--no-cli-auto-prompt")
UNKNOWN_OPTIONS = re.compile(r"Unknown options: (.*)")
# SigV4 signing names whose moto package is named otherwise.
MOTO_PACKAGES = {"lambda": "awslambda", "monitoring": "cloudwatch", "email": "ses", "states": "stepfunctions"}


def _snake(operation: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", operation).lower()


def moto_version() -> str:
    try:
        import moto

        return str(moto.__version__)
    except ImportError:  # pragma: no cover - moto is a dev dependency
        return "?"


def moto_has_action(service: str, operation: str) -> bool | None:
    """Whether moto's response class for the service has the action (None: cannot tell)."""
    try:
        from moto.core.responses import BaseResponse

        module = importlib.import_module(f"moto.{MOTO_PACKAGES.get(service, service)}.responses")
    except ImportError:
        return None
    classes = [v for v in vars(module).values() if isinstance(v, type) and issubclass(v, BaseResponse)]
    if not classes or not operation.isidentifier():
        return None
    return any(hasattr(cls, _snake(operation)) for cls in classes)


def moto_cloudformation_types(types: Iterable[str]) -> dict[str, bool]:
    """For each CloudFormation type: whether moto's CloudFormation can create it (a model, a `Custom::` resource or
    one of the types it accepts and ignores). Each service's models are imported first: moto registers a type when
    its module is imported."""
    from moto.cloudformation import parsing

    wanted = sorted(set(types))
    for resource_type in wanted:
        parts = resource_type.split("::")
        if len(parts) == 3 and parts[0] == "AWS":
            try:
                importlib.import_module(f"moto.{MOTO_PACKAGES.get(parts[1].lower(), parts[1].lower())}.models")
            except ImportError:
                pass
    parsing.get_model_list.cache_clear()
    parsing.get_model_map.cache_clear()
    known = parsing.get_model_map()
    return {t: t in known or t in parsing.NULL_MODELS or t.startswith("Custom::") for t in wanted}


@dataclass(frozen=True)
class TemplateResource:
    template: str  # the template's path in the assembly
    logical_id: str
    type: str
    all_types: tuple[str, ...]  # every resource type of that template


def find_resource(assembly: Path, logical_id: str) -> TemplateResource | None:
    for path in sorted(assembly.rglob("*.template.json")):
        try:
            resources: Mapping[str, Any] = json.loads(path.read_text(encoding="utf-8")).get("Resources") or {}
        except (OSError, ValueError):
            continue
        resource = resources.get(logical_id)
        if isinstance(resource, dict) and "Type" in resource:
            types = tuple(sorted({str(r.get("Type")) for r in resources.values() if isinstance(r, dict)}))
            return TemplateResource(str(path.relative_to(assembly)), logical_id, str(resource["Type"]), types)
    return None


@dataclass(frozen=True)
class Stop:
    """Where the sandbox (or this machine) could not follow: one line for the step's summary, more for its log."""

    reason: str
    notes: tuple[str, ...] = ()


def _undefined_resource(call: AwsCall, assembly: Path) -> Stop | None:
    match = UNDEFINED_RESOURCE.search(call.error)
    if call.service != "cloudformation" or not match:
        return None
    found = find_resource(assembly, match.group(1))
    if found is None:
        return None  # not a resource of the assembly: the template's own mistake
    supported = moto_cloudformation_types(found.all_types)
    lacking = [t for t, ok in supported.items() if not ok]
    notes = (
        f"moto {moto_version()}'s CloudFormation cannot create these types of {found.template}: "
        f"{', '.join(lacking) or 'none'}",
    )
    if supported.get(found.type, True):
        return Stop(
            f"{call.operation}: moto's CloudFormation did not create {found.type} {found.logical_id} of "
            f"{found.template}, and a GetAtt to it fails",
            notes,
        )
    others = len([t for t in lacking if t != found.type])
    more = f"; {others} more of its types moto lacks" if others else ""
    return Stop(
        f"{call.operation}: moto {moto_version()}'s CloudFormation has no {found.type} (a GetAtt to "
        f"{found.logical_id} of {found.template} fails){more}",
        notes,
    )


def _server_error(call: AwsCall) -> Stop | None:
    if call.status not in (500, 501):
        return None
    has = moto_has_action(call.service, call.operation)
    if has is False:
        return Stop(f"moto {moto_version()} has no {call.name} (it answers HTTP {call.status})")
    return Stop(f"moto answered {call.describe()}")


def _v2_option(lines: list[str]) -> Stop | None:
    for line in lines:
        match = UNKNOWN_OPTIONS.search(line)
        if match and (options := [o for o in V2_ONLY_OPTIONS if o in match.group(1)]):
            return Stop(f"the AWS CLI here is v1, which lacks {', '.join(options)} (the CodeBuild image has v2)")
    return None


def _placeholder(call: AwsCall, placeholders: Iterable[str]) -> Stop | None:
    if call.status < 400:
        return None
    for value in placeholders:
        if value and value in call.error:
            return Stop(
                f"{call.describe()}: {value} stands in for a resource of the pipeline stack, which the sandbox does "
                "not have (its moto cannot deploy that stack)"
            )
    return None


def sandbox_stop(
    calls: Iterable[AwsCall], output: Iterable[str], assembly: Path, placeholders: Iterable[str] = ()
) -> Stop | None:
    """Why a failed step stopped, when that lies with the sandbox or this machine; None: the step failed.
    `placeholders`: the values the dry run gave for resources of the pipeline stack."""
    lines = list(output)
    if tool := missing_tool(lines):
        return Stop(f"needs {tool}, which the CodeBuild image ships and this machine lacks")
    if stop := _v2_option(lines):
        return stop
    stand_ins = list(placeholders)
    for call in reversed(list(calls)):  # the last one: what the step failed on, not one it got past
        if stop := _server_error(call) or _undefined_resource(call, assembly) or _placeholder(call, stand_ins):
            return stop
    return None
