"""Variants of config/environments.yaml that infra tests synthesize: the example file's production environment
copied into another account and region."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def production_elsewhere(
    prod: Mapping[str, Any], *, name: str, wave: str, account: str, region: str, ses_region: str | None = None
) -> dict[str, Any]:
    """`prod` as environment `name` of wave `wave` in `account` and `region`. Its SES identity moves to that
    account, in `ses_region` (by default `region`): an identity must be in the account of the user pool that sends
    with it (config/email_sending.py)."""
    identity = f"arn:aws:ses:{ses_region or region}:{account}:identity/example.com"
    return {
        **prod,
        "name": name,
        "wave": wave,
        "account": account,
        "region": region,
        "email": {**prod["email"], "ses_identity_arn": identity},
    }
