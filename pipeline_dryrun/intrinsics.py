"""The few CloudFormation intrinsics a CodeBuild project or action may hold, resolved offline.

CDK writes ARNs as `Fn::Join` with `Ref: AWS::Partition`; anything that needs a deployed resource
(`Ref` to a logical id, `Fn::GetAtt`, imports) cannot be known offline and raises `Unresolvable`.
https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class Unresolvable(ValueError):
    """A value depends on something only a deployment knows."""


def pseudo_parameters(*, account: str, region: str, partition: str = "aws") -> dict[str, str]:
    """The pseudo parameters a template of this account and region would see.
    https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html"""
    return {
        "AWS::AccountId": account,
        "AWS::Region": region,
        "AWS::Partition": partition,
        "AWS::URLSuffix": "amazonaws.com.cn" if partition == "aws-cn" else "amazonaws.com",
        "AWS::NoValue": "",
    }


def resolve(value: Any, pseudo: Mapping[str, str], *, lenient: bool = False) -> Any:
    """`value` with `Ref` to pseudo parameters and `Fn::Join` resolved; raises Unresolvable otherwise.
    `lenient` writes `<Ref X>`-style placeholders instead (for messages, never for running anything)."""

    def unresolvable(text: str) -> str:
        if lenient:
            return f"<{text}>"
        raise Unresolvable(text)

    if isinstance(value, dict):
        if len(value) == 1:
            ((key, arg),) = value.items()
            if key == "Ref":
                return pseudo[arg] if arg in pseudo else unresolvable(f"Ref {arg}")
            if key == "Fn::Join":
                separator, parts = arg
                return str(separator).join(
                    str(resolve(p, pseudo, lenient=lenient)) for p in resolve(parts, pseudo, lenient=lenient)
                )
            if key.startswith("Fn::"):
                return unresolvable(f"{key} {arg!r}"[:200])
        return {k: resolve(v, pseudo, lenient=lenient) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(item, pseudo, lenient=lenient) for item in value]
    return value
