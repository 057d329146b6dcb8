"""The CloudFormation intrinsic functions a Renderer evaluates beyond Ref and Fn::GetAtt, each at its worst case
(devtools/preflight/render.py's docstring says how each errs long)."""

from __future__ import annotations

import base64
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pipeline.cloudformation.intrinsics import SUB_VARIABLE, sub_arguments, sub_variable

from .rendered import Rendered, RenderedList, concat, known, unknown, widest_any
from .resource_shapes import UNKNOWN_LENGTH

if TYPE_CHECKING:
    from .render import Renderer

MAX_AVAILABILITY_ZONES = 26  # zone names end in one letter
CIDR_MAX_LENGTH = len("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128")
CIDR_MAX_COUNT = 256  # Fn::Cidr's count argument: 1 to 256


def fn_join(renderer: Renderer, argument: Any) -> Rendered:
    if not (isinstance(argument, list) and len(argument) == 2):
        return unknown(UNKNOWN_LENGTH)
    delimiter = renderer.value(argument[0]).sample
    items = argument[1]
    if isinstance(items, list):
        return RenderedList.of(renderer.value(item) for item in items).joined(delimiter)
    return renderer.values(items).joined(delimiter)


def fn_sub(renderer: Renderer, argument: Any) -> Rendered:
    sub = sub_arguments(argument)
    if sub is None:
        return unknown(UNKNOWN_LENGTH)
    template, variables = sub
    parts: list[Rendered] = []
    position = 0
    for match in SUB_VARIABLE.finditer(template):
        parts.append(renderer.literal(template[position : match.start()]))
        position = match.end()
        variable = sub_variable(match.group(1), variables)
        if variable.kind == "literal":
            parts.append(known(variable.name))
        elif variable.kind == "variable":
            parts.append(renderer.value(variables[variable.name]))
        elif variable.kind == "attribute":
            parts.append(as_scalar(renderer.get_att(f"{variable.name}.{variable.attribute}")))
        else:
            parts.append(as_scalar(renderer.ref(variable.name)))
    return concat([*parts, renderer.literal(template[position:])])


def fn_if(renderer: Renderer, argument: Any) -> Rendered | RenderedList:
    if not (isinstance(argument, list) and len(argument) == 3):
        return unknown(UNKNOWN_LENGTH)
    return widest_any([renderer.evaluate(argument[1]), renderer.evaluate(argument[2])])


def fn_select(renderer: Renderer, argument: Any) -> Rendered:
    if not (isinstance(argument, list) and len(argument) == 2):
        return unknown(UNKNOWN_LENGTH)
    index = renderer.value(argument[0])
    position = int(index.sample) if index.exact and index.sample.isdigit() else None
    return renderer.values(argument[1]).select(position)


def fn_split(renderer: Renderer, argument: Any) -> RenderedList:
    if not (isinstance(argument, list) and len(argument) == 2):
        return RenderedList.unknown(1, UNKNOWN_LENGTH)
    delimiter = renderer.value(argument[0]).sample
    source = renderer.value(argument[1])
    if source.exact and delimiter:
        return RenderedList.of(known(part) for part in source.sample.split(delimiter))
    # Unknown text: every item at most the whole text, together at most the whole text.
    return RenderedList.unknown(source.length // max(len(delimiter), 1) + 1, source.length, source.length)


def fn_get_azs(renderer: Renderer, argument: Any) -> RenderedList:
    region = renderer.value(argument) if argument not in ("", None) else renderer.pseudo_scalar("AWS::Region")
    if region.exact and not region.sample:
        region = renderer.pseudo_scalar("AWS::Region")
    return RenderedList.unknown(MAX_AVAILABILITY_ZONES, region.length + 1)


def fn_find_in_map(renderer: Renderer, argument: Any) -> Rendered | RenderedList:
    if not (isinstance(argument, list) and len(argument) >= 3):
        return unknown(UNKNOWN_LENGTH)
    level: list[Any] = [renderer.mappings]
    for key_node in argument[:3]:
        key = renderer.value(key_node)
        following: list[Any] = []
        for table in level:
            if not isinstance(table, dict):
                continue
            if key.exact and key.sample in table:
                following.append(table[key.sample])
            elif not key.exact:
                following.extend(table.values())
        level = following
    candidates = [renderer.evaluate(node) for node in level]
    if len(argument) == 4 and isinstance(argument[3], dict):  # language extensions: DefaultValue
        candidates.append(renderer.evaluate(argument[3].get("DefaultValue")))
    return widest_any(candidates) if candidates else unknown(UNKNOWN_LENGTH)


def fn_base64(renderer: Renderer, argument: Any) -> Rendered:
    source = renderer.value(argument)
    if source.exact:
        return known(base64.b64encode(source.sample.encode("utf-8")).decode("ascii"))
    return unknown(4 * math.ceil(len(source.sample.encode("utf-8")) / 3))


def fn_cidr(renderer: Renderer, argument: Any) -> RenderedList:
    count = renderer.value(argument[1]) if isinstance(argument, list) and len(argument) == 3 else unknown(0)
    items = int(count.sample) if count.exact and count.sample.isdigit() else CIDR_MAX_COUNT
    return RenderedList.unknown(items, CIDR_MAX_LENGTH)


def fn_length(renderer: Renderer, argument: Any) -> Rendered:
    items = renderer.values(argument)
    return known(str(len(items.items))) if items.items is not None else unknown(len(str(items.max_count)))


def fn_to_json_string(renderer: Renderer, argument: Any) -> Rendered:
    return renderer.json(argument)


def fn_import_value(renderer: Renderer, argument: Any) -> Rendered:
    return unknown(UNKNOWN_LENGTH)  # another stack's export: no published bound


def as_scalar(result: Rendered | RenderedList) -> Rendered:
    return result.joined(",") if isinstance(result, RenderedList) else result


FUNCTIONS: dict[str, Callable[[Renderer, Any], Rendered | RenderedList]] = {
    "Fn::Join": fn_join,
    "Fn::Sub": fn_sub,
    "Fn::If": fn_if,
    "Fn::Select": fn_select,
    "Fn::Split": fn_split,
    "Fn::GetAZs": fn_get_azs,
    "Fn::FindInMap": fn_find_in_map,
    "Fn::Base64": fn_base64,
    "Fn::Cidr": fn_cidr,
    "Fn::Length": fn_length,
    "Fn::ToJsonString": fn_to_json_string,
    "Fn::ImportValue": fn_import_value,
}
