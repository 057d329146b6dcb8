class ConfigError(Exception):
    """A human-readable, one-line configuration error: `<file>: <key path>: <expectation>`."""
