"""Lambda filter patterns, the subset the sandbox applies to stream records."""

from __future__ import annotations

import pytest

from sandbox.streams.event_filter import matches, parse_filters, passes

RECORD = {"eventName": "INSERT", "dynamodb": {"NewImage": {"type": {"S": "comment"}, "postId": {"S": "p1"}}}}


@pytest.mark.parametrize(
    "pattern, expected",
    [
        ({"eventName": ["INSERT", "MODIFY"]}, True),
        ({"eventName": ["REMOVE"]}, False),
        ({"dynamodb": {"NewImage": {"type": {"S": ["comment"]}}}}, True),
        ({"dynamodb": {"NewImage": {"type": {"S": ["post"]}}}}, False),
        ({"dynamodb": {"OldImage": {"type": {"S": [{"exists": False}]}}}}, True),
        ({"dynamodb": {"NewImage": {"postId": {"S": [{"prefix": "p"}]}}}}, True),
        ({"eventName": [{"anything-but": ["REMOVE"]}]}, True),
        ({"eventName": [{"anything-but": "INSERT"}]}, False),
    ],
)
def test_patterns(pattern, expected):
    assert matches(pattern, RECORD) is expected


def test_filters_are_ored_and_absent_filters_pass_everything():
    patterns = parse_filters(
        {"Filters": [{"Pattern": '{"eventName": ["REMOVE"]}'}, {"Pattern": '{"eventName": ["INSERT"]}'}]}
    )
    assert passes(patterns, RECORD)
    assert not passes(parse_filters({"Filters": [{"Pattern": '{"eventName": ["REMOVE"]}'}]}), RECORD)
    assert parse_filters(None) is None and passes(None, RECORD)
