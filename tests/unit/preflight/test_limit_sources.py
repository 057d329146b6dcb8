"""The limit tables themselves: every botocore reference resolves, every hand-kept limit cites a page."""

from __future__ import annotations

from devtools.preflight import quotas
from devtools.preflight.limits import CountLimit, IntegerRange, StringLimit
from devtools.preflight.property_limits import name_max_length, property_rules
from devtools.preflight.resource_shapes import SHAPES, UNKNOWN_LENGTH


def test_every_mapped_property_resolves_to_a_limit_with_a_source():
    rules = property_rules()
    assert len(rules) > 50
    for rule in rules:
        assert rule.path.startswith("Properties."), rule
        assert rule.limit.source.startswith(("botocore ", "Lambda ", "S3 ", "SNS ", "SQS ", "SSM ")), rule
        assert isinstance(rule.limit, StringLimit | IntegerRange)


def test_every_hand_kept_limit_cites_an_aws_documentation_page():
    hand_kept = [value for value in vars(quotas).values() if isinstance(value, StringLimit | CountLimit)]
    assert len(hand_kept) > 20
    for limit in hand_kept:
        assert "https://docs.aws.amazon.com/" in limit.source, limit


def test_the_action_configuration_value_limit_is_botocores_1000():
    (rule,) = [r for r in property_rules() if r.path.endswith("Configuration.<value>")]
    assert isinstance(rule.limit, StringLimit) and (rule.limit.min_length, rule.limit.max_length) == (1, 1000)


def test_name_lengths_the_renderer_uses_come_from_the_same_rules():
    assert name_max_length("AWS::IAM::Role", "RoleName") == 64
    assert name_max_length("AWS::Lambda::Function", "FunctionName") == 64  # the quota, tighter than botocore's 140
    assert name_max_length("AWS::S3::Bucket", "BucketName") == 63
    assert name_max_length("AWS::SQS::Queue", "QueueName") == 80
    assert name_max_length("AWS::AppSync::GraphQLApi", "Name") is None  # nothing published
    assert UNKNOWN_LENGTH == 2048


def test_every_shape_names_a_property_or_none():
    for resource_type, shape in SHAPES.items():
        assert resource_type.startswith("AWS::")
        assert shape.name_property is None or shape.name_property[0].isupper()
