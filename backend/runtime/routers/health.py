"""health: reachable with Cognito and IAM; touches no data store."""

from __future__ import annotations

from typing import Any

from .. import clock
from ..dispatch import Router
from ..settings import get_settings

router = Router()


@router.resolver(type_name="Query", field_name="health")
def health() -> dict[str, Any]:
    return {"status": "ok", "version": get_settings().app_version, "time": clock.now_iso()}
