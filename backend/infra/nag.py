"""cdk-nag (AwsSolutions) acknowledgements for the backend stack, each with its specific reason."""

from __future__ import annotations

import aws_cdk as cdk
from constructs import IConstruct


def acknowledge(scope: IConstruct, reason: str, *rule_ids: str) -> None:
    cdk.Validations.of(scope).acknowledge(*(cdk.Acknowledgment(id=rule, reason=reason) for rule in rule_ids))


def acknowledge_backend_findings(stack) -> None:  # noqa: ANN001 - MobileBackendStack (avoid import cycle)
    """Filled in from the validation report; see tests/unit/infra/test_nag.py."""
