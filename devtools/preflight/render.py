"""Worst-case rendering of CloudFormation values: how long can a property be once CloudFormation resolves it?

Every value renders to a `Rendered`: a sample string exactly as long as the worst case, in which each part only
known at deploy time is a run of PLACEHOLDER characters, plus whether the sample *is* the value (fully known at
synth time). Choices, each erring long:

- Literals count as written; a CodePipeline variable such as `#{Stage.Var}` too (CodePipeline validates the
  configuration before substituting). A dynamic reference `{{resolve:...}}` counts as the longest value its
  store holds.
- Pseudo parameters: the account and region from the manifest's `aws://ACCOUNT/REGION` environment when it is
  concrete (partition and URL suffix follow from the region; pipeline.cloudformation.intrinsics.pseudo_parameters,
  the table the sandbox and the dry run resolve with), else the longest botocore knows; AWS::StackName is the
  manifest's stack name.
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

Beside it: pseudo_values.py (pseudo parameters), parameter_values.py (template parameters) and
intrinsic_functions.py (the functions beyond Ref and Fn::GetAtt).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from pipeline.cloudformation.assembly import Stack
from pipeline.cloudformation.intrinsics import pseudo_parameters

from . import quotas
from .botocore_limits import shape_max_length
from .intrinsic_functions import FUNCTIONS
from .parameter_values import parameter_value
from .property_limits import name_max_length
from .pseudo_values import pseudo_parameter
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
)
from .resource_shapes import SHAPES, UNKNOWN_LENGTH, is_custom_resource

GENERATED_NAME_EXTRA = 15  # "-" + "-" + random suffix of up to 13 characters
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

    def ref(self, argument: Any) -> Rendered | RenderedList:
        name = argument if isinstance(argument, str) else self.value(argument).sample
        if name == "AWS::NoValue":
            return ABSENT
        if name.startswith("AWS::"):
            return pseudo_parameter(self, name)
        if name in self.parameters:
            return parameter_value(name, self.parameters[name] or {})
        if name in self.resources:
            resource_type = str(self.resources[name].get("Type", ""))
            shape = SHAPES.get(resource_type)
            if shape is not None:
                return self.formatted(shape.ref, name)
            if is_custom_resource(resource_type):
                return unknown(quotas.CFN_CUSTOM_RESOURCE_RESPONSE_BYTES)
        return unknown(UNKNOWN_LENGTH)

    def get_att(self, argument: Any) -> Rendered | RenderedList:
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
            return self.formatted(shape.attributes[attribute], logical_id)
        if is_custom_resource(resource_type):
            return unknown(quotas.CFN_CUSTOM_RESOURCE_RESPONSE_BYTES)
        return unknown(UNKNOWN_LENGTH)

    def pseudo_scalar(self, name: str) -> Rendered:
        result = pseudo_parameter(self, name)
        return result if isinstance(result, Rendered) else result.joined(",")

    def formatted(self, fmt: str, logical_id: str) -> Rendered:
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
            return self.pseudo_scalar(pseudo[placeholder])
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


_HANDLERS: dict[str, Callable[[Renderer, Any], Rendered | RenderedList]] = {
    "Ref": Renderer.ref,
    "Fn::GetAtt": Renderer.get_att,
    **FUNCTIONS,
}
