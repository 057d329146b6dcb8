"""A pseudo parameter's value at its worst case: the account, region and stack name the manifest knows, else the
longest botocore knows (partition and URL suffix follow from the region)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.cloudformation.partitions import longest_dns_suffix, longest_partition_name, longest_region

from .botocore_limits import list_max_items
from .property_limits import name_max_length
from .rendered import Rendered, RenderedList, concat, known, unknown
from .resource_shapes import UNKNOWN_LENGTH

if TYPE_CHECKING:
    from .render import Renderer


def pseudo_parameter(renderer: Renderer, name: str) -> Rendered | RenderedList:
    stack = renderer.stack
    if name in renderer.pseudo:
        return known(renderer.pseudo[name])
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
                renderer.pseudo_scalar("AWS::Partition"),
                known(":cloudformation:"),
                renderer.pseudo_scalar("AWS::Region"),
                known(":"),
                renderer.pseudo_scalar("AWS::AccountId"),
                known(f":stack/{stack.stack_name}/"),
                unknown(36),
            ]
        )
    if name == "AWS::NotificationARNs":
        # Up to botocore's NotificationARNs max of SNS topic ARNs with names as long as SNS allows.
        topic_arn = renderer.formatted("arn:{partition}:sns:{region}:{account}:", "")
        topic_name = name_max_length("AWS::SNS::Topic", "TopicName") or UNKNOWN_LENGTH
        topics = list_max_items("cloudformation", "NotificationARNs")
        return RenderedList.unknown(topics, topic_arn.length + topic_name)
    return unknown(UNKNOWN_LENGTH)
