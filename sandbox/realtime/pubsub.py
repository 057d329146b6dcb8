"""@aws_subscribe fan-out: a successful mutation's result goes to matching subscriptions.

As in AppSync: subscription arguments are equality filters on the mutation result's fields of the same name
(null arguments don't filter); the payload carries only what the mutation selected, shaped by the
subscription's selection set.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from graphql import FieldNode, GraphQLSchema

from ..appsync.selection import Fragments, shape

log = logging.getLogger("sandbox.pubsub")


@dataclass(eq=False)
class Subscription:
    id: str
    field_name: str
    response_key: str
    arguments: dict[str, Any]
    node: FieldNode
    fragments: Fragments
    send: Callable[[dict[str, Any]], Awaitable[None] | None]


def subscribe_targets(schema: GraphQLSchema) -> dict[str, list[str]]:
    """mutation field name -> subscription field names fed by it."""
    targets: dict[str, list[str]] = {}
    subscription_type = schema.subscription_type
    for name, gql_field in (subscription_type.fields if subscription_type else {}).items():
        for directive in gql_field.ast_node.directives if gql_field.ast_node else ():
            if directive.name.value != "aws_subscribe":
                continue
            for argument in directive.arguments:
                if argument.name.value == "mutations":
                    for mutation in getattr(argument.value, "values", []):
                        targets.setdefault(mutation.value, []).append(name)
    return targets


class SubscriptionHub:
    def __init__(self, schema: GraphQLSchema) -> None:
        self.schema = schema
        self.targets = subscribe_targets(schema)
        self._subscriptions: set[Subscription] = set()

    def add(self, subscription: Subscription) -> None:
        self._subscriptions.add(subscription)

    def remove(self, subscription: Subscription) -> None:
        self._subscriptions.discard(subscription)

    def __len__(self) -> int:
        return len(self._subscriptions)

    def publish(self, mutation_name: str, payload: Any) -> int:
        """Deliver to every matching subscription; returns how many matched."""
        fields = self.targets.get(mutation_name)
        if not fields or not isinstance(payload, dict):
            return 0
        delivered = 0
        subscription_type = self.schema.subscription_type
        for subscription in list(self._subscriptions):
            if subscription.field_name not in fields:
                continue
            if any(payload.get(k, _MISSING) != v for k, v in subscription.arguments.items() if v is not None):
                continue
            return_type = subscription_type.fields[subscription.field_name].type  # type: ignore[union-attr]
            data = shape(payload, subscription.node.selection_set, subscription.fragments, return_type)
            message = {"id": subscription.id, "type": "data", "payload": {"data": {subscription.response_key: data}}}
            try:
                subscription.send(message)
            except Exception:  # one broken socket must not stop the fan-out
                log.exception("delivery to subscription %s failed", subscription.id)
            delivered += 1
        return delivered


_MISSING = object()
