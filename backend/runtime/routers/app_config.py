"""appConfig: forced update and remote switches, for apps before sign-in (IAM guests) and after; no data store."""

from __future__ import annotations

from typing import Any

from ..dispatch import Router
from ..logic import app_config
from ..settings import get_settings

router = Router()


@router.resolver(type_name="Query", field_name="appConfig")
def app_config_field(platform: Any = None, version: Any = None) -> dict[str, Any]:
    config = get_settings().client_config
    return app_config.answer(platform, version, minimum_versions=config.minimum_versions, switches=config.switches)
