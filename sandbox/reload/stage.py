"""A stage template's change, applied to a running sandbox's moto without losing state.

`plan_change` compares the old and new templates over what provisioning created and returns what cannot be applied
in place (a table's key schema, an existing user pool's settings...), each with what to do. `InPlaceProvisioner`
runs provisioning over the new template against the live moto: resources that already exist keep their physical
ids and contents (their attributes are reused), new ones are created, a table's added or removed global secondary
indexes are updated, and the pure parts (functions' environments, stream sources, roles' policies, outputs) are
derived again.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..provisioning.provisioned import Provisioned
from ..provisioning.resources import Provisioner

TABLE_TYPES = ("AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable")
# What provisioning creates in moto, beyond tables: a changed one cannot be altered in place (it would mean
# recreating the pool, client, bucket... and their contents).
CREATED_TYPES = (
    "AWS::SecretsManager::Secret",
    "AWS::S3::Bucket",
    "AWS::Cognito::UserPool",
    "AWS::Cognito::UserPoolClient",
    "AWS::Cognito::UserPoolGroup",
    "AWS::Cognito::IdentityPool",
    "AWS::KinesisFirehose::DeliveryStream",
)
RESET = "restart with --reset to apply it (make sandbox SANDBOX_ARGS=--reset: wipes users and data)"
RESTART = "restart the sandbox to apply it (users and data are kept)"


@dataclass
class StagePlan:
    unsafe: list[str] = field(default_factory=list)  # "what: what to do"
    new_tables: list[str] = field(default_factory=list)
    index_changes: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)  # logical -> (add, drop)
    changed: list[str] = field(default_factory=list)  # logical ids whose resource differs, any type

    def summary(self) -> str:
        parts = [f"new table {t}" for t in self.new_tables]
        for logical, (added, dropped) in self.index_changes.items():
            parts += [f"index {logical}.{i} added" for i in added] + [f"index {logical}.{i} dropped" for i in dropped]
        return ", ".join(parts)


def _resources(template: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return dict(template.get("Resources") or {})


def _props(resource: Mapping[str, Any]) -> Mapping[str, Any]:
    return resource.get("Properties") or {}


def _same(a: Any, b: Any) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def _indexes(props: Mapping[str, Any], key: str) -> dict[str, Mapping[str, Any]]:
    return {i["IndexName"]: i for i in props.get(key) or []}


def _keys(key_schema: Any) -> str:
    return ", ".join(f"{k['AttributeName']} {k['KeyType']}" for k in key_schema or [])


def _plan_table(plan: StagePlan, logical: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
    if not _same(old.get("KeySchema"), new.get("KeySchema")):
        plan.unsafe.append(
            f"table {logical}'s key schema changed ({_keys(old.get('KeySchema'))} -> {_keys(new.get('KeySchema'))}): "
            f"{RESET}"
        )
        return
    if not _same(old.get("LocalSecondaryIndexes"), new.get("LocalSecondaryIndexes")):
        plan.unsafe.append(f"table {logical}'s local secondary indexes changed: {RESET}")
        return
    old_stream = (old.get("StreamSpecification") or {}).get("StreamViewType")
    if old_stream != (new.get("StreamSpecification") or {}).get("StreamViewType"):
        plan.unsafe.append(f"table {logical}'s stream changed: {RESTART}")
        return
    old_gsi, new_gsi = _indexes(old, "GlobalSecondaryIndexes"), _indexes(new, "GlobalSecondaryIndexes")
    for name in old_gsi.keys() & new_gsi.keys():
        if not _same(old_gsi[name].get("KeySchema"), new_gsi[name].get("KeySchema")) or not _same(
            old_gsi[name].get("Projection"), new_gsi[name].get("Projection")
        ):
            plan.unsafe.append(f"index {logical}.{name} changed (rename it to add it as a new index, or {RESET})")
            return
    added, dropped = sorted(new_gsi.keys() - old_gsi.keys()), sorted(old_gsi.keys() - new_gsi.keys())
    if added or dropped:
        plan.index_changes[logical] = (added, dropped)


def plan_change(
    old: Mapping[str, Any], new: Mapping[str, Any], old_stream_sources: Mapping[str, Any] | None = None
) -> StagePlan:
    plan = StagePlan()
    old_resources, new_resources = _resources(old), _resources(new)
    for logical, resource in new_resources.items():
        before = old_resources.get(logical)
        kind = resource.get("Type")
        if before is None:
            if kind in TABLE_TYPES:
                plan.new_tables.append(logical)
            plan.changed.append(logical)
            continue
        if _same(before, resource):
            continue
        plan.changed.append(logical)
        if before.get("Type") != kind and (kind in TABLE_TYPES + CREATED_TYPES):
            plan.unsafe.append(f"{logical} changed type ({before.get('Type')} -> {kind}): {RESTART}")
        elif kind in TABLE_TYPES:
            _plan_table(plan, logical, _props(before), _props(resource))
        elif kind in CREATED_TYPES:
            plan.unsafe.append(f"{kind.split('::')[-1]} {logical} changed: {RESTART}")
    plan.changed += [logical for logical in old_resources if logical not in new_resources]
    return plan


def stream_sources_changed(old: Provisioned, new: Provisioned) -> bool:
    return not _same(old.stream_sources, new.stream_sources) or old.stream_retry_attempts != new.stream_retry_attempts


def _creator(kinds: tuple[str, ...], create_name: str) -> Callable[..., None]:
    """A creator that reuses an existing resource's attributes and creates only a new one."""

    def create(self: InPlaceProvisioner, logical: str, props: dict[str, Any]) -> None:
        if not self._existing(logical, kinds):
            getattr(super(InPlaceProvisioner, self), create_name)(logical, props)

    return create


class InPlaceProvisioner(Provisioner):
    """Provisioning of a changed template against the moto that already holds the old one's resources."""

    def __init__(self, old: Provisioned, old_template: Mapping[str, Any], plan: StagePlan, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        kept = copy.deepcopy(old)
        self.result.attributes.update(kept.attributes)  # the Resolver holds this very dict
        for name in ("tables", "stream_tables", "client_ids", "post_confirmation_pool_ids", "identity_pools"):
            setattr(self.result, name, getattr(kept, name))
        self.result.user_pool_id = kept.user_pool_id
        self._old_attributes = kept.attributes
        self._old_types = {logical: r.get("Type") for logical, r in _resources(old_template).items()}
        self._plan = plan

    def _existing(self, logical: str, kinds: tuple[str, ...]) -> bool:
        if self._old_types.get(logical) in kinds and logical in self._old_attributes:
            self.result.attributes[logical] = self._old_attributes[logical]
            return True
        return False

    def _table(self, logical: str, props: dict[str, Any]) -> None:
        if not self._existing(logical, TABLE_TYPES):
            super()._table(logical, props)
            return
        added, dropped = self._plan.index_changes.get(logical, ([], []))
        if not (added or dropped):
            return
        wanted = _indexes(props, "GlobalSecondaryIndexes")
        updates: list[dict[str, Any]] = [{"Delete": {"IndexName": name}} for name in dropped]
        updates += [
            {"Create": {k: wanted[name][k] for k in ("IndexName", "KeySchema", "Projection") if k in wanted[name]}}
            for name in added
        ]
        self.client("dynamodb").update_table(
            TableName=self.result.tables[logical],
            AttributeDefinitions=props["AttributeDefinitions"],
            GlobalSecondaryIndexUpdates=updates,
        )

    _secret = _creator(("AWS::SecretsManager::Secret",), "_secret")
    _bucket = _creator(("AWS::S3::Bucket",), "_bucket")
    _user_pool = _creator(("AWS::Cognito::UserPool",), "_user_pool")
    _user_pool_client = _creator(("AWS::Cognito::UserPoolClient",), "_user_pool_client")
    _group = _creator(("AWS::Cognito::UserPoolGroup",), "_group")
    _identity_pool = _creator(("AWS::Cognito::IdentityPool",), "_identity_pool")
    _firehose = _creator(("AWS::KinesisFirehose::DeliveryStream",), "_firehose")


def provision_in_place(
    old: Provisioned,
    old_template: Mapping[str, Any],
    template: Mapping[str, Any],
    plan: StagePlan,
    *,
    session: Any,
    endpoint_url: str,
    region: str,
    graphql_url: str,
    push_app_id: str,
) -> Provisioned:
    provisioner = InPlaceProvisioner(
        old, old_template, plan, session, endpoint_url, region, graphql_url=graphql_url, push_app_id=push_app_id
    )
    return provisioner.run(template)
