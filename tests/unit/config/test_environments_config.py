"""config/environments.yaml validation: one-line errors naming file, key path and expectation."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from config import ConfigError, load_config, parse_config
from config.rollout_gate import DEFAULT_GATING_ALARMS
from pipeline.project_root import PROJECT_ROOT

from .support import error_of, variant


def test_the_real_file_loads_in_order() -> None:
    config = load_config()
    assert [env.name for env in config.environments] == ["dev", "prod"]
    assert config.environment("prod").protect_data and config.environment("prod").requires_approval


def test_bad_account_id_names_file_key_path_and_expectation() -> None:
    data = variant(lambda d: d["environments"][1].__setitem__("account", "1234"))
    assert error_of(data) == (
        "config/environments.yaml: environments[1].account: expected a 12-digit AWS account id, got '1234'"
    )


def test_unquoted_account_id_is_explained() -> None:
    data = variant(lambda d: d["pipeline"].__setitem__("account", 111111111111))
    assert error_of(data).startswith(
        "config/environments.yaml: pipeline.account: expected a 12-digit AWS account id as a quoted string"
    )


def test_duplicate_environment_names_are_refused() -> None:
    data = variant(lambda d: d["environments"][1].__setitem__("name", "dev"))
    assert "expected unique environment names, 'dev' appears twice" in error_of(data)


def test_unknown_keys_are_refused_with_their_path() -> None:
    data = variant(lambda d: d["environments"][0].__setitem__("protect_date", True))
    assert (
        error_of(data)
        == "config/environments.yaml: environments[0].protect_date: unknown key (not part of the configuration schema)"
    )


def test_missing_pipeline_section() -> None:
    data = variant(lambda d: d.pop("pipeline"))
    assert error_of(data) == "config/environments.yaml: pipeline: required key is missing"


def test_protected_environment_without_approval() -> None:
    data = variant(lambda d: d["environments"][1].__setitem__("requires_approval", False))
    assert error_of(data) == (
        "config/environments.yaml: environments[1]: a protected environment (protect_data: true) "
        "must set requires_approval: true"
    )


def test_unknown_region_and_bad_test_mode() -> None:
    assert "environments[0].region: expected a known AWS region" in error_of(
        variant(lambda d: d["environments"][0].__setitem__("region", "us-middle-7"))
    )
    assert "environments[0].integration_tests: expected one of 'full', 'smoke' or 'none'" in error_of(
        variant(lambda d: d["environments"][0].__setitem__("integration_tests", "all"))
    )


def test_at_least_one_environment() -> None:
    assert "environments: expected at least one entry" in error_of(variant(lambda d: d.__setitem__("environments", [])))


def test_waves_must_be_consecutive_and_group_in_order() -> None:
    def three(d: dict) -> None:
        prod = d["environments"][1]
        d["environments"] = [
            d["environments"][0],
            {**prod, "name": "prod-us", "wave": "prod"},
            {**prod, "name": "prod-eu", "wave": "prod", "region": "eu-west-1"},
        ]

    config = parse_config(variant(three))
    assert [[env.name for env in group] for group in config.deployment_groups()] == [["dev"], ["prod-us", "prod-eu"]]

    def split(d: dict) -> None:
        three(d)
        d["environments"].insert(2, {**d["environments"][0], "name": "qa"})

    assert "wave 'prod' to be consecutive" in error_of(variant(split))


def test_push_secrets_are_references_only() -> None:
    data = variant(
        lambda d: d["environments"][0].__setitem__("push", {"apns_secret_arn": "-----BEGIN PRIVATE KEY-----"})
    )
    assert "environments[0].push.apns_secret_arn: expected a Secrets Manager secret ARN" in error_of(data)


def test_yaml_syntax_error_is_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "environments.yaml"
    broken.write_text("app_name: [unclosed\n")
    with pytest.raises(ConfigError) as caught:
        load_config(broken)
    assert "expected valid YAML" in str(caught.value) and "\n" not in str(caught.value)


def test_app_exits_non_zero_with_one_line_and_no_traceback(tmp_path: Path) -> None:
    """app.py turns a ConfigError into sys.exit(message): the process a developer sees on a bad file."""
    script = (
        "import sys, config.loader as loader, pathlib;"
        f"loader.DEFAULT_CONFIG_PATH = pathlib.Path({str(tmp_path / 'environments.yaml')!r});"
        "import runpy; runpy.run_path('app.py', run_name='__main__')"
    )
    bad = variant(lambda d: d["environments"][1].__setitem__("account", "1234"))
    (tmp_path / "environments.yaml").write_text(yaml.safe_dump(bad))
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().endswith("environments[1].account: expected a 12-digit AWS account id, got '1234'")
    assert len(result.stderr.strip().splitlines()) == 1


def test_rollout_defaults_follow_protection() -> None:
    config = load_config()
    dev, prod = config.environment("dev"), config.environment("prod")
    assert (dev.bake, dev.rolls_back_on_alarm, dev.gated) == (0, False, False)  # nothing blocks dev by default
    assert (prod.bake, prod.rolls_back_on_alarm, prod.gated) == (30, True, True)
    assert prod.gate_alarm_kinds == DEFAULT_GATING_ALARMS
    # The default gate watches what users feel (errors, latency, failed stream work) and the canary, so a quiet
    # production still has a signal (config/rollout_gate.py).
    assert {"api_5xx", "api_latency", "lambda_errors", "stream_dlq", "canary"} <= set(DEFAULT_GATING_ALARMS)
    # The canary runs where the gate needs a signal: every gated environment, every 5 minutes.
    assert (prod.canary_enabled, prod.canary.every_minutes, prod.canary_freshness_minutes) == (True, 5, 15)
    assert (dev.canary_enabled, "canary" in dev.gate_alarm_kinds) == (False, False)
    assert prod.gate_override is None
    assert config.pipeline.notify_emails == ["release-team@example.com"] and config.pipeline.chat is None


def test_rollout_keys_override_the_defaults() -> None:
    def mutate(d: dict) -> None:
        d["environments"][0].update(bake_minutes=5, gating_alarms=["api_5xx"])
        d["environments"][1].update(bake_minutes=0, rollback_on_alarm=False)
        d["pipeline"].update(
            notify_emails=["release@example.com"],
            chat={"slack_workspace_id": "T0123ABCD", "slack_channel_id": "C0123ABCD"},
        )

    config = parse_config(variant(mutate))
    dev, prod = config.environment("dev"), config.environment("prod")
    assert (dev.bake, dev.rolls_back_on_alarm, dev.gated, dev.gate_alarm_kinds) == (5, False, True, ("api_5xx",))
    assert dev.canary_enabled  # gated now: the canary follows unless switched off
    assert (prod.bake, prod.rolls_back_on_alarm, prod.gated, prod.canary_enabled) == (0, False, False, False)
    assert config.pipeline.chat is not None and config.pipeline.chat.slack_channel_id == "C0123ABCD"


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            lambda d: d["environments"][1].__setitem__("bake_minutes", 500),
            "environments[1].bake_minutes: expected a whole number from 0 to 240, got 500",
        ),
        (
            lambda d: d["environments"][1].__setitem__("bake_minutes", "30"),
            "environments[1].bake_minutes: expected a whole number from 0 to 240, got '30'",
        ),
        (
            lambda d: d["environments"][1].__setitem__("gating_alarms", ["api_5xx", "cpu"]),
            "environments[1].gating_alarms[1]: expected one of 'api_5xx', ",
        ),
        (
            lambda d: d["environments"][1].__setitem__("rollback_on_alarm", "maybe"),
            "environments[1].rollback_on_alarm: expected true or false",
        ),
        (
            lambda d: d["pipeline"].__setitem__("notify_emails", ["releases"]),
            "pipeline.notify_emails[0]: expected an email address, got 'releases'",
        ),
        (
            lambda d: d["pipeline"].__setitem__("chat", {"slack_workspace_id": "x", "slack_channel_id": "C0123ABCD"}),
            "pipeline.chat.slack_workspace_id: expected a Slack workspace id like 'T0123ABCD', got 'x'",
        ),
    ],
)
def test_bad_rollout_keys_name_the_key_and_the_expectation(mutate, expected: str) -> None:
    assert error_of(variant(mutate)).startswith(f"config/environments.yaml: {expected}")


def test_the_canary_schedule_and_switch_are_per_environment() -> None:
    def mutate(d: dict) -> None:
        d["environments"][0]["canary"] = {"enabled": True, "every_minutes": 10}
        d["environments"][1]["canary"] = {"enabled": False}

    config = parse_config(variant(mutate))
    dev, prod = config.environment("dev"), config.environment("prod")
    assert (dev.canary_enabled, dev.canary.every_minutes, dev.canary_freshness_minutes) == (True, 10, 30)
    assert not dev.gated  # a canary does not gate an environment by itself
    assert (prod.canary_enabled, "canary" in prod.gate_alarm_kinds) == (False, False)


def test_a_gate_override_is_dated_and_read_as_a_date() -> None:
    def mutate(d: dict) -> None:
        d["environments"][1]["gate_override"] = {"mode": "first-deploy", "reason": "new", "expires": "2026-12-14"}

    override = parse_config(variant(mutate)).environment("prod").gate_override
    assert override is not None and (override.mode, override.expires.isoformat()) == ("first-deploy", "2026-12-14")


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            lambda d: d["environments"][1].__setitem__("canary", {"every_minutes": 0}),
            "environments[1].canary.every_minutes: expected a whole number from 1 to 60, got 0",
        ),
        (
            lambda d: d["environments"][1].update(canary={"enabled": False}, gating_alarms=["api_5xx", "canary"]),
            "environments[1]: gating_alarms lists 'canary' but the environment's canary is off (canary.enabled)",
        ),
        (
            lambda d: d["environments"][0].__setitem__(
                "gate_override", {"mode": "first-deploy", "reason": "x", "expires": "2026-12-14"}
            ),
            "environments[0]: gate_override applies only to a gated or protected environment",
        ),
        (
            lambda d: d["environments"][1].__setitem__(
                "gate_override", {"mode": "skip", "reason": "x", "expires": "2026-12-14"}
            ),
            "environments[1].gate_override.mode: expected one of 'first-deploy' or 'ship-into-alarm', got 'skip'",
        ),
        (
            lambda d: d["environments"][1].__setitem__("gate_override", {"mode": "first-deploy", "reason": "x"}),
            "environments[1].gate_override.expires: required key is missing",
        ),
        (
            lambda d: d["environments"][1].__setitem__(
                "gate_override", {"mode": "first-deploy", "reason": "x", "expires": "soon"}
            ),
            "environments[1].gate_override.expires: expected a date like 2026-12-31",
        ),
    ],
)
def test_bad_canary_and_override_keys_name_the_key(mutate, expected: str) -> None:
    assert error_of(variant(mutate)).startswith(f"config/environments.yaml: {expected}")


def test_a_wave_rolls_back_as_one_stage_so_its_environments_must_agree() -> None:
    def mutate(d: dict) -> None:
        prod = d["environments"][1]
        prod["wave"] = "prod"
        d["environments"].append(
            {**prod, "name": "prod-eu", "account": "444444444444", "rollback_on_alarm": False, "email": None}
        )

    assert error_of(variant(mutate)).endswith(
        "expected the environments of wave 'prod' to agree on rollback_on_alarm "
        "(CodePipeline rolls back a whole stage, and a wave is one stage)"
    )


def test_a_gated_wave_holds_five_environments() -> None:
    def mutate(d: dict) -> None:
        prod = d["environments"][1]
        d["environments"][1:] = [
            {**prod, "name": f"prod-{i}", "wave": "prod", "account": f"44444444444{i}", "email": None} for i in range(6)
        ]

    assert "expected at most 5 gated environments in wave 'prod'" in error_of(variant(mutate))
