"""Regions, partitions and DNS suffixes as botocore knows them (its shipped partitions.json).

A stack whose manifest environment names a region gets exact values for AWS::Region, AWS::Partition and
AWS::URLSuffix (the partition and suffix follow from the region). An environment-agnostic stack gets the
longest value any known partition could produce.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import botocore.session


@dataclass(frozen=True)
class Partition:
    name: str
    dns_suffix: str
    region_regex: str
    regions: tuple[str, ...]


@cache
def partitions() -> tuple[Partition, ...]:
    data = botocore.session.get_session().get_component("data_loader").load_data("partitions")
    found = []
    for entry in data["partitions"]:
        regex = entry["regionRegex"]
        # The file also lists pseudo regions such as `aws-global`; only names the regex accepts are regions.
        regions = tuple(name for name in entry["regions"] if re.match(regex, name))
        found.append(Partition(entry["outputs"]["name"], entry["outputs"]["dnsSuffix"], regex, regions))
    return tuple(found)


def partition_for_region(region: str) -> Partition | None:
    for partition in partitions():
        if region in partition.regions or re.match(partition.region_regex, region):
            return partition
    return None


@cache
def longest_region() -> str:
    return max((region for p in partitions() for region in p.regions), key=len)


@cache
def longest_partition_name() -> str:
    return max((p.name for p in partitions()), key=len)


@cache
def longest_dns_suffix() -> str:
    return max((p.dns_suffix for p in partitions()), key=len)
