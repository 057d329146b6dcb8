"""Constraints read from botocore's service models: the min/max/pattern/enum AWS ships with its SDKs.

Two ways to point at a value: a named shape (`Shape("iam", "roleNameType")`), or an operation's input member
by path (`Member("codepipeline", "CreatePipeline", "pipeline.stages.actions.configuration.<value>")`, where
list levels are skipped and `<key>`/`<value>` step into a map). The source written on a failure line names the
shape, e.g. `botocore codepipeline ActionConfigurationValue`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import botocore.session
from botocore.model import Shape as BotocoreShape

from .limits import IntegerRange, StringLimit


@cache
def _session() -> botocore.session.Session:
    return botocore.session.get_session()


@cache
def _service_model(service: str):  # -> botocore.model.ServiceModel (untyped in botocore)
    return _session().get_service_model(service)


def _limit_from_shape(service: str, shape: BotocoreShape) -> StringLimit | IntegerRange:
    source = f"botocore {service} {shape.name}"
    meta = shape.metadata
    if shape.type_name in ("integer", "long"):
        return IntegerRange(source=source, minimum=meta.get("min"), maximum=meta.get("max"))
    if shape.type_name == "string":
        return StringLimit(
            source=source,
            min_length=meta.get("min"),
            max_length=meta.get("max"),
            pattern=meta.get("pattern"),
            allowed=tuple(getattr(shape, "enum", None) or ()),
        )
    raise ValueError(f"{source}: a {shape.type_name} shape has no scalar constraint to check")


@dataclass(frozen=True)
class Shape:
    """A named shape of a service model."""

    service: str
    name: str

    def resolve(self) -> StringLimit | IntegerRange:
        return _resolve_shape(self)


@dataclass(frozen=True)
class Member:
    """An operation's input member, by a dotted path through structures, lists and maps."""

    service: str
    operation: str
    path: str

    def resolve(self) -> StringLimit | IntegerRange:
        return _resolve_member(self)


@cache
def _resolve_shape(ref: Shape) -> StringLimit | IntegerRange:
    return _limit_from_shape(ref.service, _service_model(ref.service).shape_for(ref.name))


@cache
def _resolve_member(ref: Member) -> StringLimit | IntegerRange:
    shape = _service_model(ref.service).operation_model(ref.operation).input_shape
    for step in ref.path.split("."):
        while shape.type_name == "list":
            shape = shape.member
        if shape.type_name == "map":
            if step not in ("<key>", "<value>"):
                raise ValueError(f"{ref}: {shape.name} is a map; step into it with <key> or <value>")
            shape = shape.key if step == "<key>" else shape.value
            continue
        if step not in shape.members:
            raise ValueError(f"{ref}: {shape.name} has no member {step!r}")
        shape = shape.members[step]
    return _limit_from_shape(ref.service, shape)


def shape_max_length(service: str, shape_name: str) -> int:
    """The max length botocore gives a string shape (used for worst-case ids such as a user pool id)."""
    limit = Shape(service, shape_name).resolve()
    if not isinstance(limit, StringLimit) or limit.max_length is None:
        raise ValueError(f"botocore {service} {shape_name} has no max length")
    return limit.max_length


def list_max_items(service: str, shape_name: str) -> int:
    shape = _service_model(service).shape_for(shape_name)
    if shape.type_name != "list" or "max" not in shape.metadata:
        raise ValueError(f"botocore {service} {shape_name} is not a list with a max")
    return int(shape.metadata["max"])
