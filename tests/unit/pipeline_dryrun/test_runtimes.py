"""runtime-versions: the exact runtime where this machine has it, one warning line where it does not."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from devtools.pipeline_dryrun import runtimes
from devtools.pipeline_dryrun.runtimes import Installation, prepare_runtimes, select

PYTHONS = (
    Installation((3, 11, 7), Path("/p/3.11/bin/python3.11")),
    Installation((3, 12, 1), Path("/p/3.12/bin/python3.12")),
)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("3.12", (3, 12, 1)),
        ("3.11", (3, 11, 7)),
        ("3.x", (3, 12, 1)),
        ("3", (3, 12, 1)),
        ("latest", (3, 12, 1)),
        ("3.12.1", (3, 12, 1)),
        ("3.13", None),
        ("corretto17", None),
    ],
)
def test_select(spec: str, expected: tuple[int, ...] | None) -> None:
    chosen = select(spec, PYTHONS)
    assert (chosen.version if chosen else None) == expected


def test_the_python_asked_for_is_first_on_path_as_python3_and_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = Installation(tuple(sys.version_info[:3]), Path(sys.executable).resolve())
    monkeypatch.setattr(runtimes, "_python_installations", lambda path, root: (here,))
    setup = prepare_runtimes(
        {"python": f"{sys.version_info[0]}.{sys.version_info[1]}"}, tmp_path / "bin", {"PATH": os.environ["PATH"]}
    )
    assert setup.path_prefix == (str(tmp_path / "bin"),) and setup.warnings == ()
    for name in ("python3", "python", f"python{sys.version_info[0]}.{sys.version_info[1]}"):
        assert (tmp_path / "bin" / name).resolve() == here.executable


def test_a_runtime_this_machine_lacks_gives_one_warning_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        runtimes, "_node_installations", lambda path, home: (Installation((20, 20, 2), Path("/usr/bin/node")),)
    )
    setup = prepare_runtimes({"nodejs": "22", "java": "corretto21"}, tmp_path / "bin", {"PATH": "/usr/bin"})
    assert setup.path_prefix == ()
    assert setup.warnings == (
        "warning: runtime-versions nodejs '22': no Node 22 on this machine; using Node 20.20.2 (/usr/bin/node)",
        "warning: runtime-versions java 'corretto21': not mapped by the dry run; using what this machine has",
    )


def test_a_version_given_as_a_variable_is_expanded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        runtimes, "_node_installations", lambda path, home: (Installation((20, 1, 0), Path("/usr/bin/node")),)
    )
    setup = prepare_runtimes(
        {"nodejs": "$NODE_VERSION"}, tmp_path / "bin", {"PATH": "/usr/bin", "NODE_VERSION": "20.x"}
    )
    assert setup.warnings == () and setup.chosen == {"nodejs": "20.1.0 (/usr/bin/node)"}
