"""The clients block (README "Forced update and remote switches"): what every app may ask before sign-in,
per platform the lowest supported app version and the remote switches with their values."""

from __future__ import annotations

import re
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BeforeValidator, Field

from .field_types import StrictModel, matching

# An app version the backend compares against (semver MAJOR.MINOR.PATCH, https://semver.org/ section 2: no
# leading zeros). Nine digits per part at most, so the clients block stays far below Lambda's 4 KB of environment
# variables (CLIENT_SETTINGS_MAX_BYTES).
_APP_VERSION = re.compile(r"^(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})$")
_SWITCH_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
# Remote switches an app may read (the `appConfig` query); each costs the GraphQL function's environment (one JSON
# variable, CLIENT_CONFIG) at most 49 bytes.
MAX_SWITCHES = 20
ClientPlatform = Literal["ios", "android", "web"]
CLIENT_PLATFORMS: tuple[ClientPlatform, ...] = get_args(ClientPlatform)
# The compact JSON of the largest clients block the model admits: 3 platforms with 29-character versions, 20
# switches with 40-character names, all false. Lambda allows 4 KB for all of a function's variables together
# (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html); the rest are a few names and ARNs.
CLIENT_SETTINGS_MAX_BYTES = 1200


def _app_version(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f'expected a version like "1.2.3" (MAJOR.MINOR.PATCH) as a quoted string, got {value!r}')
    if not _APP_VERSION.match(value):
        raise ValueError(
            f"expected a semver version MAJOR.MINOR.PATCH like '1.2.3' (digits, no leading zeros, at most 9 digits "
            f"each), got {value!r}"
        )
    return value


AppVersion = Annotated[str, BeforeValidator(_app_version)]  # before: YAML reads an unquoted 1.0 as a number
SwitchName = Annotated[
    str,
    AfterValidator(
        matching(_SWITCH_NAME, "a switch name of 1-40 lowercase letters, digits or '_' starting with a letter")
    ),
]
SwitchValue = Annotated[bool, Field(strict=True)]  # true or false, not "yes" or 1


class ClientsConfig(StrictModel):
    """What every app may ask before sign-in (the `appConfig` query, README "Forced update and remote switches"):
    per platform the lowest app version still supported (below it the app shows its forced-update screen), and
    the remote switches with their values. At the top level of the file: the defaults, which declare every
    switch; an environment's own `clients:` replaces them key by key (ClientsOverride)."""

    minimum_versions: dict[ClientPlatform, AppVersion] = {}
    switches: Annotated[dict[SwitchName, SwitchValue], Field(max_length=MAX_SWITCHES)] = {}

    def merged(self, override: ClientsOverride | None) -> ClientsConfig:
        """These defaults with an environment's values in their place, key by key."""
        if override is None:
            return self
        return ClientsConfig(
            minimum_versions={**self.minimum_versions, **override.minimum_versions},
            switches={**self.switches, **override.switches},
        )


class ClientsOverride(StrictModel):
    """An environment's `clients:`: only the keys it changes. Its switches must be declared at the top level
    (AppConfig checks it: a typo would otherwise ship a switch no app reads)."""

    minimum_versions: dict[ClientPlatform, AppVersion] = {}
    switches: dict[SwitchName, SwitchValue] = {}
