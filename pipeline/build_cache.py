"""The dependency cache of the pipeline's install steps (synth, post-deploy tests): an S3 cache with a key.

S3, not CodeBuild's local cache: a local cache lives on one build host and is "not the best option if your
builds are infrequent" (https://docs.aws.amazon.com/codebuild/latest/userguide/caching-local.html); pipeline
builds run once per push on whichever host. An S3 cache is available across build hosts, and with a buildspec
`cache.key` CodeBuild keeps "a unique cache copy that will not be updated once created"
(https://docs.aws.amazon.com/codebuild/latest/userguide/caching-s3.html): the key hashes the files that decide
what is installed (`codebuild-hash-files`: the npm and Python locks, and the installer), so a build uploads the
cache only when they changed.

Cached: npm's content cache (~/.npm; `npm ci --prefer-offline` then asks the registry nothing for what it
holds) and the uv binary (~/.cache/install-deps, pipeline/install_deps.py). Not uv's package cache: it holds
unpacked wheels (about 600 MB for requirements-dev.lock), and uv documents that re-downloading pre-built
wheels in CI is faster than restoring them (`uv cache prune --ci`); every pinned package is a wheel.
CodeBuild's standard images build as root, so HOME is /root.
"""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_codebuild as codebuild
from aws_cdk import aws_s3 as s3
from constructs import IConstruct

from backend.infra.nag import acknowledge, logical_id

BUCKET_ID = "DependencyCache"
UV_TOOLS = "/root/.cache/install-deps/**/*"  # where pipeline/install_deps.py keeps uv (XDG cache of root)
NPM_CACHE = "/root/.npm/**/*"
INSTALLER = "pipeline/install_deps.py"  # its UV_VERSION decides which uv the cache holds
EXPIRY = cdk.Duration.days(30)  # keys of old lock files are never read again


def cache_build_spec(name: str, key_files: list[str], paths: list[str]) -> dict:
    """The buildspec `cache` section: one immutable copy per hash of `key_files`."""
    return {"cache": {"key": f"{name}-$(codebuild-hash-files {' '.join(key_files)})", "paths": paths}}


SYNTH_CACHE = cache_build_spec(
    "synth",
    [
        "package-lock.json",
        "devtools/codegen/package-lock.json",
        "requirements-dev.lock",
        INSTALLER,
    ],
    [NPM_CACHE, UV_TOOLS],
)
POST_DEPLOY_CACHE = cache_build_spec("post-deploy", ["requirements-integration.lock", INSTALLER], [UV_TOOLS])


def dependency_cache(scope: IConstruct) -> codebuild.Cache:
    """The stack's one cache bucket (created on first use): private, encrypted, TLS only, old keys expire."""
    stack = cdk.Stack.of(scope)
    bucket = stack.node.try_find_child(BUCKET_ID)
    if bucket is None:
        bucket = s3.Bucket(
            stack,
            BUCKET_ID,
            encryption=s3.BucketEncryption.S3_MANAGED,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            enforce_ssl=True,
            lifecycle_rules=[s3.LifecycleRule(expiration=EXPIRY, abort_incomplete_multipart_upload_after=EXPIRY)],
        )
        acknowledge(
            bucket,
            "Build dependency cache: copies of public packages, re-created from the registries on a miss; "
            "access is audited through CloudTrail.",
            "AwsSolutions-S1",
        )
        acknowledge(
            stack,
            "CodeBuild's S3 cache grants the build projects read/write on the cache bucket's objects "
            "(one object per cache key, names chosen by CodeBuild).",
            f"AwsSolutions-IAM5[Resource::<{logical_id(bucket)}.Arn>/*]",
        )
    assert isinstance(bucket, s3.Bucket)
    return codebuild.Cache.bucket(bucket)
