"""Loads and validates config/environments.yaml (the one place accounts, regions and switches live)."""

from .clients_block import ClientsConfig, ClientsOverride
from .email_sending import EmailSending
from .errors import ConfigError
from .field_types import check_name
from .loader import DEFAULT_CONFIG_PATH, load_config, parse_config
from .model import (
    AllowedReplacement,
    AppConfig,
    EnvironmentConfig,
    Features,
    PipelineConfig,
    PushCredentials,
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
