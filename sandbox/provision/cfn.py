"""Just enough CloudFormation intrinsic evaluation to turn template references into sandbox names."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

ResourceAttributes = Mapping[str, Mapping[str, Any]]  # logical id -> {"Ref": ..., "Arn": ..., ...}


class Unresolved(Exception):
    """An expression refers to something the sandbox did not provision."""


class Resolver:
    def __init__(
        self, attributes: ResourceAttributes, pseudo: Mapping[str, str], parameters: Mapping[str, Any] | None = None
    ) -> None:
        self.attributes = attributes
        self.pseudo = pseudo
        self.parameters = parameters or {}

    def _ref(self, name: str) -> Any:
        if name in self.pseudo:
            return self.pseudo[name]
        if name in self.parameters:
            return self.parameters[name]
        try:
            return self.attributes[name]["Ref"]
        except KeyError:
            raise Unresolved(f"Ref {name}") from None

    def _get_att(self, name: str, attribute: str) -> Any:
        try:
            return self.attributes[name][attribute]
        except KeyError:
            raise Unresolved(f"GetAtt {name}.{attribute}") from None

    def _sub(self, template: str, variables: Mapping[str, Any]) -> str:
        def replace(match: re.Match[str]) -> str:
            expr = match.group(1)
            if expr.startswith("!"):
                return "${" + expr[1:] + "}"
            if expr in variables:
                return str(self.resolve(variables[expr]))
            if "." in expr and not expr.startswith("AWS::"):
                logical, attribute = expr.split(".", 1)
                return str(self._get_att(logical, attribute))
            return str(self._ref(expr))

        return re.sub(r"\$\{([^}]+)\}", replace, template)

    def resolve(self, value: Any) -> Any:
        if isinstance(value, list):
            return [self.resolve(v) for v in value]
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            ((key, arg),) = value.items()
            if key == "Ref":
                return self._ref(arg)
            if key == "Fn::GetAtt":
                logical, attribute = arg if isinstance(arg, list) else arg.split(".", 1)
                return self._get_att(logical, attribute)
            if key == "Fn::Join":
                separator, parts = arg
                return separator.join(str(p) for p in self.resolve(parts))
            if key == "Fn::Sub":
                text, variables = (arg, {}) if isinstance(arg, str) else (arg[0], arg[1])
                return self._sub(text, variables)
            if key == "Fn::Select":
                index, items = arg
                return self.resolve(items)[int(self.resolve(index))]
            if key == "Fn::Split":
                separator, text = arg
                return str(self.resolve(text)).split(separator)
            if key == "Fn::If":
                raise Unresolved("Fn::If")
            if key.startswith("Fn::"):
                raise Unresolved(key)
        return {k: self.resolve(v) for k, v in value.items()}

    def try_resolve(self, value: Any, default: Any = None) -> Any:
        try:
            return self.resolve(value)
        except Unresolved:
            return default
