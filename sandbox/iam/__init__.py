"""IAM enforced on the runtime's AWS calls in the sandbox, from the template's roles and resource policies.

`allowed(role, action, resource)` is the one entry point for other parts of the sandbox (e.g. authorizing a
presigned S3 URL as the role of the function that signed it).
"""

from __future__ import annotations

from collections.abc import Mapping

from .enforce import Enforcer, active, install, uninstall
from .model import Caller, IamModel, build
from .policy import Decision

__all__ = ["Caller", "Decision", "Enforcer", "IamModel", "allowed", "build", "install", "uninstall"]


def allowed(
    role_arn_or_name: str, action: str, resource_arn: str, keys: Mapping[str, str | list[str]] | None = None
) -> Decision:
    """Would the running sandbox's template let `role` (its ARN or name) do `action` (`s3:GetObject`) on
    `resource_arn`? Identity policies of the role plus the resource's policy, as `sandbox.iam.policy` evaluates
    them; `keys` adds condition keys (e.g. `{"aws:SecureTransport": "false"}` for a plain-HTTP request; the default
    is `true`). Its `message()` is AWS's access-denied text. Without IAM enforcement (no sandbox running, or
    started with `enforce_iam=False`) every call is allowed (reason `not-enforced`); an unknown role is refused."""
    enforcer = active()
    if enforcer is None:
        return Decision(True, action, resource_arn, role_arn_or_name, "not-enforced")
    model = enforcer.model
    role_arn = model.role_arn(role_arn_or_name)
    if role_arn is None:
        return Decision(False, action, resource_arn, role_arn_or_name, "implicit")
    function = next((c.function for c in model.callers.values() if c.role_arn == role_arn), role_arn.rsplit("/", 1)[-1])
    return model.decide(Caller(function=function, role_arn=role_arn, account=model.account), action, resource_arn, keys)
