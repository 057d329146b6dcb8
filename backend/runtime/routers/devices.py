"""devices: registerDevice, unregisterDevice, listMyDevices."""

from __future__ import annotations

from typing import Any

from ..dispatch import Router
from ..logic import devices
from .support import current_caller

router = Router()


@router.resolver(type_name="Mutation", field_name="registerDevice")
def register_device(token: Any = None, platform: Any = None) -> dict[str, Any]:
    return devices.register(current_caller(), token, platform)


@router.resolver(type_name="Mutation", field_name="unregisterDevice")
def unregister_device(token: Any = None) -> bool:
    return devices.unregister(current_caller(), token)


@router.resolver(type_name="Query", field_name="listMyDevices")
def list_my_devices() -> list[dict[str, Any]]:
    return devices.list_mine(current_caller())
