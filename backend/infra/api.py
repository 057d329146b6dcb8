"""AppSync GraphQL API from backend/schema.graphql: Cognito default + IAM, every field on the runtime Lambda."""

from __future__ import annotations

from pathlib import Path

import aws_cdk as cdk
from aws_cdk import aws_appsync as appsync
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from ..schema import SCHEMA_PATH
from .nag import acknowledge
from .schema_fields import resolved_fields
from .settings import BackendSettings

RESOLVER_DIR = Path(__file__).resolve().parent / "resolvers"
MAX_BATCH_SIZE = 100  # one BatchGetItem page per batch of `author` lookups
QUERY_DEPTH_LIMIT = 10


_OPERATION_LINE = "const OPERATION = 'Invoke';"


def lambda_resolver_code(*, batched: bool) -> str:
    """The shared APPSYNC_JS resolver; batched fields get the same code with BatchInvoke."""
    code = (RESOLVER_DIR / "lambda_invoke.js").read_text(encoding="utf-8")
    if _OPERATION_LINE not in code:
        raise ValueError(f"{RESOLVER_DIR / 'lambda_invoke.js'}: expected the line {_OPERATION_LINE!r}")
    return code.replace(_OPERATION_LINE, "const OPERATION = 'BatchInvoke';") if batched else code


class GraphQLApi(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        settings: BackendSettings,
        user_pool: cognito.IUserPool,
        handler: lambda_.IFunction,
    ) -> None:
        super().__init__(scope, construct_id)
        if settings.protect_data and settings.appsync_verbose_logs:
            raise ValueError(f"{settings.env_name}: appsync_verbose_logs is refused where protect_data is true")
        self.api = appsync.GraphqlApi(
            self,
            "Api",
            name=f"{cdk.Stack.of(self).stack_name}-api",
            definition=appsync.Definition.from_file(str(SCHEMA_PATH)),
            authorization_config=appsync.AuthorizationConfig(
                default_authorization=appsync.AuthorizationMode(
                    authorization_type=appsync.AuthorizationType.USER_POOL,
                    user_pool_config=appsync.UserPoolConfig(user_pool=user_pool),
                ),
                additional_authorization_modes=[
                    appsync.AuthorizationMode(authorization_type=appsync.AuthorizationType.IAM)
                ],
            ),
            log_config=appsync.LogConfig(
                # Field logs: tracing per field (ALL), or only the fields in error (ERROR).
                field_log_level=appsync.FieldLogLevel.ERROR if settings.protect_data else appsync.FieldLogLevel.ALL,
                # Verbose content is the request and response headers (`Authorization`: the caller's token), the
                # context and the evaluated resolver functions (our payload carries ctx.request, its headers, the
                # identity and the arguments), at any field log level: excluded unless a non-protected
                # environment opts in with appsync_verbose_logs.
                exclude_verbose_content=not settings.appsync_verbose_logs,
                retention=settings.log_retention,
            ),
            xray_enabled=True,
            query_depth_limit=QUERY_DEPTH_LIMIT,
            introspection_config=appsync.IntrospectionConfig.DISABLED
            if settings.protect_data
            else appsync.IntrospectionConfig.ENABLED,
        )
        if not settings.appsync_verbose_logs:
            acknowledge(
                self.api,
                "Request logs exclude verbose content: the request headers carry the caller's token and the "
                "resolver payloads personal data (appsync_verbose_logs opts a non-protected environment in).",
                "AwsSolutions-ASC3",
            )
        self.data_source = self.api.add_lambda_data_source("Runtime", handler)
        invoke = appsync.Code.from_inline(lambda_resolver_code(batched=False))
        batch_invoke = appsync.Code.from_inline(lambda_resolver_code(batched=True))
        for field in resolved_fields():
            self.data_source.create_resolver(
                f"{field.type_name}{field.field_name[0].upper()}{field.field_name[1:]}",
                type_name=field.type_name,
                field_name=field.field_name,
                runtime=appsync.FunctionRuntime.JS_1_0_0,
                code=batch_invoke if field.batched else invoke,
                max_batch_size=MAX_BATCH_SIZE if field.batched else None,
            )

    def field_arn(self, type_name: str, field_name: str) -> str:
        return f"{self.api.arn}/types/{type_name}/fields/{field_name}"
