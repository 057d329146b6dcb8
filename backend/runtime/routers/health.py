"""health: reachable with Cognito and IAM; touches no data store."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler.appsync import Router

from .. import clock
from ..settings import get_settings

router = Router()


@router.resolver(type_name="Query", field_name="health")
def health() -> dict[str, Any]:
    return {"status": "ok", "version": get_settings().app_version, "time": clock.now_iso()}
