"""Assembles the sandbox: moto, provisioning from the stage template, the TLS web app, stream poller, outputs."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import ipaddress
import json
import logging
import os
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web
from botocore.config import Config

from .auth import identity_pool
from .auth.cognito_front import CognitoFront
from .auth.identity_pool import IdentityPoolAccess, PoolSetup
from .auth.tokens import Authenticator, CognitoTokenVerifier, fetch_jwks_over_http
from .constants import ACCOUNT_ID, PROJECT_ROOT
from .graphql.execution import Executor
from .graphql.limits import limits_from_template
from .graphql.resolver_map import resolver_fields
from .graphql.schema import load_schema
from .handlers import RUNTIME_HANDLERS, Handler, HandlerSet
from .http.graphql_route import READY_CHECK_HEADER
from .http.push_outbox import PushOutbox
from .http.s3_proxy import S3Proxy
from .http.tls import TlsFiles, create_tls_files
from .iam import Enforcer
from .iam import build as build_iam
from .iam import install as install_iam
from .iam import uninstall as uninstall_iam
from .iam.model import IamModel
from .provision.moto_server import DUMMY_CREDENTIALS, SETUP_AGENT, MotoServer, use_dummy_credentials
from .provision.outputs_stack import STACK_NAME as OUTPUTS_STACK_NAME
from .provision.outputs_stack import register_outputs_stack
from .provision.resources import Provisioned, provision
from .provision.seed import Seed, SeedError, apply_seed, load_seed, user_pool_password_policy
from .provision.state import KeptResources, StateError, StateKeeper, StateStore
from .provision.template import expected_synth_seconds, is_current, load_stage_template
from .realtime.pubsub import SubscriptionHub
from .reload.live import LiveReload, LiveReloadOptions
from .streams.dead_letters import DeadLetters
from .streams.event_filter import parse_filters
from .streams.poller import StreamPoller
from .web_app import SandboxRunner, WebParts, build_web_app

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
    moto_port: int = 0  # 0: a free port
    moto_port_or_any: bool = False  # moto_port busy: a free one instead (--moto-port not given)
    # Keep users and data in <state_dir>/state across restarts (`python -m sandbox`); tests start empty.
    persist: bool = False
    reset: bool = False  # wipe the kept state first
    seed_path: Path | None = None  # applied when the sandbox starts without kept state
    save_interval_s: float = 2.0
    progress: Callable[[str], None] | None = None  # one line per start-up phase, for the developer
    # The runtime's AWS calls checked against its functions' roles from the template (sandbox/iam)
    enforce_iam: bool = True
    live_reload: LiveReloadOptions | None = None  # watch the project and reload in place (reload/live.py)


LOOPBACK = "127.0.0.1"
_LOOPBACK_NAMES = frozenset({"127.0.0.1", "::1", "localhost"})


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
def _free_port_or_one_line(what: str, host: str, port: int, flag: str) -> Iterator[None]:
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


def _kept_push_app_id(path: Path, current: str) -> str:
    """The push app id written once at `path` (`current` the first time, e.g. from an older kept state)."""
    try:
        kept = path.read_text().strip()
    except FileNotFoundError:
        kept = ""
    if not kept:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(current + "\n")
        return current
    return kept


def start_moto(host: str, port: int, *, any_port_if_busy: bool = False) -> MotoServer:
    """moto on `port`; when it is busy and `any_port_if_busy`, on a free port (another sandbox keeps 8444)."""
    try:
        return MotoServer(host, port).start()
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE or not any_port_if_busy or port == 0:
            raise
    return MotoServer(host, 0).start()


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
        self.iam: Enforcer | None = None

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

        store = StateStore(options.state_dir / "state")
        saved, seed = self._saved_state_and_seed(store)
        use_dummy_credentials(REGION)
        template = self._stage_template()
        self._start_moto()
        lap("template+moto")
        self.tls = create_tls_files(
            options.state_dir / "tls", ca_path=options.state_dir / "ca.pem", extra_hosts=[options.host]
        )
        self.template = template  # what is provisioned: live reload applies a new one's difference
        await self._serve_https(template)
        lap("tls+schema+web")
        provisioned = self._provision(template)
        lap("provision")
        await self._wire(template, provisioned, store, saved)
        lap("runtime import")
        self._start_stream_poller(provisioned)
        self.outputs = self._write_outputs(provisioned)
        await self._check_graphql_answers()
        lap("streams+outputs+check")
        if options.seed_path is not None and seed is not None:
            started = time.monotonic()
            await self._seed(seed, provisioned)
            self._say(f"seeded from {options.seed_path.name}", started)
        if self.state is not None:
            await asyncio.to_thread(self.state.save, force=True)
            self.state.start()
        if self.live is not None:
            await self.live.start()
        log.info("started: %s", ", ".join(f"{k} {v:.2f}s" for k, v in timings.items()))

    def _say(self, phase: str, started: float) -> None:
        if self.options.progress:
            self.options.progress(f"sandbox: {phase} ({time.monotonic() - started:.1f} s)")

    def _saved_state_and_seed(self, store: StateStore) -> tuple[dict[str, Any] | None, Seed | None]:
        """The kept state to restore and the seed to apply, both checked before anything slow (one line at once)."""
        options = self.options
        if options.reset:
            store.wipe()
        try:  # a state this version can't read is refused at once
            saved = store.load() if options.persist else None
        except StateError as exc:
            raise SandboxError(str(exc)) from None
        if saved is not None:
            self.outbox.app_id = saved.get("push_outbox", {}).get("app_id", self.outbox.app_id)
        seed: Seed | None = None
        if options.seed_path is not None and saved is None:
            try:
                seed = load_seed(options.seed_path, user_pool_password_policy())
            except SeedError as exc:
                raise SandboxError(str(exc)) from None
        if options.persist:  # custom.push.app_id: kept outside state/, so --reset keeps it as it keeps the CA
            self.outbox.app_id = _kept_push_app_id(options.state_dir / "push-app-id", self.outbox.app_id)
        return saved, seed

    def _stage_template(self) -> Mapping[str, Any]:
        options = self.options
        if options.template is not None:
            return options.template
        started = time.monotonic()
        if not is_current() and options.progress:
            options.progress(
                "sandbox: synthesizing the stage template (python app.py, one stage; "
                f"about {expected_synth_seconds():.0f} s)..."
            )
        template = load_stage_template(progress=options.progress)[0]
        self._say("stage template ready", started)
        return template

    def _start_moto(self) -> None:
        options = self.options
        # moto answers every AWS API unauthenticated (admin calls included): loopback only, even with a LAN
        # --host. Devices reach S3 through the TLS port's proxy, which forwards bucket paths only.
        moto_host = options.host if options.host in _LOOPBACK_NAMES else LOOPBACK
        with _free_port_or_one_line("moto (S3 and AWS APIs)", moto_host, options.moto_port, "--moto-port"):
            self.moto = start_moto(moto_host, options.moto_port, any_port_if_busy=options.moto_port_or_any)
        if self.moto.port != options.moto_port and options.moto_port and options.progress:
            options.progress(f"sandbox: moto port {options.moto_port} is in use: moto is on {self.moto.port}")
        os.environ["AWS_ENDPOINT_URL"] = self.moto.url

    async def _serve_https(self, template: Mapping[str, Any]) -> None:
        """The GraphQL executor, realtime hub, Cognito front and S3 proxy behind the TLS port (and loopback's)."""
        options = self.options
        assert self.moto and self.tls
        schema = load_schema(options.schema_sdl)
        hub = SubscriptionHub(schema)
        executor = Executor(
            schema,
            resolver_fields(template),
            lambda event: self.handlers.call("graphql", event),
            hub.publish,
            limits=limits_from_template(template),  # the stage's QueryDepthLimit / ResolverCountLimit
        )
        authenticator = Authenticator(None)
        cognito = CognitoFront(self.moto.url, REGION, lambda event: self.handlers.call("cognito_trigger", event))
        self.executor, self.hub, self.authenticator, self.cognito = executor, hub, authenticator, cognito
        self.s3_proxy = S3Proxy(self.moto.url)  # its buckets once provisioned
        app = build_web_app(
            WebParts(
                executor,
                hub,
                authenticator,
                self.outbox,
                cognito,
                options.keepalive_s,
                self.dead_letters,
                s3_proxy=self.s3_proxy,
            )
        )
        self.runner = SandboxRunner(app, handle_signals=False, access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, options.host, options.port, ssl_context=self.tls.server_context())
        with _free_port_or_one_line("HTTPS", options.host, options.port, "--port"):
            await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        if options.host not in _LOOPBACK_NAMES:
            # Loopback too, on the same port: simulators and tools on this machine keep working.
            loopback = web.TCPSite(self.runner, LOOPBACK, self.port, ssl_context=self.tls.server_context())
            with _free_port_or_one_line("HTTPS", LOOPBACK, self.port, "--port"):
                await loopback.start()
            warning = lan_warning(options.host, self.port)
            if warning:
                log.warning(warning)

    def _provision(self, template: Mapping[str, Any]) -> Provisioned:
        import boto3

        assert self.moto and self.s3_proxy
        started = time.monotonic()
        self._session = boto3.session.Session(region_name=REGION)  # one session: its model cache makes clients cheap
        self.provisioned = provisioned = provision(
            template,
            endpoint_url=self.moto.url,
            region=REGION,
            graphql_url=self.graphql_url,
            push_app_id=self.outbox.app_id,
            session=self._session,
        )
        self.s3_proxy.buckets = frozenset(provisioned.bucket_names)
        # The runtime's S3 calls to the TLS port's bucket paths are answered by moto in-process (as its other
        # AWS calls are) instead of looping through this process's own TLS server.
        self.moto.answer_directly_for(self.base_url, self.s3_proxy.is_bucket_path)
        self._say("provisioned moto", started)
        return provisioned

    async def _wire(
        self, template: Mapping[str, Any], provisioned: Provisioned, store: StateStore, saved: dict[str, Any] | None
    ) -> None:
        """The kept state restored, tokens checked against the provisioned pool, the runtime's handlers imported."""
        options = self.options
        assert self.moto
        if options.persist:
            self.state = self._state_keeper(store, provisioned)
            if saved is not None:
                started = time.monotonic()
                self.state.restore(saved)
                self._say("restored the kept state", started)
        self.cognito.post_confirmation_pools = provisioned.post_confirmation_pool_ids
        self._serve_identity_pools(self.authenticator, provisioned)
        if provisioned.user_pool_id:
            self.authenticator.verifier = CognitoTokenVerifier(
                region=REGION,
                user_pool_id=provisioned.user_pool_id,
                client_ids=provisioned.client_ids,
                jwks=fetch_jwks_over_http(f"{self.moto.url}/{provisioned.user_pool_id}/.well-known/jwks.json"),
            )
        self._set_runtime_environment(provisioned)
        if options.enforce_iam:
            self._enforce_iam(template, provisioned)
        try:
            self.handlers.load_all()
            if self.live is not None and not options.handlers:
                self.live.runtime.load()
        except ImportError as exc:
            raise SandboxError(f"could not import the runtime handlers ({exc})") from exc

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
    def _serve_identity_pools(authenticator: Authenticator, provisioned: Provisioned) -> None:
        """Cognito Identity's guests and roles (moto lacks them), and IAM callers with those credentials authorized
        by their role's policy from the template."""
        pools = {pool_id: PoolSetup.from_provisioned(raw) for pool_id, raw in provisioned.identity_pools.items()}
        identity_pool.install()
        identity_pool.configure(pools)
        authenticator.identity_pools = IdentityPoolAccess(
            pools, provisioned.role_policies, provisioned.graphql_api_arn or ""
        )

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
                # S3 on the TLS port (http/s3_proxy.py): presigned upload and image URLs are https for devices.
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
        return {
            "aws_endpoint": self.moto.url,
            "cognito_idp_endpoint": f"{self.base_url}/cognito",
            # Amplify `identityPoolEndpoint`, boto3 `cognito-identity`: guest and signed-in credentials on the TLS port.
            "cognito_identity_endpoint": f"{self.base_url}/cognito-identity",
            "s3_endpoint": self.base_url,  # path-style: https://<host>:<port>/<bucket>/<key>
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
