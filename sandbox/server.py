"""Assembles the sandbox: moto, provisioning from the stage template, the TLS web app, stream poller, outputs.

Over 300 lines because this is the one place the parts meet: `Sandbox.start` lists the start-up phases in order and
each phase method below builds one part from what the earlier ones made, so the start-up reads top to bottom. The
parts themselves live in their own modules (ports, options, outputs_file, phase_clock and the subpackages)."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import Mapping
from typing import Any

from aiohttp import web

from .appsync.execution import Executor
from .appsync.limits import limits_from_template
from .appsync.resolver_map import resolver_fields
from .appsync.schema import load_schema
from .auth.tokens import Authenticator, CognitoTokenVerifier, fetch_jwks_over_http
from .aws_standins import identity_pool
from .aws_standins.cognito_front import CognitoFront
from .aws_standins.dead_letters import DeadLetters
from .aws_standins.identity_pool_access import IdentityPoolAccess
from .aws_standins.identity_sessions import PoolSetup
from .aws_standins.push_outbox import PushOutbox, kept_app_id
from .constants import ACCOUNT_ID
from .errors import SandboxError
from .handlers import RUNTIME_HANDLERS, HandlerSet
from .iam import Enforcer
from .iam import build as build_iam
from .iam import install as install_iam
from .iam import uninstall as uninstall_iam
from .iam.model import IamModel
from .kept_state.state import KeptResources, StateError, StateKeeper, StateStore
from .moto_host.moto_server import MotoServer, use_dummy_credentials
from .options import SandboxOptions
from .outputs_file import custom_keys, default_outputs_generator, publish_outputs
from .phase_clock import PhaseClock
from .ports import LOOPBACK, LOOPBACK_NAMES, free_port_or_one_line, https_listeners, lan_warning, start_moto
from .provisioning.provisioned import Provisioned
from .provisioning.resources import provision
from .provisioning.seed import Seed, SeedError, apply_seed, load_seed, user_pool_password_policy
from .provisioning.template import expected_synth_seconds, is_current, load_stage_template
from .realtime.pubsub import SubscriptionHub
from .reload.live import LiveReload
from .streams.event_filter import parse_filters
from .streams.poller import StreamPoller
from .web.graphql_route import READY_CHECK_HEADER
from .web.s3_proxy import S3Proxy
from .web.tls import TlsFiles, create_tls_files
from .web_app import SandboxRunner, WebParts, build_web_app

log = logging.getLogger("sandbox")

REGION = "us-east-1"  # moto files unsigned Cognito calls (Amplify's InitiateAuth) under us-east-1


class Sandbox:
    def __init__(self, options: SandboxOptions) -> None:
        self.options = options
        self.moto: MotoServer | None = None
        self.runner: web.AppRunner | None = None
        self.poller: StreamPoller | None = None
        self.live: LiveReload | None = None
        if options.live_reload is not None:
            self.live = LiveReload(self, options.live_reload, options.progress)
        live_handlers = self.live.runtime.handlers() if self.live else {}
        self.handlers = HandlerSet({**live_handlers, **options.handlers})
        self.outbox = PushOutbox()
        self.dead_letters = DeadLetters()
        self.provisioned: Provisioned | None = None
        self.tls: TlsFiles | None = None
        self.port = options.port
        self.outputs: dict[str, Any] = {}
        self.state: StateKeeper | None = None
        self.s3_proxy: S3Proxy | None = None
        self.cognito: CognitoFront | None = None
        self.iam: Enforcer | None = None
        self._clock = PhaseClock(options.progress)

    @property
    def base_url(self) -> str:
        return f"https://{self.options.host}:{self.port}"

    @property
    def graphql_url(self) -> str:
        return f"{self.base_url}/graphql"

    async def start(self) -> None:
        """The start-up phases in order. Each builds its parts from what the earlier ones made: the TLS port is bound
        before provisioning (the stage's outputs carry its URL), so the web app is built once everything it serves
        exists."""
        store, kept = self._open_kept_state()
        seed = self._check_seed(kept)
        template = self._stage_template()
        self._start_moto()
        self.tls = create_tls_files(
            self.options.state_dir / "tls", ca_path=self.options.state_dir / "ca.pem", extra_hosts=[self.options.host]
        )
        listeners = self._bind_https()
        provisioned = self._provision(template)
        if self.options.persist:
            self._restore(store, kept, provisioned)
        self._prepare_runtime(template, provisioned)
        await self._serve(template, provisioned, listeners)
        self._start_stream_poller(provisioned)
        self.write_outputs(provisioned)
        await self._check_graphql_answers()
        if seed is not None and self.options.seed_path is not None:
            with self._clock.phase("seed", announce=f"seeded from {self.options.seed_path.name}"):
                await self._seed(seed, provisioned)
        if self.state is not None:
            await asyncio.to_thread(self.state.save, force=True)
            self.state.start()
        if self.live is not None:
            await self.live.start()
        log.info("started: %s", ", ".join(f"{k} {v:.2f}s" for k, v in self._clock.timings.items()))

    def _open_kept_state(self) -> tuple[StateStore, dict[str, Any] | None]:
        """Before anything slow: a kept state this version cannot read is refused at once. The push app id is kept
        outside state/ (custom.push.app_id), so --reset keeps it as it keeps the CA."""
        options = self.options
        store = StateStore(options.state_dir / "state")
        if options.reset:
            store.wipe()
        try:
            kept = store.load() if options.persist else None
        except StateError as exc:
            raise SandboxError(str(exc)) from None
        if kept is not None:
            self.outbox.app_id = kept.get("push_outbox", {}).get("app_id", self.outbox.app_id)
        if options.persist:
            self.outbox.app_id = kept_app_id(options.state_dir / "push-app-id", self.outbox.app_id)
        return store, kept

    def _check_seed(self, kept: dict[str, Any] | None) -> Seed | None:
        """The seed file, checked before the synth (one line at once); none when a kept state is restored."""
        if self.options.seed_path is None or kept is not None:
            return None
        try:
            return load_seed(self.options.seed_path, user_pool_password_policy())
        except SeedError as exc:
            raise SandboxError(str(exc)) from None

    def _stage_template(self) -> Mapping[str, Any]:
        options = self.options
        if options.template is not None:
            return options.template
        with self._clock.phase("template", announce="stage template ready"):
            if not is_current() and options.progress:
                options.progress(
                    "sandbox: synthesizing the stage template (python app.py, one stage; "
                    f"about {expected_synth_seconds():.0f} s)..."
                )
            return load_stage_template(progress=options.progress)[0]

    def _start_moto(self) -> None:
        """moto answers every AWS API unauthenticated (admin calls included): loopback only, even with a LAN --host.
        Devices reach S3 through the TLS port's proxy, which forwards bucket paths only."""
        options = self.options
        use_dummy_credentials(REGION)
        moto_host = options.host if options.host in LOOPBACK_NAMES else LOOPBACK
        with (
            self._clock.phase("moto"),
            free_port_or_one_line("moto (S3 and AWS APIs)", moto_host, options.moto_port, "--moto-port"),
        ):
            self.moto = start_moto(moto_host, options.moto_port, any_port_if_busy=options.moto_port_or_any)
        if self.moto.port != options.moto_port and options.moto_port and options.progress:
            options.progress(f"sandbox: moto port {options.moto_port} is in use: moto is on {self.moto.port}")
        os.environ["AWS_ENDPOINT_URL"] = self.moto.url

    def _bind_https(self) -> list[socket.socket]:
        listeners = https_listeners(self.options.host, self.options.port)
        self.port = listeners[0].getsockname()[1]
        warning = lan_warning(self.options.host, self.port)
        if warning:
            log.warning(warning)
        return listeners

    def _provision(self, template: Mapping[str, Any]) -> Provisioned:
        import boto3

        assert self.moto
        self.template = template  # what is provisioned: live reload applies a new one's difference
        with self._clock.phase("provision", announce="provisioned moto"):
            self._session = boto3.session.Session(region_name=REGION)  # its model cache makes clients cheap
            self.provisioned = provision(
                template,
                endpoint_url=self.moto.url,
                region=REGION,
                graphql_url=self.graphql_url,
                push_app_id=self.outbox.app_id,
                session=self._session,
            )
        return self.provisioned

    def _restore(self, store: StateStore, kept: dict[str, Any] | None, provisioned: Provisioned) -> None:
        self.state = self._state_keeper(store, provisioned)
        if kept is not None:
            with self._clock.phase("restore", announce="restored the kept state"):
                self.state.restore(kept)

    def _prepare_runtime(self, template: Mapping[str, Any], provisioned: Provisioned) -> None:
        """The runtime's environment, its IAM checks, then its import (Powertools reads POWERTOOLS_* on import)."""
        self._set_runtime_environment(provisioned)
        if self.options.enforce_iam:
            self._enforce_iam(template, provisioned)
        with self._clock.phase("runtime import"):
            try:
                self.handlers.load_all()
                if self.live is not None and not self.options.handlers:
                    self.live.runtime.load()
            except ImportError as exc:
                raise SandboxError(f"could not import the runtime handlers ({exc})") from exc

    async def _serve(
        self, template: Mapping[str, Any], provisioned: Provisioned, listeners: list[socket.socket]
    ) -> None:
        """GraphQL, realtime, the Cognito front and S3 on the TLS port, each built with the provisioned resources."""
        assert self.moto and self.tls
        schema = load_schema(self.options.schema_sdl)
        self.hub = SubscriptionHub(schema)
        self.executor = Executor(
            schema,
            resolver_fields(template),
            lambda event: self.handlers.call("graphql", event),
            self.hub.publish,
            limits=limits_from_template(template),  # the stage's QueryDepthLimit / ResolverCountLimit
        )
        self.authenticator = Authenticator(self._token_verifier(provisioned), self.identity_pool_access(provisioned))
        self.cognito = CognitoFront(
            self.moto.url,
            REGION,
            lambda event: self.handlers.call("cognito_trigger", event),
            provisioned.post_confirmation_pool_ids,
        )
        self.s3_proxy = S3Proxy(self.moto.url, provisioned.bucket_names)
        # The runtime's S3 calls to the TLS port's bucket paths are answered by moto in-process (as its other AWS
        # calls are) instead of looping through this process's own TLS server.
        self.moto.answer_directly_for(self.base_url, self.s3_proxy.is_bucket_path)
        parts = WebParts(
            self.executor,
            self.hub,
            self.authenticator,
            self.outbox,
            self.cognito,
            self.options.keepalive_s,
            self.dead_letters,
            s3_proxy=self.s3_proxy,
        )
        self.runner = SandboxRunner(build_web_app(parts), handle_signals=False, access_log=None)
        await self.runner.setup()
        for sock in listeners:
            await web.SockSite(self.runner, sock, ssl_context=self.tls.server_context()).start()

    def _token_verifier(self, provisioned: Provisioned) -> CognitoTokenVerifier | None:
        if not provisioned.user_pool_id:
            return None
        assert self.moto
        return CognitoTokenVerifier(
            region=REGION,
            user_pool_id=provisioned.user_pool_id,
            client_ids=provisioned.client_ids,
            jwks=fetch_jwks_over_http(f"{self.moto.url}/{provisioned.user_pool_id}/.well-known/jwks.json"),
        )

    def _state_keeper(self, store: StateStore, provisioned: Provisioned) -> StateKeeper:
        assert self.moto
        moto, session = self.moto, self._session
        clients: dict[str, Any] = {}

        def client(name: str) -> Any:
            if name not in clients:
                clients[name] = session.client(name, endpoint_url=moto.url)
            return clients[name]

        resources = KeptResources(
            region=REGION,
            tables=list(provisioned.tables.values()),
            buckets=provisioned.bucket_names,
            user_pools=[provisioned.user_pool_id] if provisioned.user_pool_id else [],
        )
        return StateKeeper(
            store, resources, client, moto.lock, lambda: moto.changes, self.outbox, self.options.save_interval_s
        )

    async def _seed(self, seed: Seed, provisioned: Provisioned) -> None:
        if not (provisioned.user_pool_id and provisioned.client_ids):
            raise SandboxError("cannot seed: the template has no user pool with an app client")
        assert self.tls
        try:
            await asyncio.to_thread(
                apply_seed,
                seed,
                base_url=self.base_url,
                ca_cert=self.tls.ca_cert,
                client_id=provisioned.client_ids[0],
                user_pool_id=provisioned.user_pool_id,
                region=REGION,
            )
        except SeedError as exc:
            raise SandboxError(str(exc)) from None

    @staticmethod
    def identity_pool_access(provisioned: Provisioned) -> IdentityPoolAccess:
        """Cognito Identity's guests and roles (moto lacks them), and IAM callers with those credentials authorized
        by their role's policy from the template."""
        pools = {pool_id: PoolSetup.from_provisioned(raw) for pool_id, raw in provisioned.identity_pools.items()}
        identity_pool.install()
        identity_pool.configure(pools)
        return IdentityPoolAccess(pools, provisioned.role_policies, provisioned.graphql_api_arn or "")

    def _enforce_iam(self, template: Mapping[str, Any], provisioned: Provisioned) -> None:
        """Each handler's AWS calls are its function's role's (the template's Lambda Role, its policies and the
        bucket policies); a handler whose function has no role in the template is not checked."""
        model = self.iam_model(template, provisioned)
        self.iam = enforcer = install_iam(model)
        modules = {name: module.removeprefix("backend.") for name, module in RUNTIME_HANDLERS.items()}
        unchecked = [name for name, module in modules.items() if module not in model.callers]
        if unchecked:
            log.info("IAM not enforced for %s: no function with a role for them in the template", ", ".join(unchecked))
        self.handlers.invocation_scope = lambda name: enforcer.acting_as(modules.get(name, name))

    @staticmethod
    def iam_model(template: Mapping[str, Any], provisioned: Provisioned) -> IamModel:
        """Who may do what, from `template` as provisioned: rebuilt when live reload applies a new template."""
        return build_iam(template, provisioned.attributes, provisioned.role_policies, region=REGION, account=ACCOUNT_ID)

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
                # S3 on the TLS port (web/s3_proxy.py): presigned upload and image URLs are https for devices.
                # https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
                "AWS_ENDPOINT_URL_S3": self.base_url,
                "AWS_CA_BUNDLE": str(self.tls.ca_cert),  # the outbox and S3 speak TLS; moto itself is plain http
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
            {table: parse_filters(criteria) for table, criteria in provisioned.stream_sources.items()},
            lambda event: self.handlers.call_sync("stream", event),
            REGION,
            self.options.stream_poll_interval_s,
            retry_attempts=provisioned.stream_retry_attempts,
            dead_letters=self.dead_letters,
        ).start()
        self.moto.on_dynamodb_write(self.poller.wake)

    def sandbox_custom_keys(self) -> dict[str, Any]:
        assert self.moto and self.tls
        return custom_keys(self.base_url, self.moto.url, self.tls.ca_cert)

    def write_outputs(self, provisioned: Provisioned) -> dict[str, Any]:
        """amplify_outputs.json and the outputs stack, for `provisioned` (at start and after a live reload)."""
        assert self.moto
        stack_outputs = {
            **provisioned.outputs,
            "GraphQLUrl": self.graphql_url,
            "Region": REGION,
            "PushAppId": self.outbox.app_id,
        }
        self.outputs = publish_outputs(
            stack_outputs,
            self.sandbox_custom_keys(),
            moto=self.moto,
            session=self._session,
            generator=self.options.outputs_generator or default_outputs_generator(),
            path=self.options.outputs_path,
        )
        return self.outputs

    async def _check_graphql_answers(self) -> None:
        """`ready` means POST /graphql answers (an unauthenticated request gets AppSync's 401)."""
        import aiohttp

        assert self.tls
        async with aiohttp.ClientSession() as session:
            async with session.post(
                self.graphql_url, json={}, ssl=self.tls.client_context(), headers={READY_CHECK_HEADER: "1"}
            ) as response:
                if response.status != 401:
                    raise SandboxError(f"POST /graphql answered {response.status}, expected 401 without a token")

    async def stop(self) -> None:
        if self.live is not None:
            await self.live.stop()
        if self.runner:
            await self.runner.cleanup()
        if self.poller:
            self.poller.stop()
        if self.state is not None:
            try:  # a clean stop saves the state, after the last request and stream batch
                await self.state.stop()
            except Exception:
                log.exception("could not save the sandbox state")
        if self.moto:
            self.moto.stop()
        identity_pool.configure({})  # moto is process-wide: its Cognito Identity is moto's own again
        if self.iam is not None:
            uninstall_iam(self.iam)
            self.handlers.invocation_scope = None
        self.handlers.shutdown()
