"""appConfig: forced update and remote switches, callable by an app before sign-in (identity-pool guest
credentials) and after; a guest reaches nothing else. Holds for the sandbox and every deployed stage: the expected
values come from the config the stage was built from (clients_config.py), or only relations are asserted."""

from __future__ import annotations

import pytest

from . import aws
from .clients_config import PLATFORMS, expected_clients
from .gql import GraphQLClient, Response

APP_CONFIG = """query AppConfig($platform: ClientPlatform!, $version: String!) {
  appConfig(platform: $platform, version: $version) { supported minimumVersion switches { name enabled } } }"""
LOWEST_VERSION = "0.0.0-0"  # below every MAJOR.MINOR.PATCH minimum (a pre-release sorts before its release)
FAR_AHEAD = "999.0.0"


@pytest.fixture(scope="module")
def guest(target) -> GraphQLClient:
    """An app before sign-in: Amplify's guest credentials from the identity pool, IAM-signed requests."""
    assert target.guest_access, (
        "amplify_outputs.json must enable guest access (auth.unauthenticated_identities_enabled)"
    )
    return GraphQLClient(target, iam=aws.guest_credentials(target))


def ask(api: GraphQLClient, platform: str, version: str) -> Response:
    return api.execute(APP_CONFIG, {"platform": platform, "version": version})


def refused(result: Response, field: str) -> bool:
    """AppSync's refusal of a field: no data for it and an authorization error."""
    return (
        not (result.data or {}).get(field)
        and bool(result.errors)
        and set(result.error_types) <= {"Unauthorized", "UnauthorizedException"}
    )


@pytest.mark.smoke
@pytest.mark.parametrize("platform", sorted(PLATFORMS))
def test_a_guest_gets_this_environments_minimum_and_switches(target, guest, platform: str) -> None:
    # A sandbox runs the personal `sandbox` stage (the defaults), also where the pipeline dry run names an environment.
    expected = expected_clients(None if target.is_sandbox else target.environment)
    answer = guest.ok(APP_CONFIG, {"platform": platform, "version": FAR_AHEAD})["appConfig"]
    assert answer["supported"] is True
    assert answer["minimumVersion"] == expected.minimum_for(platform)
    assert [s["name"] for s in answer["switches"]] == sorted(expected.switches)  # every declared switch, by name
    assert {s["name"]: s["enabled"] for s in answer["switches"]} == expected.switches


@pytest.mark.smoke
@pytest.mark.parametrize("platform", sorted(PLATFORMS))
def test_a_version_below_the_minimum_is_unsupported(guest, platform: str) -> None:
    answer = guest.ok(APP_CONFIG, {"platform": platform, "version": LOWEST_VERSION})["appConfig"]
    # Unsupported exactly when the platform has a minimum; without one every version runs.
    assert answer["supported"] is (answer["minimumVersion"] is None)
    if answer["minimumVersion"] is not None:
        at_minimum = guest.ok(APP_CONFIG, {"platform": platform, "version": answer["minimumVersion"]})["appConfig"]
        assert at_minimum["supported"] is True
        assert (
            guest.ok(APP_CONFIG, {"platform": platform, "version": answer["minimumVersion"] + "-rc.1"})["appConfig"][
                "supported"
            ]
            is False
        )


@pytest.mark.smoke
@pytest.mark.parametrize("version", ["1.2", "v1.2.3", "latest", "1.2.3.4", "01.0.0"])
def test_a_malformed_version_is_a_bad_request(guest, version: str) -> None:
    result = ask(guest, "IOS", version)
    assert result.error_types == ["BadRequest"]
    assert (result.data or {}).get("appConfig") is None


@pytest.mark.smoke
@pytest.mark.parametrize(
    ("query", "field"),
    [("query { health { status } }", "health"), ("query { listPosts { nextToken } }", "listPosts")],
)
def test_a_guest_is_refused_every_other_field(guest, query: str, field: str) -> None:
    """health is IAM-callable, but the guest role grants only appConfig; listPosts is for signed-in users."""
    assert refused(guest.execute(query), field)


def test_a_signed_in_user_gets_the_same_answer(guest, alice) -> None:
    for platform in sorted(PLATFORMS):
        assert alice.api.ok(APP_CONFIG, {"platform": platform, "version": "1.0.0"}) == guest.ok(
            APP_CONFIG, {"platform": platform, "version": "1.0.0"}
        )


@pytest.mark.smoke
def test_without_any_credentials_app_config_is_401(anonymous_api: GraphQLClient) -> None:
    result = ask(anonymous_api, "IOS", "1.0.0")
    assert result.status == 401 and result.error_types == ["UnauthorizedException"]
