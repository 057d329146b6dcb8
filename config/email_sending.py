"""Where a user pool's emails come from (an SES identity) and which SES Regions a user pool may send from."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, model_validator

from .field_types import Email, StrictModel, matching

_SES_IDENTITY_ARN = re.compile(r"^arn:aws[a-z-]*:ses:[a-z0-9-]+:\d{12}:identity/[^\s/]+$")


# Which SES Regions a user pool may send from (Cognito developer guide, "Email settings for Amazon Cognito user
# pools", section "Amazon SES email configuration Regions", https://docs.aws.amazon.com/cognito/latest/developerguide/
# user-pool-email.html#user-pool-email-developer-region-mapping): its own Region always; pools in the Regions
# Cognito served before in-Region SES also one of the three Regions it first sent from. Any other Region: its own.
SES_LEGACY_REGIONS = frozenset({"us-east-1", "us-west-2", "eu-west-1"})
USER_POOL_REGIONS_WITH_LEGACY_SES = frozenset(
    {
        "us-east-1",
        "us-east-2",
        "us-west-2",
        "ca-central-1",
        "ap-northeast-1",
        "ap-northeast-2",
        "ap-south-1",
        "ap-southeast-1",
        "ap-southeast-2",
        "eu-west-1",
        "eu-west-2",
        "eu-central-1",
    }
)


def ses_regions_for_user_pool(region: str) -> frozenset[str]:
    """The Regions whose SES identities a Cognito user pool in `region` can send email with."""
    return frozenset({region}) | (SES_LEGACY_REGIONS if region in USER_POOL_REGIONS_WITH_LEGACY_SES else frozenset())


class EmailSending(StrictModel):
    """Where the user pool's verification and password-reset emails come from: an SES identity instead of
    Cognito's built-in sender, whose daily cap is far below a production app's needs (docs/deploying.md).

    The identity is a verified domain (`identity/example.com`: `from_address` must be at that domain) or a verified
    address (`identity/no-reply@example.com`: `from_address` must be that address), in the environment's account
    and in an SES Region its user pool may use (checked by EnvironmentConfig, which knows both)."""

    ses_identity_arn: Annotated[
        str,
        AfterValidator(
            matching(_SES_IDENTITY_ARN, "an SES identity ARN like 'arn:aws:ses:us-east-1:…:identity/example.com'")
        ),
    ]
    from_address: Email
    reply_to: Email | None = None

    @property
    def region(self) -> str:
        return self.ses_identity_arn.split(":")[3]

    @property
    def account(self) -> str:
        return self.ses_identity_arn.split(":")[4]

    @property
    def identity(self) -> str:
        """The verified domain or address the ARN names."""
        return self.ses_identity_arn.split(":identity/", 1)[1]

    @property
    def domain_identity(self) -> str | None:
        """The verified domain, or None when the identity is a single address."""
        return None if "@" in self.identity else self.identity

    @model_validator(mode="after")
    def _from_address_is_the_identity(self) -> EmailSending:
        domain = self.domain_identity
        if domain is not None and self.from_address.rpartition("@")[2] != domain:
            raise ValueError(
                f"from_address: expected an address at the verified domain {domain!r} of ses_identity_arn, "
                f"got {self.from_address!r}"
            )
        if domain is None and self.from_address != self.identity:
            raise ValueError(
                f"from_address: expected the verified address {self.identity!r} of ses_identity_arn, "
                f"got {self.from_address!r}"
            )
        return self
