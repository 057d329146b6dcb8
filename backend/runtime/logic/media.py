"""Private media in S3: presigned POST for uploads, short-lived presigned GET for reads."""

from __future__ import annotations

import json
import uuid
from typing import Any

from .. import aws, clock
from ..errors import ValidationError
from ..identity import Caller
from ..settings import get_settings
from ..validation import integer

ALLOWED_CONTENT_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "image/heif"})
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
UPLOAD_EXPIRES_SECONDS = 900
DOWNLOAD_EXPIRES_SECONDS = 900


def create_upload_target(caller: Caller, content_type: Any, content_length: Any) -> dict[str, Any]:
    if not isinstance(content_type, str) or content_type.lower() not in ALLOWED_CONTENT_TYPES:
        allowed = ", ".join(sorted(ALLOWED_CONTENT_TYPES))
        raise ValidationError(f"contentType must be one of {allowed}")
    length = integer(content_length, "contentLength")
    if not 1 <= length <= MAX_UPLOAD_BYTES:
        raise ValidationError(f"contentLength must be between 1 and {MAX_UPLOAD_BYTES} bytes")
    content_type = content_type.lower()
    key = f"{caller.media_prefix}{uuid.uuid4()}"
    post = aws.s3().generate_presigned_post(
        Bucket=get_settings().media_bucket,
        Key=key,
        Fields={"Content-Type": content_type},
        Conditions=[{"Content-Type": content_type}, ["content-length-range", 1, length]],
        ExpiresIn=UPLOAD_EXPIRES_SECONDS,
    )
    return {
        "url": post["url"],
        "fields": json.dumps(post["fields"]),  # AWSJSON travels as a JSON string
        "key": key,
        "expiresAt": clock.iso_in(UPLOAD_EXPIRES_SECONDS),
    }


def presigned_get(key: str | None) -> str | None:
    if not key:
        return None
    return aws.s3().generate_presigned_url(
        "get_object",
        Params={"Bucket": get_settings().media_bucket, "Key": key},
        ExpiresIn=DOWNLOAD_EXPIRES_SECONDS,
    )
