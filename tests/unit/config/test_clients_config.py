"""The `clients:` block (forced update and remote switches): defaults, per-environment values, one-line errors."""

from __future__ import annotations

import json

import pytest

from config import load_config, parse_config
from config.clients_block import CLIENT_PLATFORMS, CLIENT_SETTINGS_MAX_BYTES, MAX_SWITCHES, ClientsConfig

from .support import error_of, variant


def with_clients(defaults: dict, dev: dict | None = None, prod: dict | None = None):
    def mutate(d: dict) -> None:
        d["clients"] = defaults
        for index, override in ((0, dev), (1, prod)):
            if override is not None:
                d["environments"][index]["clients"] = override

    return variant(mutate)


def test_the_real_file_declares_switches_and_minimums_every_stage_gets() -> None:
    config = load_config()
    assert config.clients.switches, "the file declares at least one switch"
    for name in ("dev", "prod", "a-personal-stage"):
        resolved = config.clients_for(name)
        assert set(resolved.switches) == set(config.clients.switches)
        assert set(resolved.minimum_versions) <= set(CLIENT_PLATFORMS)


def test_environment_values_replace_the_defaults_key_by_key() -> None:
    config = parse_config(
        with_clients(
            {"minimum_versions": {"ios": "1.0.0", "android": "1.0.0"}, "switches": {"new_feed": False, "dark": True}},
            dev={"switches": {"new_feed": True}},
            prod={"minimum_versions": {"ios": "2.3.0", "web": "0.9.12"}},
        )
    )
    assert config.clients_for("dev") == ClientsConfig(
        minimum_versions={"ios": "1.0.0", "android": "1.0.0"}, switches={"new_feed": True, "dark": True}
    )
    assert config.clients_for("prod") == ClientsConfig(
        minimum_versions={"ios": "2.3.0", "android": "1.0.0", "web": "0.9.12"},
        switches={"new_feed": False, "dark": True},
    )
    # A stage that is no environment of the file (a personal stage, the sandbox's) gets the defaults.
    assert config.clients_for("alice") == config.clients


def test_no_clients_block_means_no_minimums_and_no_switches() -> None:
    data = variant(lambda d: d.pop("clients"))
    assert parse_config(data).clients_for("dev") == ClientsConfig(minimum_versions={}, switches={})


def test_an_environment_may_set_only_declared_switches() -> None:
    data = with_clients({"switches": {"new_feed": False, "dark": True}}, prod={"switches": {"new_fead": True}})
    assert error_of(data) == (
        "config/environments.yaml: environments[1].clients.switches.new_fead: expected a switch declared in the "
        "top-level clients.switches (dark, new_feed), got 'new_fead'"
    )
    nothing_declared = with_clients({"minimum_versions": {"ios": "1.0.0"}}, dev={"switches": {"beta": True}})
    assert error_of(nothing_declared).endswith(
        "environments[0].clients.switches.beta: expected a switch declared in the top-level clients.switches "
        "(none), got 'beta'"
    )


@pytest.mark.parametrize(
    ("defaults", "dev", "expected"),
    [
        (
            {"minimum_versions": {"iOS": "1.0.0"}},
            None,
            "clients.minimum_versions.iOS: expected one of 'ios', 'android' or 'web', got 'iOS'",
        ),
        (
            {},
            {"minimum_versions": {"windows": "1.0.0"}},
            "environments[0].clients.minimum_versions.windows: expected one of 'ios', 'android' or 'web', "
            "got 'windows'",
        ),
        (
            {"minimum_versions": {"ios": "1.2"}},
            None,
            "clients.minimum_versions.ios: expected a semver version MAJOR.MINOR.PATCH like '1.2.3'",
        ),
        (
            {"minimum_versions": {"android": "1.02.0"}},
            None,
            "clients.minimum_versions.android: expected a semver version MAJOR.MINOR.PATCH like '1.2.3' (digits, "
            "no leading zeros",
        ),
        (
            {"minimum_versions": {"ios": "1.2.3-beta"}},
            None,
            "clients.minimum_versions.ios: expected a semver version MAJOR.MINOR.PATCH",
        ),
        (
            {"minimum_versions": {"ios": "1.2.1234567890"}},
            None,
            "clients.minimum_versions.ios: expected a semver version MAJOR.MINOR.PATCH like '1.2.3' (digits, "
            "no leading zeros, at most 9 digits each), got '1.2.1234567890'",
        ),
        (
            {"minimum_versions": {"ios": 1.5}},
            None,
            'clients.minimum_versions.ios: expected a version like "1.2.3" (MAJOR.MINOR.PATCH) as a quoted string, '
            "got 1.5",
        ),
        (
            {},
            {"minimum_versions": {"web": "v2.0.0"}},
            "environments[0].clients.minimum_versions.web: expected a semver version",
        ),
        (
            {"switches": {"NewFeed": False}},
            None,
            "clients.switches.NewFeed: expected a switch name of 1-40 lowercase letters, digits or '_' starting "
            "with a letter, got 'NewFeed'",
        ),
        ({"switches": {"_x": False}}, None, "clients.switches._x: expected a switch name"),
        ({"switches": {"s" * 41: False}}, None, f"clients.switches.{'s' * 41}: expected a switch name"),
        ({"switches": {"new_feed": "yes"}}, None, "clients.switches.new_feed: expected true or false"),
        ({"switches": {"new_feed": 1}}, None, "clients.switches.new_feed: expected true or false"),
        (
            {"switches": {"new_feed": False}},
            {"switches": {"new_feed": "on"}},
            "environments[0].clients.switches.new_feed: expected true or false",
        ),
        (
            {"switches": {f"s{i}": False for i in range(MAX_SWITCHES + 1)}},
            None,
            f"clients.switches: expected at most {MAX_SWITCHES} entries, got {MAX_SWITCHES + 1}",
        ),
        ({"switch": {"a": True}}, None, "clients.switch: unknown key (not part of the configuration schema)"),
        ({}, {"minimum": {}}, "environments[0].clients.minimum: unknown key (not part of the configuration schema)"),
        ({"minimum_versions": ["ios"]}, None, "clients.minimum_versions: expected a mapping of keys"),
    ],
)
def test_bad_clients_keys_name_the_file_key_path_and_expectation(defaults, dev, expected: str) -> None:
    assert error_of(with_clients(defaults, dev=dev)).startswith(f"config/environments.yaml: {expected}")


def test_the_largest_clients_block_fits_the_budget_for_lambdas_environment() -> None:
    """What CLIENT_CONFIG can hold at most (the model's limits) stays within the bytes the stack allows it."""
    biggest = ClientsConfig(
        minimum_versions={platform: "999999999.999999999.999999999" for platform in CLIENT_PLATFORMS},
        switches={f"{'s' * 37}{i:03d}": False for i in range(MAX_SWITCHES)},
    )
    compact = json.dumps(biggest.model_dump(), separators=(",", ":"), sort_keys=True)
    assert len(compact.encode()) <= CLIENT_SETTINGS_MAX_BYTES
