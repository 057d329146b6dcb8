"""CloudFormation's pseudo parameters and intrinsic functions, resolved offline: one resolver for the sandbox
(template references → what it provisioned), the pipeline dry run (a CodeBuild project's values and buildspec) and
the gate tests, and the one pseudo-parameter table and `Fn::Sub` reading the preflight's worst-case renderer uses.

https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .partitions import partition_for_region

ResourceAttributes = Mapping[str, Mapping[str, Any]]  # logical id -> {"Ref": ..., "Arn": ..., ...}
NO_VALUE = "AWS::NoValue"  # `Ref` to it removes the property (or list item) that holds it
SUB_VARIABLE = re.compile(r"\$\{([^}]*)\}")


class Unresolved(ValueError):
    """An expression refers to something the resolver does not know: a resource not provisioned here, or a value
    only a deployment knows."""


def pseudo_parameters(
    *, account: str | None, region: str | None, stack_name: str | None = None, stack_id: str | None = None
) -> dict[str, str]:
    """The pseudo parameters of a stack in `account` and `region`, as far as they are known here (an unknown account,
    region or stack leaves its parameters out). The partition and URL suffix follow from the region (botocore's
    partitions.json)."""
    values: dict[str, str] = {}
    if account:
        values["AWS::AccountId"] = account
    if region:
        values["AWS::Region"] = region
        partition = partition_for_region(region)
        if partition is not None:
            values["AWS::Partition"] = partition.name
            values["AWS::URLSuffix"] = partition.dns_suffix
    if stack_name:
        values["AWS::StackName"] = stack_name
    if stack_id:
        values["AWS::StackId"] = stack_id
    return values


@dataclass(frozen=True)
class SubVariable:
    """One `${...}` of an `Fn::Sub` string: `${!Text}` is the literal `${Text}`; a name of the variable map; a
    `Logical.Attribute` (GetAtt); else a Ref (a pseudo parameter, template parameter or logical id)."""

    kind: Literal["literal", "variable", "attribute", "ref"]
    name: str  # the literal text, variable, logical id or Ref target
    attribute: str = ""


def sub_variable(expression: str, variables: Mapping[str, Any]) -> SubVariable:
    if expression.startswith("!"):
        return SubVariable("literal", "${" + expression[1:] + "}")
    if expression in variables:
        return SubVariable("variable", expression)
    if "." in expression and not expression.startswith("AWS::"):
        logical, attribute = expression.split(".", 1)
        return SubVariable("attribute", logical, attribute)
    return SubVariable("ref", expression)


def sub_arguments(argument: Any) -> tuple[str, Mapping[str, Any]] | None:
    """`Fn::Sub`'s string and variable map (`"text"` or `["text", {...}]`); None when malformed."""
    if isinstance(argument, str):
        return argument, {}
    if isinstance(argument, list) and len(argument) == 2 and isinstance(argument[0], str):
        return argument[0], argument[1] if isinstance(argument[1], dict) else {}
    return None


class _Removed:
    """What `Ref: AWS::NoValue` resolves to before its container drops it."""


_REMOVED = _Removed()


class Resolver:
    """Resolves `Ref`, `Fn::GetAtt`, `Fn::Join`, `Fn::Sub`, `Fn::Select` and `Fn::Split` against known resource
    attributes, pseudo parameters and template parameters; anything else raises Unresolved. `lenient` writes
    `<Ref X>`-style placeholders instead of raising (for messages, never for running anything)."""

    def __init__(
        self,
        attributes: ResourceAttributes,
        pseudo: Mapping[str, str],
        parameters: Mapping[str, Any] | None = None,
        *,
        lenient: bool = False,
    ) -> None:
        self.attributes = attributes
        self.pseudo = pseudo
        self.parameters = parameters or {}
        self.lenient = lenient

    def _unresolved(self, text: str) -> str:
        if self.lenient:
            return f"<{text}>"
        raise Unresolved(text)

    def _ref(self, name: str) -> Any:
        if name == NO_VALUE:
            return _REMOVED
        if name in self.pseudo:
            return self.pseudo[name]
        if name in self.parameters:
            return self.parameters[name]
        try:
            return self.attributes[name]["Ref"]
        except (KeyError, TypeError):
            return self._unresolved(f"Ref {name}")

    def _get_att(self, name: str, attribute: str) -> Any:
        try:
            return self.attributes[name][attribute]
        except (KeyError, TypeError):
            return self._unresolved(f"Fn::GetAtt {name}.{attribute}")

    def _sub(self, text: str, variables: Mapping[str, Any]) -> str:
        def replace(match: re.Match[str]) -> str:
            found = sub_variable(match.group(1), variables)
            if found.kind == "literal":
                return found.name
            if found.kind == "variable":
                return str(self.resolve(variables[found.name]))
            if found.kind == "attribute":
                return str(self._get_att(found.name, found.attribute))
            return str(self._ref(found.name))

        return SUB_VARIABLE.sub(replace, text)

    def _function(self, key: str, arg: Any) -> Any:
        if key == "Ref":
            return self._ref(arg)
        if key == "Fn::GetAtt":
            logical, attribute = arg if isinstance(arg, list) else str(arg).split(".", 1)
            return self._get_att(logical, attribute)
        if key == "Fn::Join":
            separator, parts = arg
            return str(separator).join(str(part) for part in self.resolve(parts))
        if key == "Fn::Sub":
            sub = sub_arguments(arg)
            return self._sub(*sub) if sub is not None else self._unresolved(f"Fn::Sub {arg!r}"[:200])
        if key == "Fn::Select":
            index, items = arg
            return self.resolve(items)[int(self.resolve(index))]
        if key == "Fn::Split":
            separator, text = arg
            return str(self.resolve(text)).split(separator)
        return self._unresolved(f"{key} {arg!r}"[:200])

    def _resolve(self, value: Any) -> Any:
        if isinstance(value, list):
            return [item for item in (self._resolve(v) for v in value) if item is not _REMOVED]
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            ((key, arg),) = value.items()
            if key == "Ref" or key.startswith("Fn::"):
                return self._function(key, arg)
        return {k: item for k, v in value.items() if (item := self._resolve(v)) is not _REMOVED}

    def resolve(self, value: Any) -> Any:
        """`value` with every intrinsic resolved; `Ref: AWS::NoValue` drops what holds it (alone: None)."""
        resolved = self._resolve(value)
        return None if resolved is _REMOVED else resolved

    def try_resolve(self, value: Any, default: Any = None) -> Any:
        try:
            return self.resolve(value)
        except Unresolved:
            return default


def resolve(value: Any, pseudo: Mapping[str, str], *, lenient: bool = False) -> Any:
    """`value` of a template whose only known names are its pseudo parameters (a resource needs a deployment)."""
    return Resolver({}, pseudo, lenient=lenient).resolve(value)
