"""Worst-case rendering of CloudFormation values: how long can a property be once CloudFormation resolves it?

Every value renders to a `Rendered`: a sample string exactly as long as the worst case, in which each part only
known at deploy time is a run of PLACEHOLDER characters, plus whether the sample *is* the value (fully known at
synth time). Choices, each erring long:

- Literals count as written; a CodePipeline variable such as `#{Stage.Var}` too (CodePipeline validates the
  configuration before substituting). A dynamic reference `{{resolve:...}}` counts as the longest value its
  store holds.
- Pseudo parameters: the account and region from the manifest's `aws://ACCOUNT/REGION` environment when it is
  concrete (partition and URL suffix follow from the region; cloudformation.intrinsics.pseudo_parameters, the table
  the sandbox and the dry run resolve with), else the longest botocore knows; AWS::StackName is the manifest's stack
  name.
- `Ref` to a template parameter: its Default (CDK Pipelines passes no parameter overrides), else its longest
  AllowedValue or MaxLength, else CloudFormation's parameter value quota (4,096 bytes). SSM-typed parameters
  resolve to an SSM value, bounded by that same quota.
- `Ref`/`Fn::GetAtt` to a resource of the template: the format of resource_shapes.SHAPES with the resource's
  explicit physical name, or else the name CloudFormation generates: `<stack name>-<logical id>-<random suffix>`
  (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-name.html shows
  `MyStack-MyBucket-abcdefghijk1`), counted as len(stack) + len(logical id) + 15 (two hyphens and a suffix of up
  to 13) and capped at the type's maximum name length, to which CloudFormation truncates.
- `Fn::If` takes the longer branch; `Fn::Select` from an unknown list the longest item; `Fn::Split` of an
  unknown string may yield one item per character; `Fn::GetAZs` at most 26 zones (a letter each);
  `Fn::ImportValue` and anything unrecognised UNKNOWN_LENGTH.
- JSON-valued properties (policy documents, objects where a string is expected) render as compact JSON with
  placeholders for deploy-time strings; placeholders need no JSON escaping (names, ids and ARNs never do).
"""

from __future__ import annotations

import base64
import json
import math
import re
from typing import Any

from cloudformation.assembly import Stack
from cloudformation.intrinsics import SUB_VARIABLE, pseudo_parameters, sub_arguments, sub_variable
from cloudformation.partitions import longest_dns_suffix, longest_partition_name, longest_region

from . import quotas
from .botocore_limits import list_max_items, shape_max_length
from .property_limits import name_max_length
from .rendered import (
    ABSENT,
    Rendered,
    RenderedList,
    concat,
    is_intrinsic,
    is_no_value,
    known,
    quoted,
    unknown,
    widest,
    widest_any,
)
from .resource_shapes import SHAPES, UNKNOWN_LENGTH, is_custom_resource

GENERATED_NAME_EXTRA = 15  # "-" + "-" + random suffix of up to 13 characters
PARAMETER_VALUE_MAX = quotas.CFN_PARAMETER_VALUE_BYTES
CDK_BOOTSTRAP_VERSION_LENGTH = 10  # a version number; 10 digits hold any 32-bit integer
MAX_AVAILABILITY_ZONES = 26  # zone names end in one letter
CIDR_MAX_LENGTH = len("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128")
CIDR_MAX_COUNT = 256  # Fn::Cidr's count argument: 1 to 256
_DYNAMIC_REFERENCE = re.compile(r"\{\{resolve:(?P<store>ssm-secure|ssm|secretsmanager):[^}]*\}\}")
_CONDITION_FUNCTIONS = frozenset(
    {"Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not", "Fn::Contains", "Fn::EachMemberEquals", "Fn::EachMemberIn"}
)


def _dynamic_reference_max(store: str) -> int:
    if store == "secretsmanager":
        return shape_max_length("secretsmanager", "SecretStringType")
    return quotas.SSM_PARAMETER_VALUE_ADVANCED_BYTES  # ssm, ssm-secure: either tier may hold it


class Renderer:
    """Renders the values of one stack's template."""

    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        template = stack.template
        self.resources: dict[str, Any] = stack.resources
        self.parameters: dict[str, Any] = template.get("Parameters") or {}
        self.mappings: dict[str, Any] = template.get("Mappings") or {}
        # What is known of the pseudo parameters (the manifest's account, region and stack name); the rest at worst.
        self.pseudo = pseudo_parameters(account=stack.account, region=stack.region, stack_name=stack.stack_name)
        self._resolving: set[tuple[str, str]] = set()
        self._names: dict[str, Rendered] = {}

    # --- public ---------------------------------------------------------------------------------------------
    def value(self, node: Any) -> Rendered:
        """A value where the API expects one string (a list is joined with commas, an object becomes JSON)."""
        result = self.evaluate(node)
        return result.joined(",") if isinstance(result, RenderedList) else result

    def values(self, node: Any) -> RenderedList:
        """A value where the API expects a list."""
        result = self.evaluate(node)
        if isinstance(result, RenderedList):
            return result
        return RenderedList.of([] if result.absent else [result])

    def json(self, node: Any) -> Rendered:
        """A JSON-valued property (e.g. a policy document) as compact JSON."""
        if is_intrinsic(node):
            name, argument = next(iter(node.items()))
            if name == "Fn::If" and isinstance(argument, list) and len(argument) == 3:
                return widest([self.json(argument[1]), self.json(argument[2])])
            if is_no_value(node):
                return ABSENT
            result = self.evaluate(node)
            return result.as_json() if isinstance(result, RenderedList) else quoted(result)
        if isinstance(node, dict):
            parts = [known("{")]
            for key, child in node.items():
                rendered = self.json(child)
                if rendered.absent:
                    continue
                if len(parts) > 1:
                    parts.append(known(","))
                parts += [known(json.dumps(str(key), ensure_ascii=False) + ":"), rendered]
            return concat([*parts, known("}")])
        if isinstance(node, list):
            parts = [known("[")]
            for child in node:
                rendered = self.json(child)
                if rendered.absent:
                    continue
                if len(parts) > 1:
                    parts.append(known(","))
                parts.append(rendered)
            return concat([*parts, known("]")])
        if isinstance(node, str):
            return quoted(self.literal(node))
        return known(json.dumps(node))

    def physical_name(self, logical_id: str) -> Rendered:
        if logical_id in self._names:
            return self._names[logical_id]
        resource = self.resources.get(logical_id) or {}
        resource_type = str(resource.get("Type", ""))
        shape = SHAPES.get(resource_type)
        name_property = shape.name_property if shape else None
        properties = resource.get("Properties") or {}
        explicit = properties.get(name_property) if name_property else None
        key = (logical_id, "name")
        if explicit is not None and not is_no_value(explicit) and key not in self._resolving:
            self._resolving.add(key)
            try:
                name = self.value(explicit)
            finally:
                self._resolving.discard(key)
        else:
            name = unknown(self.generated_name_length(logical_id, resource_type, name_property))
        self._names[logical_id] = name
        return name

    def generated_name_length(self, logical_id: str, resource_type: str, name_property: str | None) -> int:
        generated = len(self.stack.stack_name) + len(logical_id) + GENERATED_NAME_EXTRA
        cap = name_max_length(resource_type, name_property) if name_property else None
        return min(generated, cap) if cap is not None else generated

    # --- evaluation -----------------------------------------------------------------------------------------
    def literal(self, text: str) -> Rendered:
        parts: list[Rendered] = []
        position = 0
        for match in _DYNAMIC_REFERENCE.finditer(text):
            parts += [known(text[position : match.start()]), unknown(_dynamic_reference_max(match["store"]))]
            position = match.end()
        return concat([*parts, known(text[position:])])

    def evaluate(self, node: Any) -> Rendered | RenderedList:
        if isinstance(node, str):
            return self.literal(node)
        if isinstance(node, bool):
            return known("true" if node else "false")
        if isinstance(node, int | float):
            return known(json.dumps(node))
        if node is None:
            return ABSENT
        if isinstance(node, list):
            return RenderedList.of(self.value(item) for item in node)
        if isinstance(node, dict):
            if is_intrinsic(node):
                name, argument = next(iter(node.items()))
                return self._intrinsic(name, argument)
            return self.json(node)
        return unknown(UNKNOWN_LENGTH)

    def _intrinsic(self, name: str, argument: Any) -> Rendered | RenderedList:
        handler = _HANDLERS.get(name)
        if handler is not None:
            return handler(self, argument)
        if name in _CONDITION_FUNCTIONS:
            return widest([known("true"), known("false")])
        return unknown(UNKNOWN_LENGTH)  # Fn::Transform and functions this renderer does not know

    def _ref(self, argument: Any) -> Rendered | RenderedList:
        name = argument if isinstance(argument, str) else self.value(argument).sample
        if name == "AWS::NoValue":
            return ABSENT
        if name.startswith("AWS::"):
            return self._pseudo(name)
        if name in self.parameters:
            return self._parameter(name, self.parameters[name] or {})
        if name in self.resources:
            resource_type = str(self.resources[name].get("Type", ""))
            shape = SHAPES.get(resource_type)
            if shape is not None:
                return self._format(shape.ref, name)
            if is_custom_resource(resource_type):
                return unknown(quotas.CFN_CUSTOM_RESOURCE_RESPONSE_BYTES)
        return unknown(UNKNOWN_LENGTH)

    def _get_att(self, argument: Any) -> Rendered | RenderedList:
        if isinstance(argument, str):
            logical_id, _, attribute = argument.partition(".")
        elif isinstance(argument, list) and len(argument) == 2:
            logical_id = str(argument[0])
            attribute_value = self.value(argument[1])
            if not attribute_value.exact:
                return unknown(UNKNOWN_LENGTH)
            attribute = attribute_value.sample
        else:
            return unknown(UNKNOWN_LENGTH)
        resource_type = str((self.resources.get(logical_id) or {}).get("Type", ""))
        shape = SHAPES.get(resource_type)
        if shape is not None and attribute in shape.attributes:
            return self._format(shape.attributes[attribute], logical_id)
        if is_custom_resource(resource_type):
            return unknown(quotas.CFN_CUSTOM_RESOURCE_RESPONSE_BYTES)
        return unknown(UNKNOWN_LENGTH)

    def _pseudo(self, name: str) -> Rendered | RenderedList:
        stack = self.stack
        if name in self.pseudo:
            return known(self.pseudo[name])
        if name == "AWS::AccountId":
            return unknown(12)
        if name == "AWS::Region":
            return unknown(len(longest_region()))
        if name == "AWS::Partition":
            return unknown(len(longest_partition_name()))
        if name == "AWS::URLSuffix":
            return unknown(len(longest_dns_suffix()))
        if name == "AWS::StackId":
            return concat(
                [
                    known("arn:"),
                    self._pseudo_scalar("AWS::Partition"),
                    known(":cloudformation:"),
                    self._pseudo_scalar("AWS::Region"),
                    known(":"),
                    self._pseudo_scalar("AWS::AccountId"),
                    known(f":stack/{stack.stack_name}/"),
                    unknown(36),
                ]
            )
        if name == "AWS::NotificationARNs":
            # Up to botocore's NotificationARNs max of SNS topic ARNs with names as long as SNS allows.
            topic_arn = self._format("arn:{partition}:sns:{region}:{account}:", "")
            topic_name = name_max_length("AWS::SNS::Topic", "TopicName") or UNKNOWN_LENGTH
            topics = list_max_items("cloudformation", "NotificationARNs")
            return RenderedList.unknown(topics, topic_arn.length + topic_name)
        return unknown(UNKNOWN_LENGTH)

    def _pseudo_scalar(self, name: str) -> Rendered:
        result = self._pseudo(name)
        return result if isinstance(result, Rendered) else result.joined(",")

    def _parameter(self, name: str, declaration: dict[str, Any]) -> Rendered | RenderedList:
        kind = str(declaration.get("Type", "String"))
        is_list = kind.startswith("List<") or "CommaDelimitedList" in kind or "<List<" in kind
        if kind.startswith("AWS::SSM::Parameter::Value<"):
            if _is_cdk_bootstrap_version(name, declaration):
                return unknown(CDK_BOOTSTRAP_VERSION_LENGTH)
            if is_list:
                return RenderedList.unknown(PARAMETER_VALUE_MAX // 2 + 1, PARAMETER_VALUE_MAX, PARAMETER_VALUE_MAX)
            return unknown(PARAMETER_VALUE_MAX)
        if "Default" in declaration:
            default = str(declaration["Default"])
            return RenderedList.of(known(item) for item in default.split(",")) if is_list else known(default)
        if is_list:
            return RenderedList.unknown(PARAMETER_VALUE_MAX // 2 + 1, PARAMETER_VALUE_MAX, PARAMETER_VALUE_MAX)
        allowed = declaration.get("AllowedValues")
        if isinstance(allowed, list) and allowed:
            return widest(known(str(value)) for value in allowed)
        if str(declaration.get("MaxLength", "")).isdigit():
            return unknown(int(declaration["MaxLength"]))
        return unknown(PARAMETER_VALUE_MAX)

    def _format(self, fmt: str, logical_id: str) -> Rendered:
        parts: list[Rendered] = []
        position = 0
        for match in re.finditer(r"\{([^{}]+)\}", fmt):
            parts.append(known(fmt[position : match.start()]))
            parts.append(self._placeholder(match.group(1), logical_id))
            position = match.end()
        return concat([*parts, known(fmt[position:])])

    def _placeholder(self, placeholder: str, logical_id: str) -> Rendered:
        pseudo = {
            "partition": "AWS::Partition",
            "region": "AWS::Region",
            "account": "AWS::AccountId",
            "urlsuffix": "AWS::URLSuffix",
            "stack": "AWS::StackName",
        }
        if placeholder in pseudo:
            return self._pseudo_scalar(pseudo[placeholder])
        if placeholder == "name":
            return self.physical_name(logical_id)
        kind, _, detail = placeholder.partition(":")
        if kind == "id":
            if detail.isdigit():
                return unknown(int(detail))
            service, _, shape_name = detail.partition("/")
            return unknown(shape_max_length(service, shape_name))
        if kind == "prop":
            prop, _, default = detail.partition("|")
            properties = (self.resources.get(logical_id) or {}).get("Properties") or {}
            if prop not in properties or is_no_value(properties[prop]):
                return known(default)
            key = (logical_id, prop)
            if key in self._resolving:
                return unknown(UNKNOWN_LENGTH)
            self._resolving.add(key)
            try:
                return self.value(properties[prop])
            finally:
                self._resolving.discard(key)
        raise ValueError(f"unknown placeholder {{{placeholder}}} in a resource shape")

    # --- intrinsic functions --------------------------------------------------------------------------------
    def _join(self, argument: Any) -> Rendered:
        if not (isinstance(argument, list) and len(argument) == 2):
            return unknown(UNKNOWN_LENGTH)
        delimiter = self.value(argument[0]).sample
        items = argument[1]
        if isinstance(items, list):
            return RenderedList.of(self.value(item) for item in items).joined(delimiter)
        return self.values(items).joined(delimiter)

    def _sub(self, argument: Any) -> Rendered:
        sub = sub_arguments(argument)
        if sub is None:
            return unknown(UNKNOWN_LENGTH)
        template, variables = sub
        parts: list[Rendered] = []
        position = 0
        for match in SUB_VARIABLE.finditer(template):
            parts.append(self.literal(template[position : match.start()]))
            position = match.end()
            variable = sub_variable(match.group(1), variables)
            if variable.kind == "literal":
                parts.append(known(variable.name))
            elif variable.kind == "variable":
                parts.append(self.value(variables[variable.name]))
            elif variable.kind == "attribute":
                parts.append(self._as_scalar(self._get_att(f"{variable.name}.{variable.attribute}")))
            else:
                parts.append(self._as_scalar(self._ref(variable.name)))
        return concat([*parts, self.literal(template[position:])])

    def _if(self, argument: Any) -> Rendered | RenderedList:
        if not (isinstance(argument, list) and len(argument) == 3):
            return unknown(UNKNOWN_LENGTH)
        return widest_any([self.evaluate(argument[1]), self.evaluate(argument[2])])

    def _select(self, argument: Any) -> Rendered:
        if not (isinstance(argument, list) and len(argument) == 2):
            return unknown(UNKNOWN_LENGTH)
        index = self.value(argument[0])
        position = int(index.sample) if index.exact and index.sample.isdigit() else None
        return self.values(argument[1]).select(position)

    def _split(self, argument: Any) -> RenderedList:
        if not (isinstance(argument, list) and len(argument) == 2):
            return RenderedList.unknown(1, UNKNOWN_LENGTH)
        delimiter = self.value(argument[0]).sample
        source = self.value(argument[1])
        if source.exact and delimiter:
            return RenderedList.of(known(part) for part in source.sample.split(delimiter))
        # Unknown text: every item at most the whole text, together at most the whole text.
        return RenderedList.unknown(source.length // max(len(delimiter), 1) + 1, source.length, source.length)

    def _get_azs(self, argument: Any) -> RenderedList:
        region = self.value(argument) if argument not in ("", None) else self._pseudo_scalar("AWS::Region")
        if region.exact and not region.sample:
            region = self._pseudo_scalar("AWS::Region")
        return RenderedList.unknown(MAX_AVAILABILITY_ZONES, region.length + 1)

    def _find_in_map(self, argument: Any) -> Rendered | RenderedList:
        if not (isinstance(argument, list) and len(argument) >= 3):
            return unknown(UNKNOWN_LENGTH)
        level: list[Any] = [self.mappings]
        for key_node in argument[:3]:
            key = self.value(key_node)
            following: list[Any] = []
            for table in level:
                if not isinstance(table, dict):
                    continue
                if key.exact and key.sample in table:
                    following.append(table[key.sample])
                elif not key.exact:
                    following.extend(table.values())
            level = following
        candidates = [self.evaluate(node) for node in level]
        if len(argument) == 4 and isinstance(argument[3], dict):  # language extensions: DefaultValue
            candidates.append(self.evaluate(argument[3].get("DefaultValue")))
        return widest_any(candidates) if candidates else unknown(UNKNOWN_LENGTH)

    def _base64(self, argument: Any) -> Rendered:
        source = self.value(argument)
        if source.exact:
            return known(base64.b64encode(source.sample.encode("utf-8")).decode("ascii"))
        return unknown(4 * math.ceil(len(source.sample.encode("utf-8")) / 3))

    def _cidr(self, argument: Any) -> RenderedList:
        count = self.value(argument[1]) if isinstance(argument, list) and len(argument) == 3 else unknown(0)
        items = int(count.sample) if count.exact and count.sample.isdigit() else CIDR_MAX_COUNT
        return RenderedList.unknown(items, CIDR_MAX_LENGTH)

    def _length(self, argument: Any) -> Rendered:
        items = self.values(argument)
        return known(str(len(items.items))) if items.items is not None else unknown(len(str(items.max_count)))

    def _to_json_string(self, argument: Any) -> Rendered:
        return self.json(argument)

    def _import_value(self, argument: Any) -> Rendered:
        return unknown(UNKNOWN_LENGTH)  # another stack's export: no published bound

    @staticmethod
    def _as_scalar(result: Rendered | RenderedList) -> Rendered:
        return result.joined(",") if isinstance(result, RenderedList) else result


_HANDLERS = {
    "Ref": Renderer._ref,
    "Fn::GetAtt": Renderer._get_att,
    "Fn::Join": Renderer._join,
    "Fn::Sub": Renderer._sub,
    "Fn::If": Renderer._if,
    "Fn::Select": Renderer._select,
    "Fn::Split": Renderer._split,
    "Fn::GetAZs": Renderer._get_azs,
    "Fn::FindInMap": Renderer._find_in_map,
    "Fn::Base64": Renderer._base64,
    "Fn::Cidr": Renderer._cidr,
    "Fn::Length": Renderer._length,
    "Fn::ToJsonString": Renderer._to_json_string,
    "Fn::ImportValue": Renderer._import_value,
}


def _is_cdk_bootstrap_version(name: str, declaration: dict[str, Any]) -> bool:
    # CDK's synthesizer adds `BootstrapVersion`, an SSM-typed parameter read from /cdk-bootstrap/<qualifier>/version.
    default = str(declaration.get("Default", ""))
    return name == "BootstrapVersion" and default.startswith("/cdk-bootstrap/") and default.endswith("/version")
