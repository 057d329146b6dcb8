"""The sandbox's ports: the TLS port bound before anything is provisioned (its URL is in the stage's outputs), and
a busy port said in one line naming the flag that picks another."""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import socket
from collections.abc import Iterator

from .errors import SandboxError
from .moto_host.moto_server import MotoServer

LOOPBACK = "127.0.0.1"
LOOPBACK_NAMES = frozenset({"127.0.0.1", "::1", "localhost"})
BACKLOG = 128  # aiohttp's TCPSite default


def lan_warning(host: str, port: int) -> str | None:
    """The one line saying that a non-loopback --host exposes the sandbox (None for loopback addresses)."""
    try:
        if ipaddress.ip_address(host).is_loopback:
            return None
    except ValueError:
        if host == "localhost":
            return None
    return f"serving on {host}:{port} as well as loopback: anyone on that network can reach this sandbox"


@contextlib.contextmanager
def free_port_or_one_line(what: str, host: str, port: int, flag: str) -> Iterator[None]:
    """A busy port becomes one line naming it and the flag that picks another, instead of a traceback."""
    try:
        yield
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
        raise SandboxError(
            f"{what} port {port} on {host} is already in use (another sandbox?); pick another with {flag} N "
            f"(make sandbox SANDBOX_ARGS='{flag} N')"
        ) from None


def listen(host: str, port: int) -> list[socket.socket]:
    """Listening sockets on every address `host` resolves to, as asyncio's create_server binds them (SO_REUSEADDR,
    IPv6 sockets v6-only); with port 0 the first address's free port is used for the others too. Connections wait
    in the backlog until the web app serves them."""
    sockets: list[socket.socket] = []
    seen: set[tuple[int, str | int]] = set()
    try:
        for family, kind, proto, _, address in socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        ):
            if (family, address[0]) in seen:
                continue
            seen.add((family, address[0]))
            sock = socket.socket(family, kind, proto)
            sockets.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            bound_port = sockets[0].getsockname()[1] if len(sockets) > 1 else port
            sock.bind((address[0], bound_port, *address[2:]))
            sock.listen(BACKLOG)
    except BaseException:
        for sock in sockets:
            sock.close()
        raise
    return sockets


def https_listeners(host: str, port: int) -> list[socket.socket]:
    """The TLS port on `host`, and on loopback too (same port) when `host` is another address: simulators and tools
    on this machine keep working."""
    with free_port_or_one_line("HTTPS", host, port, "--port"):
        sockets = listen(host, port)
    if host not in LOOPBACK_NAMES:
        bound = sockets[0].getsockname()[1]
        try:
            with free_port_or_one_line("HTTPS", LOOPBACK, bound, "--port"):
                sockets += listen(LOOPBACK, bound)
        except BaseException:
            for sock in sockets:
                sock.close()
            raise
    return sockets


def start_moto(host: str, port: int, *, any_port_if_busy: bool = False) -> MotoServer:
    """moto on `port`; when it is busy and `any_port_if_busy`, on a free port (another sandbox keeps 8444)."""
    try:
        return MotoServer(host, port).start()
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE or not any_port_if_busy or port == 0:
            raise
    return MotoServer(host, 0).start()
