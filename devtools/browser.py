"""The Chromium or Chrome the explorer's browser test drives: one the machine already has (Playwright never
downloads its own here).

    python3 -m devtools.browser   # `make browser`: nothing when there is one, else apt or one line (exit 1)

Looked for in this order: $CHROMIUM (a path; when set it must be an executable, nothing else is tried), the
Linux names on PATH, then the macOS application bundles. `ensure` installs Debian's `chromium` with apt only where
that needs no prompt: as root on Debian or Ubuntu (CI machines). Anywhere else it stops with one line naming what
to install. Stdlib only: it runs before the venv exists.
"""

from __future__ import annotations

import os
import platform
import shutil
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from devtools.progress import run as run_with_progress

OVERRIDE = "CHROMIUM"
LINUX_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
MACOS_BUNDLES = (
    Path("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"),
    Path("/Applications/Chromium.app/Contents/MacOS/Chromium"),
)
APT_DISTRIBUTIONS = frozenset({"debian", "ubuntu"})
OS_RELEASE = Path("/etc/os-release")
# Quiet and without questions (https://manpages.debian.org/apt-get.8, -y and -qq; debconf's noninteractive frontend).
APT_INSTALL = (
    "sh",
    "-c",
    "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null",
)
APT_SECONDS = 70  # a first install on a fresh 2-core Debian machine


class BrowserMissing(Exception):
    """No usable Chromium or Chrome; the message is one line naming what to install or set."""


def _is_executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def find_browser(
    environ: Mapping[str, str] = os.environ,
    which: Callable[[str], str | None] = shutil.which,
    is_executable: Callable[[Path], bool] = _is_executable,
    bundles: Iterable[Path] = MACOS_BUNDLES,
) -> Path | None:
    """The executable to drive, or None when the machine has none. Raises BrowserMissing when $CHROMIUM names
    something that is not an executable (a typo there must not silently pick another browser)."""
    override = environ.get(OVERRIDE)
    if override:
        if not is_executable(Path(override)):
            raise BrowserMissing(f"{OVERRIDE}={override}: expected the path of a Chromium or Chrome executable")
        return Path(override)
    for name in LINUX_NAMES:
        found = which(name)
        if found:
            return Path(found)
    return next((bundle for bundle in bundles if is_executable(bundle)), None)


@dataclass(frozen=True)
class Machine:
    """What decides how a browser can be installed here."""

    system: str  # platform.system(): "Linux", "Darwin", ...
    is_root: bool
    distributions: frozenset[str]  # ID and ID_LIKE of /etc/os-release, e.g. {"ubuntu", "debian"}
    has_apt: bool


def distributions(os_release: str) -> frozenset[str]:
    """The ID and ID_LIKE values of an os-release file (https://www.freedesktop.org/software/systemd/man/os-release.html)."""
    ids: set[str] = set()
    for line in os_release.splitlines():
        key, _, value = line.partition("=")
        if key.strip() in ("ID", "ID_LIKE"):
            ids.update(value.strip().strip("\"'").lower().split())
    return frozenset(ids)


def this_machine() -> Machine:
    try:
        os_release = OS_RELEASE.read_text(encoding="utf-8")
    except OSError:
        os_release = ""
    return Machine(
        system=platform.system(),
        is_root=hasattr(os, "geteuid") and os.geteuid() == 0,
        distributions=distributions(os_release),
        has_apt=shutil.which("apt-get") is not None,
    )


def can_install_with_apt(machine: Machine) -> bool:
    """apt without a prompt: as root (no sudo password) on Debian or Ubuntu."""
    return (
        machine.system == "Linux"
        and machine.is_root
        and machine.has_apt
        and bool(machine.distributions & APT_DISTRIBUTIONS)
    )


def what_to_install(machine: Machine) -> str:
    """One line: no browser found, and what to install for this kind of machine."""
    if machine.system == "Darwin":
        how = "install Google Chrome (https://www.google.com/chrome/) or Chromium into /Applications"
    elif machine.has_apt and machine.distributions & APT_DISTRIBUTIONS:
        how = "install it with `sudo apt-get install chromium` (make browser does this itself only as root)"
    else:
        how = "install chromium or google-chrome with this system's package manager"
    looked = f"PATH: {', '.join(LINUX_NAMES)}; macOS: /Applications"
    return f"no Chromium or Chrome found ({looked}): {how}, or set {OVERRIDE} to one's executable"


def ensure(
    machine: Machine,
    find: Callable[[], Path | None] = find_browser,
    install: Callable[[], int] = lambda: run_with_progress("Debian's chromium (apt)", APT_SECONDS, APT_INSTALL),
    say: Callable[[str], None] = print,
) -> int:
    """`make browser`: 0 when a browser is there (found, or installed with apt where that needs no prompt),
    else 1 with one line naming what to install."""
    try:
        found = find()
        if found is None and can_install_with_apt(machine):
            if install() != 0:
                say("make browser: apt-get could not install chromium (its output is above)")
                return 1
            found = find()
    except BrowserMissing as missing:
        say(f"make browser: {missing}")
        return 1
    if found is None:
        say(f"make browser: {what_to_install(machine)}")
        return 1
    return 0


def browser_or_what_to_install() -> Path:
    """For the test: the executable, or BrowserMissing with the line naming what to install."""
    found = find_browser()
    if found is None:
        raise BrowserMissing(what_to_install(this_machine()))
    return found


if __name__ == "__main__":
    sys.exit(ensure(this_machine(), say=lambda line: print(line, file=sys.stderr)))
