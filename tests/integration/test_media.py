"""Media: presigned POST upload into the caller's private prefix, then a post that shows the image."""

from __future__ import annotations

import requests

from . import documents
from .gql import HTTP_TIMEOUT
from .media import form_fields, post_upload, tiny_png

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def _upload_url(actor, content_type: str, length: int):
    return actor.api.execute(documents.CREATE_UPLOAD_URL, {"contentType": content_type, "contentLength": length})


def test_upload_then_post_with_the_image(target, alice, bob, posts) -> None:
    png = tiny_png()
    upload = _upload_url(alice, "image/png", len(png)).ok()["createUploadUrl"]
    assert upload["key"].startswith(f"private/{alice.sub}/")
    assert upload["expiresAt"]
    assert target.media_bucket in upload["url"] + str(form_fields(upload).get("bucket", ""))

    stored = post_upload(target, upload, png, "image/png")
    assert stored.status_code in (200, 201, 204), stored.text

    post = posts.create(alice, imageKey=upload["key"])
    assert post["imageKey"] == upload["key"]
    seen_by_bob = bob.api.ok(documents.GET_POST, {"id": post["id"]})["getPost"]
    assert seen_by_bob["imageUrl"]
    image = requests.get(seen_by_bob["imageUrl"], timeout=HTTP_TIMEOUT, verify=target.tls_verify)
    assert image.status_code == 200
    assert image.content == png


def test_a_post_may_not_use_another_users_image(alice, bob, posts) -> None:
    # The runtime refuses a key outside the caller's own prefix as invalid input (ValidationError).
    png = tiny_png((0, 0, 255))
    alices_key = _upload_url(alice, "image/png", len(png)).ok()["createUploadUrl"]["key"]

    result = posts.attempt(bob, title="borrowed", content="not mine", imageKey=alices_key)
    assert result.error_types == ["ValidationError"]

    own = posts.create(bob)
    update = bob.api.execute(
        documents.UPDATE_POST, {"input": {"id": own["id"], "expectedVersion": 1, "imageKey": alices_key}}
    )
    assert update.error_types == ["ValidationError"]
    assert bob.api.ok(documents.GET_POST, {"id": own["id"]})["getPost"]["imageKey"] is None


def test_upload_url_only_for_images_up_to_10_mb(alice) -> None:
    assert _upload_url(alice, "image/jpeg", MAX_UPLOAD_BYTES).ok()["createUploadUrl"]["key"]
    assert _upload_url(alice, "text/html", 100).error_types == ["ValidationError"]
    assert _upload_url(alice, "image/png", MAX_UPLOAD_BYTES + 1).error_types == ["ValidationError"]
    assert _upload_url(alice, "image/png", 0).error_types == ["ValidationError"]


# S3 enforces the policy's conditions; the sandbox does too (sandbox/web/s3_post_policy.py), moto alone would not.
def test_s3_refuses_uploads_outside_the_signed_policy(target, alice) -> None:
    png = tiny_png((0, 255, 0))
    upload = _upload_url(alice, "image/png", len(png)).ok()["createUploadUrl"]
    too_long = post_upload(target, upload, png + b"\0" * 1024, "image/png")
    assert too_long.status_code in (400, 403), too_long.text
    other_type = post_upload(
        target, {**upload, "fields": {**form_fields(upload), "Content-Type": "text/html"}}, png, "text/html"
    )
    assert other_type.status_code in (400, 403), other_type.text
