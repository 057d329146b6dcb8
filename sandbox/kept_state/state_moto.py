"""Reads the data the sandbox keeps (DynamoDB items, S3 objects, Cognito users) out of moto, and puts it back.

Per service, at the level where each is robust rather than pickling moto wholesale (its objects hold locks,
temp files and back-references that change between versions):
- S3 through its API (in-process, no HTTP): objects with content type and metadata go in and out unchanged.
- DynamoDB items read through Scan; written back into moto's table objects directly, because PutItem would add
  stream records and the stream handler would run its side effects (counters, pushes) a second time.
- Cognito users through moto's objects: the API never returns passwords, and AdminCreateUser would mint a new
  `sub` (posts refer to their authors by `sub`).
Capture runs under moto's request lock, so a snapshot never sees half a request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from ..constants import ACCOUNT_ID


def capture_dynamodb(client: Any, tables: list[str]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for table in tables:
        items: list[dict[str, Any]] = []
        for page in client.get_paginator("scan").paginate(TableName=table):
            items.extend(page.get("Items", []))
        out[table] = items
    return out


def restore_dynamodb(region: str, data: dict[str, list[dict[str, Any]]]) -> list[str]:
    """Puts items back without stream records; returns tables named in the state that no longer exist."""
    from moto.dynamodb.models import dynamodb_backends

    tables = dynamodb_backends[ACCOUNT_ID][region].tables
    missing = []
    for name, items in data.items():
        table = tables.get(name)
        if table is None:
            missing.append(name)
            continue
        shard, table.stream_shard = table.stream_shard, None
        try:
            for item in items:
                table.put_item(item)
        finally:
            table.stream_shard = shard
    return missing


def capture_s3(client: Any, buckets: list[str], blobs: dict[str, bytes]) -> dict[str, list[dict[str, Any]]]:
    """Object entries per bucket; their bodies go into `blobs` under their SHA-256 (stored once per content)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for bucket in buckets:
        entries = []
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            for listed in page.get("Contents", []):
                got = client.get_object(Bucket=bucket, Key=listed["Key"])
                body = got["Body"].read()
                digest = hashlib.sha256(body).hexdigest()
                blobs[digest] = body
                entry = {"key": listed["Key"], "blob": digest, "metadata": got.get("Metadata") or {}}
                if got.get("ContentType"):
                    entry["content_type"] = got["ContentType"]
                entries.append(entry)
        out[bucket] = entries
    return out


def restore_s3(client: Any, data: dict[str, list[dict[str, Any]]], read_blob: Any) -> list[str]:
    existing = {b["Name"] for b in client.list_buckets().get("Buckets", [])}
    missing = []
    for bucket, entries in data.items():
        if bucket not in existing:
            missing.append(bucket)
            continue
        for entry in entries:
            extra = {"ContentType": entry["content_type"]} if entry.get("content_type") else {}
            client.put_object(
                Bucket=bucket, Key=entry["key"], Body=read_blob(entry["blob"]), Metadata=entry["metadata"], **extra
            )
    return missing


def _idp_backend(region: str) -> Any:
    from moto.cognitoidp.models import cognitoidp_backends

    return cognitoidp_backends[ACCOUNT_ID][region]


def capture_cognito(region: str, pool_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    pools = _idp_backend(region).user_pools
    out: dict[str, list[dict[str, Any]]] = {}
    for pool_id in pool_ids:
        pool = pools.get(pool_id)
        if pool is None:
            continue
        out[pool_id] = [
            {
                "username": user.username,
                "password": user.password,
                "status": user.status,
                "enabled": user.enabled,
                "attributes": user.attributes,
                "groups": sorted(group.group_name for group in user.groups),
                "created": user.create_date.isoformat(),
                "modified": user.last_modified_date.isoformat(),
            }
            for user in pool.users.values()
        ]
    return out


def restore_cognito(region: str, data: dict[str, list[dict[str, Any]]]) -> list[str]:
    from moto.cognitoidp.models import CognitoIdpUser

    pools = _idp_backend(region).user_pools
    missing = []
    for pool_id, users in data.items():
        pool = pools.get(pool_id)
        if pool is None:
            missing.append(pool_id)
            continue
        for saved in users:
            user = CognitoIdpUser(pool_id, saved["username"], saved["password"], saved["status"], [])
            attributes = {a["Name"]: a["Value"] for a in saved["attributes"]}
            user.id = attributes.get("sub", user.id)  # moto's `sub` is the user's id
            user.update_attributes(saved["attributes"])
            user.enabled = saved["enabled"]
            user.create_date = dt.datetime.fromisoformat(saved["created"])
            user.last_modified_date = dt.datetime.fromisoformat(saved["modified"])
            for name in saved["groups"]:
                group = pool.groups.get(name)
                if group is not None:  # a group the template no longer has
                    group.users.add(user)
                    user.groups.add(group)
            pool.users[user.username] = user
    return missing
