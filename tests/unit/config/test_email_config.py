"""`email:` of an environment (the user pool's SES sender): ARN shape, the identity's account and Region against the
environment's, the FROM address against the identity. One line each, naming the key."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from config import parse_config
from config.email_sending import SES_LEGACY_REGIONS, ses_regions_for_user_pool

from .support import REAL, error_of

PROD = 1  # index of prod in the example file


def with_prod(**changes: Any) -> dict:
    data = copy.deepcopy(REAL)
    for key, value in changes.items():
        if value is None:
            data["environments"][PROD].pop(key, None)
        else:
            data["environments"][PROD][key] = value
    return data


def email(arn: str = "arn:aws:ses:us-west-2:333333333333:identity/example.com", **more: str) -> dict:
    return {"ses_identity_arn": arn, "from_address": "no-reply@example.com", **more}


def test_the_example_gives_prod_an_ses_identity_in_its_account_and_region_and_dev_none() -> None:
    config = parse_config(REAL)
    prod, dev = config.environment("prod"), config.environment("dev")
    assert dev.email is None
    assert prod.email is not None
    assert (prod.email.account, prod.email.region) == (prod.account, prod.region)
    assert prod.email.from_address.endswith("@" + prod.email.identity)


@pytest.mark.parametrize(
    "arn",
    [
        "arn:aws:ses:us-west-2:333333333333:identity",
        "arn:aws:ses:us-west-2:3333:identity/example.com",
        "arn:aws:sns:us-west-2:333333333333:identity/example.com",
        "arn:aws:ses:us-west-2:333333333333:configuration-set/example",
        "example.com",
    ],
)
def test_an_arn_that_is_not_an_ses_identity_is_refused(arn: str) -> None:
    assert error_of(with_prod(email=email(arn))).startswith(
        "config/environments.yaml: environments[1].email.ses_identity_arn: expected an SES identity ARN like "
    )


def test_an_identity_in_a_region_the_user_pool_cannot_use_is_refused() -> None:
    # prod is in us-west-2: its pool may use us-west-2's SES and the two other legacy Regions, not eu-central-1's.
    message = error_of(with_prod(email=email("arn:aws:ses:eu-central-1:333333333333:identity/example.com")))
    assert message == (
        "config/environments.yaml: environments[1]: email.ses_identity_arn: expected an SES identity in eu-west-1 or "
        "us-east-1 or us-west-2 (where a user pool in us-west-2 can send from), got 'eu-central-1'"
    )


def test_a_legacy_region_identity_is_accepted_where_the_developer_guide_allows_it() -> None:
    config = parse_config(with_prod(email=email("arn:aws:ses:eu-west-1:333333333333:identity/example.com")))
    assert config.environment("prod").email.region == "eu-west-1"  # type: ignore[union-attr]


def test_an_identity_of_another_account_is_refused() -> None:
    message = error_of(with_prod(email=email("arn:aws:ses:us-west-2:444444444444:identity/example.com")))
    assert message == (
        "config/environments.yaml: environments[1]: email.ses_identity_arn: expected an SES identity in the "
        "environment's account 333333333333 (Cognito cannot send with another account's identity), got account "
        "444444444444"
    )


def test_the_from_address_must_be_at_the_verified_domain() -> None:
    message = error_of(with_prod(email={**email(), "from_address": "no-reply@example.org"}))
    assert message == (
        "config/environments.yaml: environments[1].email: from_address: expected an address at the verified domain "
        "'example.com' of ses_identity_arn, got 'no-reply@example.org'"
    )


def test_an_address_identity_sends_from_that_address_only() -> None:
    arn = "arn:aws:ses:us-west-2:333333333333:identity/no-reply@example.com"
    assert parse_config(with_prod(email=email(arn))).environment("prod").email.domain_identity is None  # type: ignore[union-attr]
    message = error_of(with_prod(email={**email(arn), "from_address": "other@example.com"}))
    assert "from_address: expected the verified address 'no-reply@example.com' of ses_identity_arn" in message


def test_a_bad_reply_to_is_refused() -> None:
    assert error_of(with_prod(email=email(reply_to="support"))) == (
        "config/environments.yaml: environments[1].email.reply_to: expected an email address, got 'support'"
    )


def test_a_protected_environment_without_email_is_valid_config_preflight_refuses_it() -> None:
    """The config allows it (a first deploy may come before the SES identity is verified); `make preflight` does
    not (tests/unit/preflight/test_cognito_email.py), so it never reaches the pipeline unnoticed."""
    config = parse_config(with_prod(email=None))
    assert config.environment("prod").protect_data and config.environment("prod").email is None


@pytest.mark.parametrize(
    ("pool_region", "allowed"),
    [
        ("us-east-1", {"us-east-1", "us-west-2", "eu-west-1"}),
        ("us-east-2", {"us-east-2", "us-east-1", "us-west-2", "eu-west-1"}),
        ("us-west-1", {"us-west-1"}),
        ("eu-central-1", {"eu-central-1", "us-east-1", "us-west-2", "eu-west-1"}),
        ("eu-west-3", {"eu-west-3"}),
        ("eu-north-1", {"eu-north-1"}),
        ("sa-east-1", {"sa-east-1"}),
        ("ap-southeast-2", {"ap-southeast-2", "us-east-1", "us-west-2", "eu-west-1"}),
        ("il-central-1", {"il-central-1"}),  # a Region launched after in-Region SES: its own only
    ],
)
def test_ses_regions_follow_the_developer_guide_table(pool_region: str, allowed: set[str]) -> None:
    assert ses_regions_for_user_pool(pool_region) == allowed
    assert SES_LEGACY_REGIONS == {"us-east-1", "us-west-2", "eu-west-1"}
