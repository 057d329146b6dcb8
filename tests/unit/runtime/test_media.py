"""createUploadUrl (presigned POST with conditions), imageKey ownership, imageUrl (presigned GET)."""

from __future__ import annotations

import base64
import json
from urllib.parse import parse_qs, urlparse

from .conftest import GraphQL, error_type
from .tables import MEDIA_BUCKET


def _policy(fields: dict) -> dict:
    return json.loads(base64.b64decode(fields["policy"]))


def test_upload_target_is_limited_to_the_callers_prefix_type_and_size(alice: GraphQL) -> None:
    target = alice.mutate("createUploadUrl", contentType="image/png", contentLength=2048)
    assert target["key"].startswith("private/alice-sub/") and len(target["key"]) == len("private/alice-sub/") + 36
    assert MEDIA_BUCKET in target["url"] and target["expiresAt"].endswith("Z")
    fields = json.loads(target["fields"])
    assert fields["key"] == target["key"] and fields["Content-Type"] == "image/png"
    conditions = _policy(fields)["conditions"]
    assert {"Content-Type": "image/png"} in conditions
    assert ["content-length-range", 1, 2048] in conditions
    assert {"key": target["key"]} in conditions and {"bucket": MEDIA_BUCKET} in conditions


def test_upload_target_refuses_non_images_and_large_files(alice: GraphQL) -> None:
    for content_type, length in (
        ("text/html", 10),
        ("image/svg+xml", 10),
        ("image/png", 0),
        ("image/png", 10 * 1024 * 1024 + 1),
        ("image/png", "big"),
    ):
        result = alice.mutate("createUploadUrl", contentType=content_type, contentLength=length)
        assert error_type(result) == "ValidationError", (content_type, length)
    assert "key" in alice.mutate("createUploadUrl", contentType="image/jpeg", contentLength=10 * 1024 * 1024)


def test_post_image_must_be_under_the_callers_prefix_and_resolves_to_a_presigned_get(alice: GraphQL) -> None:
    key = alice.mutate("createUploadUrl", contentType="image/jpeg", contentLength=100)["key"]
    for foreign in ("private/bob-sub/x", "public/x", "private/alice-sub/../bob-sub/x", "private/alice-sub/"):
        result = alice.mutate("createPost", input={"title": "t", "content": "c", "imageKey": foreign})
        assert error_type(result) == "ValidationError", foreign
    post = alice.create_post(imageKey=key)
    assert post["imageKey"] == key
    url = urlparse(post["imageUrl"])
    assert url.path.endswith(key)
    query = parse_qs(url.query)
    assert query["X-Amz-Expires"] == ["900"] and "X-Amz-Signature" in query
    without = alice.mutate("updatePost", input={"id": post["id"], "expectedVersion": 1, "imageKey": None})
    assert without["imageKey"] is None and without["imageUrl"] is None
