"""Assembles the sandbox: moto, provisioning from the stage template, the TLS web app, stream poller, outputs."""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web
from botocore.config import Config

from .cognito_front import CognitoFront
from .dead_letters import DeadLetters
from .execution import Executor
from .handlers import Handler, HandlerSet
from .moto_server import DUMMY_CREDENTIALS, SETUP_AGENT, MotoServer, use_dummy_credentials
from .outputs_stack import STACK_NAME as OUTPUTS_STACK_NAME
from .outputs_stack import register_outputs_stack
from .provision import Provisioned, provision
from .pubsub import SubscriptionHub
from .push_outbox import PushOutbox
from .resolver_map import resolver_fields
from .schema import load_schema
from .streams import StreamPoller
from .template import PROJECT_ROOT, load_stage_template
from .tls import TlsFiles, create_tls_files
from .tokens import Authenticator, CognitoTokenVerifier, fetch_jwks_over_http
from .web_app import WebParts, build_web_app

log = logging.getLogger("sandbox")

REGION = "us-east-1"  # moto files unsigned Cognito calls (Amplify's InitiateAuth) under us-east-1
OutputsGenerator = Callable[..., dict[str, Any]]


class SandboxError(RuntimeError):
    """A startup problem with a message meant for the developer."""


def default_outputs_generator() -> OutputsGenerator:
    try:
        from backend.outputs import amplify_outputs_from_stack_outputs
    except ImportError as exc:
        raise SandboxError(
            "backend/outputs.py with amplify_outputs_from_stack_outputs() is needed to write amplify_outputs.json "
            f"({exc})"
        ) from exc
    return amplify_outputs_from_stack_outputs


@dataclass
class SandboxOptions:
    host: str = "127.0.0.1"
    port: int = 8443
    outputs_path: Path = PROJECT_ROOT / "amplify_outputs.json"
    state_dir: Path = PROJECT_ROOT / ".sandbox"
    template: Mapping[str, Any] | None = None  # None: the synthesized stage template
    handlers: dict[str, Handler] = field(default_factory=dict)  # overrides of graphql/stream/cognito_trigger
    schema_sdl: str | None = None  # None: backend/schema.graphql
    outputs_generator: OutputsGenerator | None = None
    keepalive_s: float = 60.0
    # The poller is woken after every DynamoDB write (MotoServer.on_dynamodb_write); this is its fallback period.
    stream_poll_interval_s: float = 2.0


class Sandbox:
    def __init__(self, options: SandboxOptions) -> None:
        self.options = options
        self.moto: MotoServer | None = None
        self.runner: web.AppRunner | None = None
        self.poller: StreamPoller | None = None
        self.handlers = HandlerSet(options.handlers)
        self.outbox = PushOutbox()
        self.dead_letters = DeadLetters()
        self.provisioned: Provisioned | None = None
        self.tls: TlsFiles | None = None
        self.port = options.port
        self.outputs: dict[str, Any] = {}

    @property
    def base_url(self) -> str:
        return f"https://{self.options.host}:{self.port}"

    @property
    def graphql_url(self) -> str:
        return f"{self.base_url}/graphql"

    async def start(self) -> None:
        options = self.options
        timings: dict[str, float] = {}
        mark = time.monotonic()

        def lap(name: str) -> None:
            nonlocal mark
            now = time.monotonic()
            timings[name], mark = now - mark, now

        use_dummy_credentials(REGION)
        template = options.template if options.template is not None else load_stage_template()[0]
        self.moto = MotoServer(options.host).start()
        os.environ["AWS_ENDPOINT_URL"] = self.moto.url
        lap("template+moto")
        self.tls = create_tls_files(options.state_dir / "tls", ca_path=options.state_dir / "ca.pem")

        schema = load_schema(options.schema_sdl)
        hub = SubscriptionHub(schema)
        executor = Executor(
            schema, resolver_fields(template), lambda event: self.handlers.call("graphql", event), hub.publish
        )
        authenticator = Authenticator(None)
        cognito = CognitoFront(self.moto.url, REGION, lambda event: self.handlers.call("cognito_trigger", event))
        app = build_web_app(
            WebParts(executor, hub, authenticator, self.outbox, cognito, options.keepalive_s, self.dead_letters)
        )
        self.runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, options.host, options.port, ssl_context=self.tls.server_context())
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        lap("tls+schema+web")

        import boto3

        self._session = boto3.session.Session(region_name=REGION)  # one session: its model cache makes clients cheap
        self.provisioned = provisioned = provision(
            template,
            endpoint_url=self.moto.url,
            region=REGION,
            graphql_url=self.graphql_url,
            push_app_id=self.outbox.app_id,
            session=self._session,
        )
        lap("provision")
        cognito.post_confirmation_pools = provisioned.post_confirmation_pool_ids
        if provisioned.user_pool_id:
            authenticator.verifier = CognitoTokenVerifier(
                region=REGION,
                user_pool_id=provisioned.user_pool_id,
                client_ids=provisioned.client_ids,
                jwks=fetch_jwks_over_http(f"{self.moto.url}/{provisioned.user_pool_id}/.well-known/jwks.json"),
            )
        self._set_runtime_environment(provisioned)
        try:
            self.handlers.load_all()
        except ImportError as exc:
            raise SandboxError(f"could not import the runtime handlers ({exc})") from exc
        lap("runtime import")
        self._start_stream_poller(provisioned)
        self.outputs = self._write_outputs(provisioned)
        await self._check_graphql_answers()
        lap("streams+outputs+check")
        log.info("started: %s", ", ".join(f"{k} {v:.2f}s" for k, v in timings.items()))

    def _set_runtime_environment(self, provisioned: Provisioned) -> None:
        """Before the runtime is imported: Powertools' Logger and Metrics read POWERTOOLS_* when the
        runtime creates them on import. The rest is read later: tables, bucket and push app on the first call
        (backend/runtime/settings.py), the AWS endpoints when the runtime first creates a client."""
        assert self.moto and self.tls
        env = provisioned.runtime_environment()
        env.update(
            {
                "AWS_ENDPOINT_URL": self.moto.url,
                "AWS_ENDPOINT_URL_PINPOINT": self.base_url,  # the push outbox, on the TLS port
                "AWS_CA_BUNDLE": str(self.tls.ca_cert),  # only the outbox speaks TLS; moto is plain http
                "PUSH_APP_ID": self.outbox.app_id,
            }
        )
        env.setdefault("APP_VERSION", "sandbox")
        env.setdefault("POWERTOOLS_SERVICE_NAME", "mobile-backend")
        os.environ.update(env)

    def _start_stream_poller(self, provisioned: Provisioned) -> None:
        if not provisioned.stream_sources:
            return
        assert self.moto
        session = self._session
        self.poller = StreamPoller(
            session.client("dynamodb", endpoint_url=self.moto.url),
            session.client("dynamodbstreams", endpoint_url=self.moto.url),
            provisioned.stream_sources,
            lambda event: self.handlers.call_sync("stream", event),
            REGION,
            self.options.stream_poll_interval_s,
            retry_attempts=provisioned.stream_retry_attempts,
            dead_letters=self.dead_letters,
        ).start()
        self.moto.on_dynamodb_write(self.poller.wake)

    def sandbox_custom_keys(self) -> dict[str, Any]:
        assert self.moto and self.tls
        return {
            "aws_endpoint": self.moto.url,
            "cognito_idp_endpoint": f"{self.base_url}/cognito",
            "ca_cert": str(self.tls.ca_cert.resolve()),
            "push_outbox_url": f"{self.base_url}/_sandbox/push-outbox",
            "dead_letters_url": f"{self.base_url}/_sandbox/dead-letters",
            "access_key_id": DUMMY_CREDENTIALS["AWS_ACCESS_KEY_ID"],
            "secret_access_key": DUMMY_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
            # DescribeStacks on this name (moto, region us-east-1) returns the outputs below, SandboxExtras included.
            "stack_name": OUTPUTS_STACK_NAME,
        }

    def _write_outputs(self, provisioned: Provisioned) -> dict[str, Any]:
        generator = self.options.outputs_generator or default_outputs_generator()
        stack_outputs = dict(provisioned.outputs)
        stack_outputs.update({"GraphQLUrl": self.graphql_url, "Region": REGION, "PushAppId": self.outbox.app_id})
        extras = self.sandbox_custom_keys()
        assert self.moto
        moto_url, session = self.moto.url, self._session
        stack = {**stack_outputs, "SandboxExtras": json.dumps(extras)}
        # Lazily, before moto's first CloudFormation request: importing moto's CloudFormation imports most of
        # moto (its template parser knows every service), which was a third of the sandbox's start-up.
        self.moto.before_first(
            "cloudformation",
            lambda: register_outputs_stack(
                session.client("cloudformation", endpoint_url=moto_url, config=Config(user_agent_extra=SETUP_AGENT)),
                stack,
            ),
        )
        document = generator(stack_outputs, sandbox=extras)
        path = self.options.outputs_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(document, indent=2) + "\n")
        return document

    async def _check_graphql_answers(self) -> None:
        """`ready` means POST /graphql answers (an unauthenticated request gets AppSync's 401)."""
        import aiohttp

        assert self.tls
        async with aiohttp.ClientSession() as session:
            async with session.post(self.graphql_url, json={}, ssl=self.tls.client_context()) as response:
                if response.status != 401:
                    raise SandboxError(f"POST /graphql answered {response.status}, expected 401 without a token")

    async def stop(self) -> None:
        if self.poller:
            self.poller.stop()
        if self.runner:
            await self.runner.cleanup()
        if self.moto:
            self.moto.stop()
        self.handlers.shutdown()
