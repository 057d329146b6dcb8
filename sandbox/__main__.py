"""`python -m sandbox [--port 8443] [--moto-port 8444] [--reset] [--seed PATH] [--outputs PATH] [--verbose]`: runs
until Ctrl-C or SIGTERM, keeping users and data under `.sandbox/state/` across restarts. The runtime's output goes to
`.sandbox/runtime.log` (runtime_output.py); the terminal gets one line per GraphQL request."""

from __future__ import annotations

import argparse
import asyncio
import errno
import faulthandler
import ipaddress
import json
import logging
import signal
import socket
import sys
import time
from pathlib import Path

from pipeline.project_root import PROJECT_ROOT

from .errors import SandboxError, TemplateError
from .options import SandboxOptions
from .process import READY_PREFIX
from .provisioning.seed import DEFAULT_SEED_PATH
from .reload.live import LiveReloadOptions
from .runtime_output import RUNTIME_LOG_NAME, RuntimeOutput
from .server import Sandbox

DEFAULT_MOTO_PORT = 8444


def _ip_address(value: str) -> str:
    """An IP literal: the S3 URLs are path-style (https://host:port/bucket/key), and moto reads a dotted host
    name in Host as `<bucket>.<domain>` (moto/s3/responses.py `subdomain_based_buckets`); an IP it reads as
    path-style."""
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not an IP address (use the machine's LAN IP)") from None


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m sandbox", description="The mobile backend, offline.")
    parser.add_argument(
        "--port", type=int, default=8443, help="TLS port for GraphQL, realtime, Cognito front (0 = free port)"
    )
    parser.add_argument(
        "--moto-port",
        type=int,
        default=None,
        help=f"plain-HTTP port of moto (the AWS APIs, S3) (default {DEFAULT_MOTO_PORT}, or a free one when that is "
        "busy or with --port 0)",
    )
    parser.add_argument(
        "--host",
        type=_ip_address,
        default="127.0.0.1",
        help="IP address for the URLs, the certificate and amplify_outputs.json; a LAN address (e.g. 192.168.1.20) "
        "serves a phone on the same network, and loopback is served too (default 127.0.0.1)",
    )
    parser.add_argument(
        "--reset", action="store_true", help="wipe the kept users and data (.sandbox/state) and seed again"
    )
    parser.add_argument(
        "--seed", type=Path, help=f"seed file applied when there is no kept state (default {DEFAULT_SEED_PATH.name})"
    )
    parser.add_argument(
        "--ephemeral",
        action="store_true",
        help="keep nothing and seed only with --seed: start empty (what `python -m sandbox.run` uses for tests)",
    )
    parser.add_argument(
        "--outputs",
        type=Path,
        default=PROJECT_ROOT / "amplify_outputs.json",
        help="where to write amplify_outputs.json",
    )
    parser.add_argument(
        "--state-dir", type=Path, default=PROJECT_ROOT / ".sandbox", help="CA certificate and other run files"
    )
    parser.add_argument(
        "--template", type=Path, help="a stage template to use as is (default: synthesize .sandbox/cdk.out when stale)"
    )
    parser.add_argument("--keepalive", type=float, default=60.0, help="seconds between realtime `ka` messages")
    parser.add_argument(
        "--no-watch",
        action="store_true",
        help="do not watch the project: by default a save under backend/runtime/ is served by the next request, "
        "and one to the schema, backend/infra/, stages/ or config/ is synthesized and applied in place",
    )
    parser.add_argument(
        "--verbose",
        action="store_true",
        help=f"start-up timings, and the runtime's output (JSON logs, metrics) on this terminal as well as in "
        f"<state-dir>/{RUNTIME_LOG_NAME}",
    )
    args = parser.parse_args(argv)
    args.moto_port_or_any = args.moto_port is None  # not given: 8444 when free, else any (a second sandbox)
    if args.moto_port is None:
        args.moto_port = 0 if args.port == 0 else DEFAULT_MOTO_PORT
    return args


def host_problem(host: str) -> str | None:
    """The one line for a --host this machine does not have (binding it would fail after the synth)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.bind((host, 0))
    except OSError as exc:
        if exc.errno not in (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT):
            raise
        return (
            f"--host {host} is not an address of this machine: list them with `ip -brief address` "
            "(macOS: `ifconfig | grep inet`) and pass one of those, or leave --host out for 127.0.0.1"
        )
    return None


def _progress(line: str) -> None:
    print(line, flush=True)


def options_from_args(args: argparse.Namespace) -> SandboxOptions:
    seed = args.seed if args.seed is not None else (None if args.ephemeral else DEFAULT_SEED_PATH)
    return SandboxOptions(
        host=args.host,
        port=args.port,
        moto_port=args.moto_port,
        moto_port_or_any=args.moto_port_or_any,
        outputs_path=args.outputs.resolve(),
        state_dir=args.state_dir.resolve(),
        keepalive_s=args.keepalive,
        persist=not args.ephemeral,
        reset=args.reset,
        seed_path=seed.resolve() if seed is not None else None,
        progress=_progress,
        # With a fixed --template there is nothing to synthesize: only the runtime is watched then.
        live_reload=None
        if args.no_watch
        else (LiveReloadOptions(stage_paths=()) if args.template else LiveReloadOptions()),
    )


async def serve(options: SandboxOptions, after_ready: str | None = None) -> None:
    sandbox = Sandbox(options)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    started = time.monotonic()
    try:
        await sandbox.start()
        ca = sandbox.tls.ca_cert if sandbox.tls else None
        took = time.monotonic() - started
        print(
            f"{READY_PREFIX}: {sandbox.graphql_url} (outputs: {options.outputs_path}, CA: {ca}; {took:.1f} s)",
            flush=True,
        )
        if after_ready:
            print(after_ready, flush=True)
        await stop.wait()
    finally:
        await sandbox.stop()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    problem = host_problem(args.host)
    if problem:
        print(f"sandbox: {problem}", file=sys.stderr)
        return 2
    faulthandler.register(signal.SIGUSR1)  # `kill -USR1 <pid>` prints every thread's stack: for a stuck sandbox
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # moto's per-request access log
    _show_request_lines()
    options = options_from_args(args)
    if args.template:
        try:
            options.template = json.loads(args.template.read_text())
        except (OSError, ValueError) as exc:
            print(f"sandbox: cannot read template {args.template}: {exc}", file=sys.stderr)
            return 1
    # After basicConfig (the sandbox's own log lines keep the real stderr), before the runtime is imported.
    runtime_output = RuntimeOutput(options.state_dir / RUNTIME_LOG_NAME, echo=args.verbose)
    shown = ", also shown here" if args.verbose else "; --verbose shows them here too"
    try:
        asyncio.run(
            serve(
                options, after_ready=f"runtime log: {runtime_output.path} (the handlers' JSON logs and metrics{shown})"
            )
        )
    except (SandboxError, TemplateError) as exc:
        print(f"sandbox: {exc}", file=sys.stderr)
        return 1
    finally:
        runtime_output.close()
    print("sandbox stopped", flush=True)
    return 0


def _show_request_lines() -> None:
    """One bare line per GraphQL request on stdout (web/graphql_route.py `request_log`), whatever --verbose."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(message)s"))
    requests_log = logging.getLogger("sandbox.requests")
    requests_log.addHandler(handler)
    requests_log.setLevel(logging.INFO)
    requests_log.propagate = False


if __name__ == "__main__":
    sys.exit(main())
