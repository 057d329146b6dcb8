"""The runtime Lambda functions, built from the plain `backend/runtime/` folder (no Docker).

The code asset holds `runtime/` plus the pinned Powertools package (and typing-extensions, which it needs and the
Lambda runtime lacks), copied at synth from this Python's installation by backend/infra/lambda_asset.py: no layer,
so nothing is looked up at deploy time and the functions run exactly the Powertools the tests ran. What the
functions reach (tables, secret, bucket, push, streams) and the environment naming it are wired by the stack
(backend/infra/stack.py), where both sides meet; here each function gets only what every function needs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aws_cdk as cdk
import jsii
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct

from ..naming import METRIC_NAMESPACE
from .lambda_asset import BACKEND_DIR, REQUIREMENTS, Asset, copy_files, pinned_version, runtime_asset
from .settings import BackendSettings

RUNTIME = lambda_.Runtime.PYTHON_3_14
ARCHITECTURE = lambda_.Architecture.ARM_64


def pinned_powertools_version(requirements: Path = REQUIREMENTS) -> str:
    """The Powertools version the tests run with, and the one the functions' asset carries."""
    return pinned_version("aws-lambda-powertools", requirements)


POWERTOOLS_VERSION = pinned_powertools_version()


@jsii.implements(cdk.ILocalBundling)
class _CopyAsset:
    """CDK's bundling step done in this process: copies the asset's files into CDK's output directory. CDK skips it
    when the assembly already holds an asset of the same hash, and never falls back to Docker (this returns True)."""

    def __init__(self, asset: Asset) -> None:
        self._asset = asset

    def try_bundle(self, output_dir: str, *, image: cdk.DockerImage, **_options: Any) -> bool:
        copy_files(list(self._asset.files), Path(output_dir))
        return True


def function_code(asset: Asset | None = None) -> lambda_.Code:
    """The runtime functions' code: `runtime/` + Powertools, under a hash of its own files (machine-independent)."""
    asset = asset or runtime_asset()
    return lambda_.Code.from_asset(
        str(BACKEND_DIR),
        asset_hash_type=cdk.AssetHashType.CUSTOM,
        asset_hash=asset.hash,
        bundling=cdk.BundlingOptions(
            # Never pulled or run: local bundling always succeeds. CDK requires an image to be named.
            image=cdk.DockerImage.from_registry("local-bundling-only"),
            local=_CopyAsset(asset),
        ),
    )


GRAPHQL_HANDLER = "runtime.graphql_handler.handler"
STREAM_HANDLER = "runtime.stream_handler.handler"
COGNITO_TRIGGER_HANDLER = "runtime.cognito_trigger.handler"


class Functions(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, settings: BackendSettings) -> None:
        super().__init__(scope, construct_id)
        self._settings = settings
        self._code = function_code()
        # The GraphQL function's own key (it signs and checks page tokens); nothing outside the runtime reads it.
        self.pagination_secret = secretsmanager.Secret(
            self,
            "PaginationSecret",
            description=f"HMAC key that signs GraphQL nextTokens ({settings.env_name}).",
            generate_secret_string=secretsmanager.SecretStringGenerator(password_length=64, exclude_punctuation=True),
            removal_policy=settings.removal_policy,
        )
        self.graphql = self._function(
            "GraphQL", GRAPHQL_HANDLER, "Resolves every GraphQL field.", memory_mb=1024, timeout_s=15
        )
        self.stream = self._function(
            "Streams",
            STREAM_HANDLER,
            "Posts/comments streams: push on comment, cascade deletes.",
            memory_mb=512,
            timeout_s=60,
        )
        self.cognito_trigger = self._function(
            "PostConfirmation",
            COGNITO_TRIGGER_HANDLER,
            "Cognito post-confirmation: creates the profile.",
            memory_mb=256,
            timeout_s=5,
        )

    @property
    def all(self) -> list[lambda_.Function]:
        return [self.graphql, self.stream, self.cognito_trigger]

    def _function(
        self, construct_id: str, handler: str, description: str, *, memory_mb: int, timeout_s: int
    ) -> lambda_.Function:
        environment = {
            "APP_VERSION": self._settings.app_version,
            "POWERTOOLS_SERVICE_NAME": "mobile-backend",
            "POWERTOOLS_METRICS_NAMESPACE": METRIC_NAMESPACE,
            "POWERTOOLS_LOG_LEVEL": "INFO",
        }
        return self.add_function(
            self,
            construct_id,
            handler,
            description,
            memory_mb=memory_mb,
            timeout_s=timeout_s,
            environment=environment,
            instrumented=True,
        )

    def add_function(
        self,
        scope: Construct,
        construct_id: str,
        handler: str,
        description: str,
        *,
        memory_mb: int,
        timeout_s: int,
        environment: dict[str, str],
        instrumented: bool = False,
    ) -> lambda_.Function:
        """A function from the same `backend/` asset, in `scope`, with its own log group (the stack's retention).
        Not `instrumented` (the default, for code that needs only the standard library and boto3): no Powertools
        settings and no X-Ray, so no rights beyond its logs and what the caller grants. The runtime's own functions
        are instrumented."""
        log_group = logs.LogGroup(
            scope,
            f"{construct_id}Logs",
            retention=self._settings.log_retention,
            removal_policy=self._settings.removal_policy,
        )
        return lambda_.Function(
            scope,
            construct_id,
            description=description,
            runtime=RUNTIME,
            architecture=ARCHITECTURE,
            handler=handler,
            code=self._code,
            memory_size=memory_mb,
            timeout=cdk.Duration.seconds(timeout_s),
            tracing=lambda_.Tracing.ACTIVE if instrumented else None,
            log_group=log_group,
            logging_format=lambda_.LoggingFormat.JSON,
            environment=environment,
        )
