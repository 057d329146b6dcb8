"""pipeline/pip_settings.py: pip's configuration (as `pip config list` prints it) translated into uv's options."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline import install_deps
from pipeline.install_deps import bootstrap_uv, uv_commands, uv_environment
from pipeline.pip_settings import (
    PipSettings,
    UvSettings,
    effective_options,
    parse_config_list,
    pip_settings,
    read_pip_config,
    uv_settings,
)


def translate(config_list: str, exists=lambda path: True) -> UvSettings:
    return uv_settings(pip_settings(effective_options(parse_config_list(config_list))), exists=exists)


def test_config_list_lines_are_read_with_their_quoted_values() -> None:
    output = (
        "global.extra-index-url='file:///opt/a/simple file:///opt/b/simple'\n"
        "global.find-links='/opt/wheels'\n"
        ":env:.default-timeout='180'\n"
        "not a setting line\n"
    )
    assert parse_config_list(output) == {
        "global.extra-index-url": "file:///opt/a/simple file:///opt/b/simple",
        "global.find-links": "/opt/wheels",
        ":env:.default-timeout": "180",
    }


def test_the_environment_wins_over_install_which_wins_over_global() -> None:
    config = {
        "global.index-url": "https://global.example/simple",
        "install.index-url": "https://install.example/simple",
        ":env:.index-url": "https://env.example/simple",
        "global.find-links": "/global/wheels",
        "install.find-links": "/install/wheels",
        "download.index-url": "https://download-only.example/simple",  # another command's section: not used
    }
    options = effective_options(config)
    assert options["index-url"] == "https://env.example/simple"
    assert options["find-links"] == "/install/wheels"


def test_index_url_and_several_extra_indexes_keep_their_order() -> None:
    uv = translate(
        "global.index-url='https://mirror.example/simple'\n"
        # pip prints a multi-line value with repr(): an escaped newline
        "global.extra-index-url='https://one.example/simple\\nhttps://two.example/simple  https://three.example/simple'\n"
    )
    assert uv.index_args == (
        "--default-index=https://mirror.example/simple",
        "--index=https://one.example/simple",
        "--index=https://two.example/simple",
        "--index=https://three.example/simple",
        # several sources: pip's best-version-across-all-indexes resolution, not uv's first-index default
        "--index-strategy=unsafe-best-match",
    )
    assert uv.notes == ()


def test_only_an_index_url_keeps_uvs_default_strategy() -> None:
    uv = translate("global.index-url='https://mirror.example/simple'\n")
    assert uv.index_args == ("--default-index=https://mirror.example/simple",)


def test_no_pip_settings_give_no_uv_options() -> None:
    uv = translate("")
    assert (uv.index_args, dict(uv.env), uv.notes) == ((), {}, ())
    assert "defaults" in uv.summary


def test_missing_local_indexes_and_find_links_are_left_out_with_a_note(tmp_path: Path) -> None:
    present_index = tmp_path / "simple"
    present_index.mkdir()
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    gone = tmp_path / "gone"
    config = (
        f"global.extra-index-url='file://{present_index} file://{gone}/simple https://remote.example/simple'\n"
        f"global.find-links='{wheels} {gone}/wheels'\n"
    )
    uv = uv_settings(pip_settings(effective_options(parse_config_list(config))))  # the real filesystem
    assert uv.index_args == (
        f"--index=file://{present_index}",
        "--index=https://remote.example/simple",  # remote locations are never checked here
        f"--find-links={wheels}",
        "--index-strategy=unsafe-best-match",
    )
    assert len(uv.notes) == 2
    assert all(str(gone) in note and "does not exist" in note for note in uv.notes)


def test_trusted_hosts_cert_timeout_and_no_index_but_no_constraints() -> None:
    uv = translate(
        "global.trusted-host='pypi.internal.example other.example'\n"
        "global.constraint='/etc/xdg/pip/constraints.txt'\n"
        "global.cert='/etc/ssl/certs/ca-certificates.crt'\n"
        ":env:.default-timeout='180'\n"
        ":env:.no-index='true'\n"
        "global.proxy='http://proxy.example:3128'\n"
    )
    assert uv.index_args == (
        "--no-index",
        "--allow-insecure-host=pypi.internal.example",
        "--allow-insecure-host=other.example",
    )
    assert not [arg for arg in uv.index_args if "constraints" in arg]  # the lock fixes every version instead
    assert dict(uv.env) == {
        "SSL_CERT_FILE": "/etc/ssl/certs/ca-certificates.crt",
        "UV_HTTP_TIMEOUT": "180",
        "HTTPS_PROXY": "http://proxy.example:3128",
        "HTTP_PROXY": "http://proxy.example:3128",
    }


@pytest.mark.parametrize("word", ["0", "false", "no", "off", ""])
def test_no_index_false_words_keep_the_indexes(word: str) -> None:
    assert pip_settings({"no-index": word}) == PipSettings()


def test_callers_variables_win_over_translated_ones_and_python_is_never_downloaded() -> None:
    settings = UvSettings(env={"SSL_CERT_FILE": "/from/pip.pem", "UV_HTTP_TIMEOUT": "180"})
    env = uv_environment(settings, {"SSL_CERT_FILE": "/callers/own.pem"})
    assert env["SSL_CERT_FILE"] == "/callers/own.pem"
    assert env["UV_HTTP_TIMEOUT"] == "180"
    assert env["UV_PYTHON_DOWNLOADS"] == "never"


def test_the_venv_and_the_install_both_get_the_index_options(tmp_path: Path) -> None:
    settings = UvSettings(index_args=("--index=file:///x/simple",))
    venv = tmp_path / ".venv"
    create, install = uv_commands(Path("/tools/uv"), venv, ["requirements-dev.lock"], settings, "/usr/bin/python3")
    assert create[:3] == ["/tools/uv", "venv", "--quiet"] and "--seed" in create and create[-1] == str(venv)
    assert "--index=file:///x/simple" in create and "--require-hashes" not in create
    assert install[:3] == ["/tools/uv", "pip", "install"]
    assert install[-2:] == ["-r", "requirements-dev.lock"]
    assert {"--index=file:///x/simple", "--require-hashes"} <= set(install)


def test_pip_is_asked_for_its_configuration() -> None:
    """This interpreter's pip answers `pip config list`; the parse keeps whatever it reports."""
    config = read_pip_config(sys.executable)
    assert all("." in key for key in config)


def test_without_a_working_pip_uv_is_not_bootstrapped_and_nothing_is_left_behind(tmp_path: Path, capsys) -> None:
    broken_python = tmp_path / "python3"
    broken_python.write_text("#!/bin/sh\necho 'ERROR: No module named pip' >&2\nexit 1\n")
    broken_python.chmod(0o755)
    root = tmp_path / "tools"
    assert bootstrap_uv(str(broken_python), root) is None
    assert list(root.iterdir()) == []  # the staging directory is removed
    assert "could not be installed with pip (ERROR: No module named pip)" in capsys.readouterr().err


def test_when_uv_cannot_be_had_pip_installs_the_same_requirements(tmp_path: Path, monkeypatch, capsys) -> None:
    ran: list[list[str]] = []
    monkeypatch.setattr(install_deps, "bootstrap_uv", lambda python, root: None)
    monkeypatch.setattr(install_deps, "uv_settings_from_pip", lambda python: UvSettings())
    monkeypatch.setattr(install_deps, "_run_all", recorded_into(ran))
    venv = tmp_path / ".venv"
    assert install_deps.install(venv, ["requirements-dev.lock"], python="/usr/bin/python3") == 0
    assert ran == [
        ["/usr/bin/python3", "-m", "venv", str(venv)],
        [
            str(venv / "bin/python"),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--require-hashes",
            "-r",
            "requirements-dev.lock",
        ],
    ]
    assert "installing with pip instead" in capsys.readouterr().err


def test_installs_with_pip_when_asked_to(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("INSTALL_DEPS_WITH", "pip")
    monkeypatch.setattr(install_deps, "bootstrap_uv", lambda python, root: pytest.fail("uv was bootstrapped"))
    ran: list[list[str]] = []
    monkeypatch.setattr(install_deps, "_run_all", recorded_into(ran))
    assert install_deps.install(tmp_path / ".venv", ["r.lock"], python="python3") == 0
    assert ran[-1][1:4] == ["-m", "pip", "install"]


def recorded_into(ran: list[list[str]]) -> Callable[..., bool]:
    """A stand-in for install_deps._run_all: records the commands it is given and succeeds."""

    def run_all(commands: list[list[str]], env: Any = None) -> bool:
        ran.extend(commands)
        return True

    return run_all
