"""A protected user pool must send its email through SES (`EmailConfiguration.EmailSendingAccount: DEVELOPER`).

Cognito's built-in sender (`COGNITO_DEFAULT`, or no `EmailConfiguration` at all) has a small daily cap: sign-up
codes and password resets stop arriving once a busy day passes it. CloudFormation deploys such a pool without a
word, so this is refused here, citing botocore's own documentation of `EmailConfigurationType`.

Which pools are protected is read from the pool itself: `DeletionProtection: ACTIVE`. The backend sets it exactly
for `protect_data: true` (backend/infra/auth.py), it travels with the resource that sends the mail (a stack's tags
or metadata could say one thing and its pool another), and a pool worth guarding against deletion holds real users
whose mail must arrive. A dev pool (INACTIVE) may keep Cognito's sender.
"""

from __future__ import annotations

import re
from functools import cache

import botocore.session

from pipeline.cloudformation.assembly import Stack

from ..paths import find
from ..render import Renderer
from ..report import Finding, Results, shown

USER_POOL = "AWS::Cognito::UserPool"
SENDING_ACCOUNT_PATH = "Properties.EmailConfiguration.EmailSendingAccount"
SES_SENDING = "DEVELOPER"
PROTECTED = "ACTIVE"
FIX = "set email.ses_identity_arn for the environment in config/environments.yaml"


@cache
def daily_cap_source() -> str:
    """The cap as botocore documents `EmailSendingAccount`'s COGNITO_DEFAULT, quoted from the pinned model.
    Raises if the model no longer says so or no longer has DEVELOPER (a botocore bump must re-check this)."""
    model = botocore.session.get_session().get_service_model("cognito-idp")
    member = model.shape_for("EmailConfigurationType").members["EmailSendingAccount"]
    if SES_SENDING not in (getattr(member, "enum", None) or ()):
        raise ValueError(f"botocore cognito-idp {member.name} no longer lists {SES_SENDING}")
    text = " ".join(re.sub(r"<[^>]+>", " ", member.documentation).split())
    sentences = re.split(r"(?<=\.) ", text)
    quoted = [s for s in sentences if "each day" in s or "production environments" in s]
    if len(quoted) != 2:
        raise ValueError(
            f"botocore cognito-idp {member.name}: the daily cap of COGNITO_DEFAULT is no longer documented"
        )
    cited = " ".join(re.sub(r"^When you use the default option, ", "", s) for s in quoted)
    return f'botocore cognito-idp EmailConfigurationType.EmailSendingAccount, COGNITO_DEFAULT: "{cited}"'


def check(stack: Stack, renderer: Renderer, results: Results) -> None:
    for logical_id, resource in stack.resources.items():
        if not isinstance(resource, dict) or resource.get("Type") != USER_POOL:
            continue
        properties = resource.get("Properties") or {}
        protection = renderer.value(properties.get("DeletionProtection", "INACTIVE"))
        if not (protection.exact and protection.sample == PROTECTED):
            continue
        results.values_checked += 1
        values = [renderer.value(value) for _, value in find(resource, SENDING_ACCOUNT_PATH)]
        if values and all(value.exact and value.sample == SES_SENDING for value in values):
            continue
        sending = next((value for value in values if not (value.exact and value.sample == SES_SENDING)), None)
        if sending is None:
            observed = "absent (Cognito's built-in sender)"
        elif sending.exact:
            observed = shown(sending.sample)
        else:
            observed = "known only at deploy time"
        expected = (
            f"is not {SES_SENDING}: a protected user pool (DeletionProtection {PROTECTED}) must send through SES; {FIX}"
        )
        results.findings.append(
            Finding(stack.template_path, logical_id, SENDING_ACCOUNT_PATH, observed, expected, daily_cap_source())
        )
