"""pip's effective index settings, read from pip itself and translated into uv's options.

uv reads neither pip.conf nor PIP_* variables, so a machine whose pip is set up for a mirror, extra indexes or
local wheel directories would lose that setup under uv. pip prints its merged configuration with
`pip config list` (files in override order, then `:env:` entries from PIP_* variables); for `pip install`
the precedence is `[global]` < `[install]` < environment (pip's `_get_ordered_configuration_items`).
Multi-valued options (extra-index-url, find-links, trusted-host) are whitespace-separated, as pip splits them.

pip ignores a local index or find-links location that does not exist (with a warning); uv refuses a missing
find-links directory, so such locations are left out here and reported instead.
"""

from __future__ import annotations

import ast
import os
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Later sections win: pip reads `global`, then the command's own section, then PIP_* variables.
SECTIONS = ("global", "install", ":env:")
MULTI_VALUED = ("extra-index-url", "find-links", "trusted-host")
TRUE_WORDS = ("1", "true", "yes", "on", "y", "t")


@dataclass(frozen=True)
class PipSettings:
    """The subset of pip's options that decides where packages come from and how they are fetched."""

    index_url: str | None = None
    extra_index_urls: tuple[str, ...] = ()
    find_links: tuple[str, ...] = ()
    trusted_hosts: tuple[str, ...] = ()
    no_index: bool = False
    cert: str | None = None
    timeout: str | None = None
    proxy: str | None = None


@dataclass(frozen=True)
class UvSettings:
    index_args: tuple[str, ...] = ()  # where packages come from: for `uv venv --seed` and `uv pip install`
    env: Mapping[str, str] = field(default_factory=dict)  # added to uv's environment (never overriding)
    notes: tuple[str, ...] = ()  # locations left out, and why

    @property
    def summary(self) -> str:
        sources = [a.split("=", 1)[0] for a in self.index_args if not a.startswith("--index-strategy")]
        counted = {name: sources.count(name) for name in dict.fromkeys(sources)}
        return ", ".join(f"{name} x{count}" for name, count in counted.items()) or "uv's defaults (pip has none set)"


def parse_config_list(output: str) -> dict[str, str]:
    """`pip config list` lines (`section.key='value'`) -> {section.key: value}."""
    values: dict[str, str] = {}
    for line in output.splitlines():
        key, sep, raw = line.partition("=")
        if not sep or "." not in key:
            continue
        try:
            value = ast.literal_eval(raw)  # pip prints the value with repr()
        except (ValueError, SyntaxError):
            value = raw
        values[key.strip()] = str(value)
    return values


def effective_options(config: Mapping[str, str]) -> dict[str, str]:
    """{option: value} as `pip install` sees it: the environment over `[install]` over `[global]`."""
    options: dict[str, str] = {}
    for section in SECTIONS:
        prefix = f"{section}."
        for key, value in config.items():
            if key.startswith(prefix):
                options[key[len(prefix) :].lower().replace("_", "-")] = value
    return options


def pip_settings(options: Mapping[str, str]) -> PipSettings:
    def many(name: str) -> tuple[str, ...]:
        return tuple(options.get(name, "").split())

    return PipSettings(
        index_url=options.get("index-url") or None,
        extra_index_urls=many("extra-index-url"),
        find_links=many("find-links"),
        trusted_hosts=many("trusted-host"),
        no_index=options.get("no-index", "").strip().lower() in TRUE_WORDS,
        cert=options.get("cert") or None,
        timeout=options.get("timeout") or options.get("default-timeout") or None,
        proxy=options.get("proxy") or None,
    )


def local_path(location: str) -> Path | None:
    """The directory or file a location names on this machine (a path or a file: URL); None for remote URLs."""
    parts = urlsplit(location)
    if parts.scheme == "file":
        return Path(unquote(parts.path))
    if not parts.scheme:
        return Path(location).expanduser()
    return None


def _present(locations: Sequence[str], what: str, exists: Callable[[Path], bool]) -> tuple[list[str], list[str]]:
    kept, notes = [], []
    for location in locations:
        path = local_path(location)
        if path is not None and not exists(path):
            notes.append(f"pip's {what} {location} does not exist on this machine: left out (pip ignores it too)")
            continue
        kept.append(location)
    return kept, notes


def uv_settings(pip: PipSettings, *, exists: Callable[[Path], bool] = Path.exists) -> UvSettings:
    """`uv` options with the same sources as pip. With more than one source, `--index-strategy
    unsafe-best-match` gives pip's resolution (the best version across all of them); uv's default takes a
    package only from the first index that has it, so an extra index holding an older release would fail a pin."""
    notes: list[str] = []

    def kept(locations: Sequence[str], what: str) -> list[str]:
        present, dropped = _present(locations, what, exists)
        notes.extend(dropped)
        return present

    args: list[str] = ["--no-index"] if pip.no_index else []
    args += [f"--default-index={url}" for url in kept([pip.index_url] if pip.index_url else [], "index-url")]
    extra = kept(pip.extra_index_urls, "extra-index-url")
    args += [f"--index={url}" for url in extra]  # uv's name for pip's extra-index-url
    links = kept(pip.find_links, "find-links")
    args += [f"--find-links={link}" for link in links]
    if extra or links:
        args.append("--index-strategy=unsafe-best-match")
    args += [f"--allow-insecure-host={host}" for host in pip.trusted_hosts]
    env: dict[str, str] = {}
    if pip.cert:
        env["SSL_CERT_FILE"] = pip.cert  # uv reads a CA bundle from SSL_CERT_FILE
    if pip.timeout and pip.timeout.replace(".", "", 1).isdigit():
        env["UV_HTTP_TIMEOUT"] = str(max(1, round(float(pip.timeout))))
    if pip.proxy:
        env["HTTPS_PROXY"] = env["HTTP_PROXY"] = pip.proxy
    return UvSettings(tuple(args), env, tuple(notes))


def read_pip_config(python: str) -> dict[str, str]:
    """pip's merged configuration as `python -m pip config list` prints it; empty when that python has no pip."""
    try:
        done = subprocess.run(
            [python, "-m", "pip", "config", "list"],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    return parse_config_list(done.stdout) if done.returncode == 0 else {}


def uv_settings_from_pip(python: str) -> UvSettings:
    return uv_settings(pip_settings(effective_options(read_pip_config(python))))
