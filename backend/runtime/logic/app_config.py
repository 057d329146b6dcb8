"""appConfig: may this app version still run (forced update), and the remote switches; no data access.

Versions follow Semantic Versioning 2.0.0 (https://semver.org/): `MAJOR.MINOR.PATCH`, optionally followed by
`-<pre-release>` and/or `+<build>`. Precedence is section 11's: the three numbers compared numerically; a
pre-release sorts before its release (1.0.0-rc.1 < 1.0.0); pre-release identifiers compared left to right, numeric
ones numerically and below alphanumeric ones, which compare in ASCII order, and a longer list is higher when all
before are equal; build metadata is ignored (1.0.0+7 equals 1.0.0).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..errors import BadRequest, ConfigurationError

# semver.org's suggested pattern (section "Is there a suggested regular expression..."), named groups dropped.
_SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$"
)
VERSION_MAX = 128  # characters; longer is no app's version (and bounds the pattern's work)
# The GraphQL enum ClientPlatform → the config's platform keys.
PLATFORMS = {"IOS": "ios", "ANDROID": "android", "WEB": "web"}

# A version's sort key: (major, minor, patch, pre-release part). A release's pre-release part (1,) sorts above any
# pre-release's (0, identifiers...); numeric identifiers are (0, n, "") and sort below alphanumeric (1, 0, text).
VersionKey = tuple[int, int, int, tuple[Any, ...]]


def version_key(text: str) -> VersionKey | None:
    """The precedence key of a semver version, or None when `text` is not one."""
    if len(text) > VERSION_MAX:
        return None
    match = _SEMVER.match(text)
    if match is None:
        return None
    major, minor, patch, prerelease = match.group(1, 2, 3, 4)
    if prerelease is None:
        return int(major), int(minor), int(patch), (1,)
    identifiers = tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in prerelease.split("."))
    return int(major), int(minor), int(patch), (0, *identifiers)


def is_supported(version: str, minimum: str | None) -> bool:
    """version >= minimum by semver precedence (true when there is no minimum); both must be valid versions."""
    if minimum is None:
        return True
    key, floor = version_key(version), version_key(minimum)
    if key is None or floor is None:
        raise ValueError(f"not a semver version: {version if key is None else minimum!r}")
    return key >= floor


def answer(
    platform: Any, version: Any, *, minimum_versions: Mapping[str, str], switches: Mapping[str, bool]
) -> dict[str, Any]:
    """The AppConfig answer for an app of `platform` (ClientPlatform enum value) at `version`, given this
    environment's minimum versions (by platform key) and switches; BadRequest for an argument it cannot use."""
    if not isinstance(platform, str) or platform not in PLATFORMS:
        raise BadRequest(f"platform must be one of {', '.join(PLATFORMS)}")
    if not isinstance(version, str) or version_key(version) is None:
        raise BadRequest(
            "version must be a semantic version MAJOR.MINOR.PATCH, optionally with -prerelease or +build "
            "(e.g. 1.4.0, 2.0.0-beta.1)"
        )
    minimum = minimum_versions.get(PLATFORMS[platform])
    if minimum is not None and version_key(minimum) is None:
        raise ConfigurationError(f"CLIENT_CONFIG.minimum_versions.{PLATFORMS[platform]} is not a semver version")
    return {
        "supported": is_supported(version, minimum),
        "minimumVersion": minimum,
        "switches": [{"name": name, "enabled": switches[name]} for name in sorted(switches)],
    }
