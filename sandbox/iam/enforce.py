"""Every AWS call the runtime's functions make, checked against their role before botocore sends it.

Two botocore events, registered for every session created from now on (botocore's BUILTIN_HANDLERS, as
`moto_host/moto_direct.py` does; https://docs.aws.amazon.com/botocore/latest/topics/events.html):
- `before-parameter-build` sees the call's own parameters: the IAM action(s) and resource ARN(s) are derived
  (`actions.py`) and decided (`model.py`) there, when a function is running on this thread (`acting_as`, which
  `handlers.py` enters around each handler call); the sandbox's own clients (provisioning, the stream poller, the
  state keeper) run outside any function and are never checked. Presigning (`generate_presigned_url/post`) builds
  parameters too but sends nothing: its decision is never used.
- `before-call` answers a refused call with AWS's error instead of sending it: botocore then raises the service's
  modeled exception (a ClientError) exactly as for a real answer. Nothing reaches moto.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import uuid
from collections.abc import Iterator
from typing import Any

from botocore.awsrequest import AWSResponse
from botocore.handlers import BUILTIN_HANDLERS

from .actions import required
from .model import Caller, IamModel
from .policy import Decision

log = logging.getLogger("sandbox.iam")

# (the enforcer that entered `acting_as`, the caller): only that enforcer checks the call
_caller: contextvars.ContextVar[tuple[Enforcer, Caller | None] | None] = contextvars.ContextVar(
    "sandbox_iam_caller", default=None
)
_DENIAL = "sandbox_iam_denial"


class _Body:
    def read(self, *_: Any) -> bytes:
        return b""

    def stream(self, **_: Any) -> Iterator[bytes]:
        return iter(())


def error_response(
    decision: Decision, protocol: str, operation: str, url: str = ""
) -> tuple[AWSResponse, dict[str, Any]]:
    """What AWS answers a refused call: `AccessDenied` (403) for the XML and query protocols (S3, STS, SNS...),
    `AccessDeniedException` for JSON ones (400: DynamoDB, Firehose, Cognito, Secrets Manager; 403 for REST-JSON
    such as Pinpoint). A HEAD has no body: botocore reports its code as `403`, message `Forbidden`."""
    if protocol in ("rest-xml", "query", "ec2"):
        code, status = "AccessDenied", 403
    else:
        code, status = "AccessDeniedException", 400 if protocol == "json" else 403
    message = decision.message(quote_resource=decision.action.startswith("s3:"))
    if protocol == "rest-xml" and operation.startswith("Head"):
        code, message = "403", "Forbidden"
    request_id = str(uuid.uuid4())
    headers = {"x-amzn-requestid": request_id, "content-length": "0"}
    parsed = {
        "Error": {"Code": code, "Message": message},
        "ResponseMetadata": {
            "RequestId": request_id,
            "HTTPStatusCode": status,
            "HTTPHeaders": headers,
            "RetryAttempts": 0,
        },
    }
    return AWSResponse(url, status, headers, _Body()), parsed


class Enforcer:
    """The botocore handlers, and the function running on this thread."""

    def __init__(self, model: IamModel) -> None:
        self.model = model
        self.enabled = True
        self.refused = 0
        self.previous: Enforcer | None = None  # the one `allowed()` used before this one was installed

    @contextlib.contextmanager
    def acting_as(self, module: str) -> Iterator[None]:
        """While the handler of `module` (e.g. `runtime.graphql_handler`) runs, its AWS calls are its role's."""
        caller = self.model.callers.get(module)
        token = _caller.set((self, caller))
        try:
            yield
        finally:
            _caller.reset(token)

    def before_parameter_build(self, params: Any = None, model: Any = None, context: Any = None, **_: Any) -> None:
        acting = _caller.get()
        caller = acting[1] if acting is not None and acting[0] is self else None
        if caller is None or not self.enabled or model is None or context is None:
            return
        prefix = model.service_model.signing_name
        region = context.get("client_region") or self.model.region
        for action, resource in required(prefix, model.name, params or {}, region=region, account=self.model.account):
            decision = self.model.decide(caller, action, resource, {"aws:RequestedRegion": region})
            if not decision.allowed:
                context[_DENIAL] = (self, decision, caller)
                return

    def before_call(self, model: Any = None, params: Any = None, context: Any = None, **_: Any) -> Any:
        denial = (context or {}).get(_DENIAL)
        if denial is None or denial[0] is not self or not self.enabled:
            return None
        _, decision, caller = denial
        self.refused += 1
        log.warning(
            "IAM refused %s on %s to role %s (function %s, %s)",
            decision.action,
            decision.resource,
            caller.role_arn,
            caller.function,
            decision.reason,
        )
        url = (params or {}).get("url", "") if isinstance(params, dict) else ""
        return error_response(decision, model.service_model.protocol, model.name, url)


_active: Enforcer | None = None


def install(model: IamModel) -> Enforcer:
    """From now on, runtime calls made inside `acting_as` are checked (clients created from now on)."""
    global _active
    enforcer = Enforcer(model)
    enforcer.previous = _active
    BUILTIN_HANDLERS.append(("before-parameter-build", enforcer.before_parameter_build))
    BUILTIN_HANDLERS.append(("before-call", enforcer.before_call))
    _active = enforcer
    return enforcer


def uninstall(enforcer: Enforcer) -> None:
    """Clients created meanwhile keep the handlers: disabled, they check nothing."""
    global _active
    enforcer.enabled = False
    for entry in (("before-parameter-build", enforcer.before_parameter_build), ("before-call", enforcer.before_call)):
        if entry in BUILTIN_HANDLERS:
            BUILTIN_HANDLERS.remove(entry)
    if _active is enforcer:
        _active = enforcer.previous


def active() -> Enforcer | None:
    return _active
