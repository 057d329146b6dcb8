"""media: createUploadUrl (presigned POST under the caller's private prefix)."""

from __future__ import annotations

from typing import Any

from ..dispatch import Router
from ..logic import media
from .support import current_caller

router = Router()


@router.resolver(type_name="Mutation", field_name="createUploadUrl")
def create_upload_url(contentType: Any = None, contentLength: Any = None) -> dict[str, Any]:
    return media.create_upload_target(current_caller(), contentType, contentLength)
