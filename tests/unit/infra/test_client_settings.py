"""The clients block (forced update, remote switches) on its way from the config to the GraphQL function."""

from __future__ import annotations

import json

from backend.infra.settings import ClientSettings
from config import load_config
from pipeline.environment_settings import backend_settings


def test_every_stage_gets_its_environments_clients_block_and_a_personal_stage_the_defaults() -> None:
    config = load_config()
    for env in config.environments:
        expected = config.clients_for(env.name)
        assert backend_settings(config, env).clients == ClientSettings(
            minimum_versions=dict(expected.minimum_versions.items()), switches=dict(expected.switches)
        )
    personal = config.environments[0].model_copy(update={"name": "alice"})
    defaults = config.clients
    assert backend_settings(config, personal, in_pipeline=False).clients == ClientSettings(
        minimum_versions=dict(defaults.minimum_versions.items()), switches=dict(defaults.switches)
    )


def test_client_config_is_compact_sorted_json_of_both_maps() -> None:
    clients = ClientSettings(minimum_versions={"ios": "1.2.0", "android": "1.0.0"}, switches={"b": True, "a": False})
    assert clients.to_json() == '{"minimum_versions":{"android":"1.0.0","ios":"1.2.0"},"switches":{"a":false,"b":true}}'
    assert json.loads(ClientSettings().to_json()) == {"minimum_versions": {}, "switches": {}}
