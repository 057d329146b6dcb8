"""Which browser the explorer's test drives, and what `make browser` does without one (devtools/browser.py).

The machine is faked: PATH lookups, executable files and /etc/os-release are given per test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from devtools import browser
from devtools.browser import BrowserMissing, Machine, distributions, ensure, find_browser
from pipeline.project_root import PROJECT_ROOT

CHROME_APP = Path("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome")
CHROMIUM_APP = Path("/Applications/Chromium.app/Contents/MacOS/Chromium")
DEBIAN_ROOT = Machine(system="Linux", is_root=True, distributions=frozenset({"debian"}), has_apt=True)


def find(environ=None, on_path=(), files=()):
    """find_browser on a fake machine: `on_path` names PATH has (in /usr/bin), `files` the executables there are."""
    executables = {Path(f) for f in files} | {Path("/usr/bin") / name for name in on_path}
    return find_browser(
        environ=environ or {},
        which=lambda name: f"/usr/bin/{name}" if name in on_path else None,
        is_executable=lambda path: path in executables,
    )


def test_chromium_overrides_every_other_browser() -> None:
    assert find({"CHROMIUM": "/opt/chrome/chrome"}, on_path=["chromium"], files=["/opt/chrome/chrome"]) == Path(
        "/opt/chrome/chrome"
    )


def test_a_chromium_that_is_not_an_executable_is_one_line_not_another_browser() -> None:
    with pytest.raises(BrowserMissing, match=r"^CHROMIUM=/nowhere/chrome: expected the path of a Chromium"):
        find({"CHROMIUM": "/nowhere/chrome"}, on_path=["chromium"])


@pytest.mark.parametrize(
    ("on_path", "expected"),
    [
        (["google-chrome", "chromium"], "/usr/bin/chromium"),  # Debian's package first
        (["chromium-browser"], "/usr/bin/chromium-browser"),
        (["google-chrome-stable"], "/usr/bin/google-chrome-stable"),
        (["google-chrome", "google-chrome-stable"], "/usr/bin/google-chrome"),
    ],
)
def test_linux_browsers_are_found_on_path_in_order(on_path: list[str], expected: str) -> None:
    assert find(on_path=on_path) == Path(expected)


def test_macos_application_bundles_are_found_chrome_first() -> None:
    assert find(files=[CHROMIUM_APP, CHROME_APP]) == CHROME_APP
    assert find(files=[CHROMIUM_APP]) == CHROMIUM_APP


def test_a_machine_without_a_browser_has_none() -> None:
    assert find() is None


def test_os_release_ids_and_the_distributions_they_are_like() -> None:
    ubuntu = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID="24.04"\n'
    assert distributions(ubuntu) == {"ubuntu", "debian"}
    assert distributions('ID="fedora"\n') == {"fedora"}
    assert distributions("") == frozenset()


class Recorder:
    """Stands in for apt: counts installs; the browser appears once installed."""

    def __init__(self, status: int = 0, appears: bool = True) -> None:
        self.installs = 0
        self.status = status
        self.appears = appears
        self.lines: list[str] = []

    def find(self) -> Path | None:
        return Path("/usr/bin/chromium") if self.installs and self.appears else None

    def install(self) -> int:
        self.installs += 1
        return self.status

    def ensure(self, machine: Machine) -> int:
        return ensure(machine, find=self.find, install=self.install, say=self.lines.append)


def test_a_browser_already_there_needs_nothing() -> None:
    lines: list[str] = []
    installs: list[int] = []
    found = Path("/usr/bin/chromium")

    def install() -> int:
        installs.append(1)
        return 0

    assert ensure(DEBIAN_ROOT, find=lambda: found, install=install, say=lines.append) == 0
    assert installs == [] and lines == []


@pytest.mark.parametrize("ids", [{"debian"}, {"ubuntu", "debian"}])
def test_root_on_debian_or_ubuntu_installs_chromium_with_apt(ids: set[str]) -> None:
    apt = Recorder()
    assert apt.ensure(Machine("Linux", True, frozenset(ids), True)) == 0
    assert apt.installs == 1 and apt.lines == []


@pytest.mark.parametrize(
    ("machine", "names"),
    [
        (Machine("Linux", False, frozenset({"debian"}), True), "`sudo apt-get install chromium`"),
        (Machine("Darwin", False, frozenset(), False), "Google Chrome (https://www.google.com/chrome/) or Chromium"),
        (Machine("Darwin", True, frozenset(), False), "Google Chrome"),
        (Machine("Linux", True, frozenset({"fedora"}), False), "this system's package manager"),
        (Machine("Linux", True, frozenset({"debian"}), False), "this system's package manager"),  # no apt-get
    ],
)
def test_anywhere_apt_would_prompt_or_is_missing_it_stops_with_one_line(machine: Machine, names: str) -> None:
    apt = Recorder()
    assert apt.ensure(machine) == 1
    assert apt.installs == 0
    [line] = apt.lines
    assert line.startswith("make browser: no Chromium or Chrome found") and names in line and "CHROMIUM" in line


def test_a_failed_or_useless_install_is_one_line_and_a_failure() -> None:
    failed = Recorder(status=100)
    assert failed.ensure(DEBIAN_ROOT) == 1
    assert failed.lines == ["make browser: apt-get could not install chromium (its output is above)"]
    useless = Recorder(appears=False)
    assert useless.ensure(DEBIAN_ROOT) == 1
    assert len(useless.lines) == 1 and "no Chromium or Chrome found" in useless.lines[0]


def test_a_bad_chromium_variable_stops_make_browser_before_apt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHROMIUM", "/nowhere/chrome")
    apt = Recorder()
    assert ensure(DEBIAN_ROOT, install=apt.install, say=apt.lines.append) == 1
    assert apt.installs == 0 and apt.lines == [
        "make browser: CHROMIUM=/nowhere/chrome: expected the path of a Chromium or Chrome executable"
    ]


def test_make_browser_decides_in_tools_browser_and_installs_with_progress() -> None:
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nbrowser:\n", 1)[1].split("\n\n", 1)[0]
    assert recipe.strip() == "@$(PYTHON) -m devtools.browser"
    assert "apt-get" not in makefile  # only devtools/browser.py decides when apt may run
    assert browser.APT_INSTALL[-1].startswith("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y")
