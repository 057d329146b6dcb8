"""Lambda entry point for every GraphQL field: ``runtime.graphql_handler.handler``.

Domain errors come back as an error envelope (AppSync's resolver code turns it into ``util.error``);
anything unexpected is logged with its stack and re-raised as a sanitized ``InternalError``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .dispatch import Dispatcher
from .errors import DomainError, InternalError
from .observability import context_or_local, correlation_id_of, logger, metrics
from .routers import app_config, comments, devices, health, media, posts, users

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.typing import LambdaContext

app = Dispatcher()
for _router in (
    users.router,
    posts.router,
    comments.router,
    media.router,
    devices.router,
    health.router,
    app_config.router,
):
    app.include_router(_router)


@app.exception_handler(DomainError)
def _domain_error(error: DomainError) -> dict[str, Any]:
    logger.info("Domain error", extra={"error_type": error.error_type})
    return error.envelope()


@app.exception_handler(Exception)
def _unexpected_error(error: Exception) -> None:
    logger.exception("Unexpected error while resolving a field")
    metrics.add_metric(name="UnexpectedError", unit="Count", value=1)
    raise InternalError() from None


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
def _handle(event: dict[str, Any] | list[dict[str, Any]], context: LambdaContext) -> Any:
    logger.set_correlation_id(correlation_id_of(event))
    field = event[0] if isinstance(event, list) and event else event
    info = field.get("info", {}) if isinstance(field, dict) else {}
    logger.append_keys(field=f"{info.get('parentTypeName')}.{info.get('fieldName')}")
    return app.resolve(event)


def handler(event: dict[str, Any] | list[dict[str, Any]], context: LambdaContext | None = None) -> Any:
    return _handle(event, context_or_local(context))
