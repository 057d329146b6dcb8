"""A template parameter's value at its worst case: its Default (CDK Pipelines passes no parameter overrides), else
its longest AllowedValue or MaxLength, else CloudFormation's parameter value quota; SSM-typed parameters resolve to an
SSM value, bounded by that same quota."""

from __future__ import annotations

from typing import Any

from . import quotas
from .rendered import Rendered, RenderedList, known, unknown, widest

PARAMETER_VALUE_MAX = quotas.CFN_PARAMETER_VALUE_BYTES
CDK_BOOTSTRAP_VERSION_LENGTH = 10  # a version number; 10 digits hold any 32-bit integer


def parameter_value(name: str, declaration: dict[str, Any]) -> Rendered | RenderedList:
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


def _is_cdk_bootstrap_version(name: str, declaration: dict[str, Any]) -> bool:
    # CDK's synthesizer adds `BootstrapVersion`, an SSM-typed parameter read from /cdk-bootstrap/<qualifier>/version.
    default = str(declaration.get("Default", ""))
    return name == "BootstrapVersion" and default.startswith("/cdk-bootstrap/") and default.endswith("/version")
