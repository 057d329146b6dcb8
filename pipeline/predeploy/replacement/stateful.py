"""The resource types the replacement guard protects, each with why losing the resource loses something.

Two kinds of state:
- data the app reads back, which a new resource does not have (items, objects, users, secrets, messages);
- identifiers that apps in the field were built with (`amplify_outputs.json`: GraphQL URL, user pool client id,
  identity pool id, analytics stream name, push app id). A replaced resource gets a new id, and every
  installed app keeps calling the old one until users update it.

Not listed, on purpose: resources CloudFormation recreates whole from the template with nothing lost
(functions, roles, policies, alarms, dashboards, resolvers, event rules, topics and their subscriptions) and log
groups (their history is not read by the app, and a retained old group keeps it until it expires).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

_APPS_HOLD_IT = "apps in the field hold its id (amplify_outputs.json)"

STATEFUL_TYPES: Mapping[str, str] = MappingProxyType(
    {
        "AWS::DynamoDB::Table": "its items (a new table is empty)",
        "AWS::DynamoDB::GlobalTable": "its items in every replica (a new table is empty)",
        "AWS::S3::Bucket": "its objects (a new bucket is empty)",
        "AWS::Cognito::UserPool": "its users, their passwords and the `sub`s every table keys on; " + _APPS_HOLD_IT,
        "AWS::Cognito::UserPoolClient": "its client id, " + _APPS_HOLD_IT,
        "AWS::Cognito::UserPoolGroup": "its members (a new group has none)",
        "AWS::Cognito::IdentityPool": "its identity ids; " + _APPS_HOLD_IT,
        "AWS::KMS::Key": "whatever it encrypted becomes unreadable once the old key is gone",
        "AWS::SecretsManager::Secret": "its value (a new secret generates another one)",
        "AWS::SQS::Queue": "its messages (dead letters awaiting replay)",
        "AWS::Pinpoint::App": "its endpoints and channels; " + _APPS_HOLD_IT,
        "AWS::AppSync::GraphQLApi": "its API id and URL (and API keys); " + _APPS_HOLD_IT,
        "AWS::KinesisFirehose::DeliveryStream": "its name and buffered records; " + _APPS_HOLD_IT,
    }
)


def is_stateful(resource_type: object) -> bool:
    return isinstance(resource_type, str) and resource_type in STATEFUL_TYPES
