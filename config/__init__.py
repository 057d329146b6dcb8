"""Loads and validates config/environments.yaml (the one place accounts, regions and switches live)."""

from .errors import ConfigError
from .loader import DEFAULT_CONFIG_PATH, load_config, parse_config
from .model import (
    AllowedReplacement,
    AppConfig,
    ClientsConfig,
    ClientsOverride,
    EmailSending,
    EnvironmentConfig,
    Features,
    PipelineConfig,
    PushCredentials,
    check_name,
)

__all__ = [
    "DEFAULT_CONFIG_PATH",
    "AllowedReplacement",
    "AppConfig",
    "ClientsConfig",
    "ClientsOverride",
    "ConfigError",
    "EmailSending",
    "EnvironmentConfig",
    "Features",
    "PipelineConfig",
    "PushCredentials",
    "check_name",
    "load_config",
    "parse_config",
]
