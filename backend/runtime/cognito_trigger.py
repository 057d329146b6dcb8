"""Cognito post-confirmation trigger: ``runtime.cognito_trigger.handler`` creates the user's profile.

Cognito expects the event back. Only sign-up confirmation creates a profile (not password resets).
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from .logic import users
from .observability import context_or_local, logger

_SIGN_UP_CONFIRMED = "PostConfirmation_ConfirmSignUp"


@logger.inject_lambda_context(clear_state=True)
def _handle(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    if event.get("triggerSource") != _SIGN_UP_CONFIRMED:
        return event
    attributes = (event.get("request") or {}).get("userAttributes") or {}
    sub = attributes.get("sub")
    if not sub:
        logger.warning("Post-confirmation event without a sub; no profile created")
        return event
    users.ensure_profile(sub, event.get("userName") or sub)
    logger.info("Profile ready for a confirmed user")
    return event


def handler(event: dict[str, Any], context: LambdaContext | None = None) -> dict[str, Any]:
    return _handle(event, context_or_local(context))
