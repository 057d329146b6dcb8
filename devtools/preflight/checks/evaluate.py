"""Compares one rendered value (or count) with one limit, recording what it finds."""

from __future__ import annotations

import re

from ..limits import CountLimit, IntegerRange, StringLimit
from ..rendered import Rendered
from ..report import Location, Results, shown, size


def check_string(results: Results, where: Location, path: str, value: Rendered, limit: StringLimit) -> None:
    """Length against the worst case; minimum, enum, pattern and forbidden forms only on exactly known text
    (a deploy-time part could be anything that fits, so only its length is certain)."""
    if value.absent:
        return
    results.values_checked += 1
    measured = limit.size(value.sample)
    if limit.max_length is not None and measured > limit.max_length:
        results.findings.append(where.finding(path, size(value, limit), f"> max {limit.max_length}", limit))
    if not value.exact:
        return
    text = value.sample
    if limit.min_length is not None and measured < limit.min_length:
        observed = f"{shown(text)} is {measured} {limit.measure}"
        results.findings.append(where.finding(path, observed, f"< min {limit.min_length}", limit))
    if limit.allowed and text not in limit.allowed:
        expected = "is not one of " + "|".join(limit.allowed)
        results.findings.append(where.finding(path, shown(text), expected, limit))
    elif text and not limit.matches(text):
        results.findings.append(where.finding(path, shown(text), f"does not match {limit.pattern}", limit))
    for regex, meaning in limit.forbidden:
        if re.search(regex, text):
            results.findings.append(where.finding(path, shown(text), meaning, limit))


def check_integer(results: Results, where: Location, path: str, value: Rendered, limit: IntegerRange) -> None:
    """Only a value known at synth time can be compared (a deploy-time number has no length to bound)."""
    if value.absent or not value.exact:
        return
    try:
        number = int(value.sample)
    except ValueError:
        return  # not an integer at all: a type error cfn-lint reports
    results.values_checked += 1
    if limit.minimum is not None and number < limit.minimum:
        results.findings.append(where.finding(path, str(number), f"< min {limit.minimum}", limit))
    if limit.maximum is not None and number > limit.maximum:
        results.findings.append(where.finding(path, str(number), f"> max {limit.maximum}", limit))


def check_count(results: Results, where: Location, path: str, count: int, exact: bool, limit: CountLimit) -> None:
    """`exact` is False when `count` is a worst case (a list whose length is only known at deploy time)."""
    results.values_checked += 1
    observed = f"{count} {limit.unit}" + ("" if exact else " (worst case)")
    if limit.maximum is not None and count > limit.maximum:
        results.findings.append(where.finding(path, observed, f"> max {limit.maximum}", limit))
    if exact and limit.minimum is not None and count < limit.minimum:
        results.findings.append(where.finding(path, observed, f"< min {limit.minimum}", limit))
