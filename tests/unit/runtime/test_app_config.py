"""appConfig: semver precedence, the answer for each platform, BadRequest for versions that are not semver, and the
resolver as AppSync calls it for a guest (IAM) and a signed-in user, from the CLIENT_CONFIG the stack sets."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest

from backend.runtime.errors import BadRequest, ConfigurationError
from backend.runtime.graphql_handler import handler
from backend.runtime.logic import app_config
from backend.runtime.settings import parse_client_config

from .conftest import error_type
from .events import cognito_identity, field_event

MINIMUMS = {"ios": "2.3.0", "android": "1.10.0"}
SWITCHES = {"new_feed": False, "dark_mode": True, "beta_chat": False}


def ask(platform: Any, version: Any, minimums=MINIMUMS, switches=SWITCHES) -> dict[str, Any]:
    return app_config.answer(platform, version, minimum_versions=minimums, switches=switches)


# semver.org section 11's own example chain, each lower than the next.
SEMVER_ORDER = [
    "1.0.0-alpha",
    "1.0.0-alpha.1",
    "1.0.0-alpha.beta",
    "1.0.0-beta",
    "1.0.0-beta.2",
    "1.0.0-beta.11",
    "1.0.0-rc.1",
    "1.0.0",
    "1.0.1",
    "1.1.0",
    "1.9.0",
    "1.10.0",
    "2.0.0",
    "2.1.1",
]


def test_versions_sort_by_semver_precedence() -> None:
    keys = [app_config.version_key(v) for v in SEMVER_ORDER]
    assert None not in keys
    assert keys == sorted(keys)  # type: ignore[type-var]
    assert len(set(keys)) == len(keys)
    for lower, higher in itertools.pairwise(SEMVER_ORDER):
        assert app_config.is_supported(higher, lower) and not app_config.is_supported(lower, higher), (lower, higher)


def test_build_metadata_is_ignored_and_equal_versions_are_supported() -> None:
    assert app_config.version_key("1.2.3+build.7") == app_config.version_key("1.2.3")
    assert app_config.is_supported("1.2.3", "1.2.3")
    assert app_config.is_supported("1.2.3+exp.sha.5114f85", "1.2.3")
    assert not app_config.is_supported("1.2.3-rc.1+build.1", "1.2.3")
    assert app_config.is_supported("1.2.3", None)


@pytest.mark.parametrize(
    "version",
    [
        "1",
        "1.2",
        "1.2.3.4",
        "v1.2.3",
        "01.2.3",
        "1.02.3",
        "1.2.3-",
        "1.2.3-01",
        "1.2.3-beta..1",
        "1.2.3+",
        "1.2.3 ",
        " 1.2.3",
        "",
        "latest",
        "1.2.3-" + "a" * 200,
    ],
)
def test_anything_but_semver_is_a_bad_request(version: str) -> None:
    assert app_config.version_key(version) is None
    with pytest.raises(BadRequest, match="version must be a semantic version"):
        ask("IOS", version)


@pytest.mark.parametrize("version", [None, 123, 1.2, ["1.2.3"]])
def test_a_version_that_is_no_string_is_a_bad_request(version: Any) -> None:
    with pytest.raises(BadRequest):
        ask("ANDROID", version)


def test_an_unknown_platform_is_a_bad_request() -> None:
    for platform in ("ios", "WINDOWS", None, 1):
        with pytest.raises(BadRequest, match="platform must be one of IOS, ANDROID, WEB"):
            ask(platform, "1.0.0")


def test_the_answer_per_platform() -> None:
    below = ask("IOS", "2.2.9")
    assert below == {
        "supported": False,
        "minimumVersion": "2.3.0",
        "switches": [
            {"name": "beta_chat", "enabled": False},
            {"name": "dark_mode", "enabled": True},
            {"name": "new_feed", "enabled": False},
        ],
    }
    assert ask("IOS", "2.3.0")["supported"] is True
    assert ask("IOS", "2.3.0-rc.2")["supported"] is False  # a pre-release of the minimum is below it
    assert ask("ANDROID", "1.9.99")["supported"] is False  # numeric, not text: 9 < 10
    assert ask("ANDROID", "1.10.0")["supported"] is True
    web = ask("WEB", "0.0.1")  # no minimum for web: every version runs
    assert (web["supported"], web["minimumVersion"]) == (True, None)
    assert ask("IOS", "999.0.0", switches={})["switches"] == []


def test_a_configured_minimum_that_is_not_semver_is_a_deployment_bug_not_the_callers() -> None:
    with pytest.raises(ConfigurationError):
        ask("IOS", "1.0.0", minimums={"ios": "latest"})


def test_client_config_must_be_the_stacks_json() -> None:
    parsed = parse_client_config('{"minimum_versions":{"ios":"1.0.0"},"switches":{"a":true}}')
    assert (dict(parsed.minimum_versions), dict(parsed.switches)) == ({"ios": "1.0.0"}, {"a": True})
    for raw in ("", "not json", "[]", '{"minimum_versions":{}}', '{"minimum_versions":{},"switches":{"a":"yes"}}'):
        with pytest.raises(ConfigurationError):
            parse_client_config(raw)


# --- the resolver, as AppSync invokes it --------------------------------------------------------------------------

GUEST = {
    "accountId": "123456789012",
    "cognitoIdentityPoolId": "us-east-1:00000000-0000-0000-0000-000000000000",
    "cognitoIdentityId": "us-east-1:11111111-1111-1111-1111-111111111111",
    "cognitoIdentityAuthType": "unauthenticated",
    "cognitoIdentityAuthProvider": None,
    "sourceIp": ["203.0.113.10"],
    "username": "AROAEXAMPLE:CognitoIdentityCredentials",
    "userArn": "arn:aws:sts::123456789012:assumed-role/guest/CognitoIdentityCredentials",
}


@pytest.fixture
def client_config(monkeypatch: pytest.MonkeyPatch) -> None:
    document = {"minimum_versions": {"ios": "1.4.0", "android": "1.4.0"}, "switches": {"new_feed": True}}
    monkeypatch.setenv("CLIENT_CONFIG", json.dumps(document, separators=(",", ":")))


def call(identity: dict[str, Any], **arguments: Any) -> Any:
    return handler(field_event("Query", "appConfig", arguments, identity=identity))


def test_a_guest_gets_the_answer_from_the_environments_values(client_config: None) -> None:
    assert call(GUEST, platform="IOS", version="1.3.9") == {
        "supported": False,
        "minimumVersion": "1.4.0",
        "switches": [{"name": "new_feed", "enabled": True}],
    }
    assert call(GUEST, platform="ANDROID", version="1.4.0+77")["supported"] is True


def test_a_signed_in_user_gets_the_same_answer(client_config: None) -> None:
    assert call(cognito_identity("alice-sub"), platform="WEB", version="0.1.0") == {
        "supported": True,
        "minimumVersion": None,
        "switches": [{"name": "new_feed", "enabled": True}],
    }


def test_a_malformed_version_comes_back_as_a_bad_request_envelope(client_config: None) -> None:
    result = call(GUEST, platform="IOS", version="1.4")
    assert error_type(result) == "BadRequest"
    assert "semantic version" in result["error"]["message"]


def test_without_client_config_the_field_fails_as_an_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLIENT_CONFIG", raising=False)
    from backend.runtime.errors import InternalError

    with pytest.raises(InternalError):
        call(GUEST, platform="IOS", version="1.0.0")
