"""`python -m sandbox [--port 8443] [--outputs PATH] [--host 127.0.0.1]`: runs until Ctrl-C or SIGTERM."""

from __future__ import annotations

import argparse
import asyncio
import faulthandler
import json
import logging
import signal
import sys
from pathlib import Path

from .server import Sandbox, SandboxError, SandboxOptions
from .template import PROJECT_ROOT, TemplateError


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m sandbox", description="The mobile backend, offline.")
    parser.add_argument(
        "--port", type=int, default=8443, help="TLS port for GraphQL, realtime, Cognito front (0 = free port)"
    )
    parser.add_argument("--host", default="127.0.0.1")
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
    parser.add_argument("--verbose", action="store_true")
    return parser.parse_args(argv)


async def serve(options: SandboxOptions) -> None:
    sandbox = Sandbox(options)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        await sandbox.start()
        ca = sandbox.tls.ca_cert if sandbox.tls else None
        print(f"sandbox ready: {sandbox.graphql_url} (outputs: {options.outputs_path}, CA: {ca})", flush=True)
        await stop.wait()
    finally:
        await sandbox.stop()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    faulthandler.register(signal.SIGUSR1)  # `kill -USR1 <pid>` prints every thread's stack: for a stuck sandbox
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # moto's per-request access log
    options = SandboxOptions(
        host=args.host,
        port=args.port,
        outputs_path=args.outputs.resolve(),
        state_dir=args.state_dir.resolve(),
        keepalive_s=args.keepalive,
    )
    if args.template:
        try:
            options.template = json.loads(args.template.read_text())
        except (OSError, ValueError) as exc:
            print(f"sandbox: cannot read template {args.template}: {exc}", file=sys.stderr)
            return 1
    try:
        asyncio.run(serve(options))
    except (SandboxError, TemplateError) as exc:
        print(f"sandbox: {exc}", file=sys.stderr)
        return 1
    print("sandbox stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
