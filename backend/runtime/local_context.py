"""A stand-in for the Lambda context object, for callers that run the handlers in-process (the sandbox, tests).

Kept apart from `observability` on purpose: importing it creates nothing (no Powertools objects), so the
sandbox can build contexts before it has set the environment the runtime's Powertools objects read on import.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

# Account and region of the sandbox's moto (sandbox/constants.py ACCOUNT_ID); only logs show them.
_LOCAL_ACCOUNT = "123456789012"
_LOCAL_REGION = "us-east-1"
# What a handler is told it has left; nothing in the runtime stops early, so any generous value will do.
_REMAINING_MILLIS = 30_000


@dataclass(frozen=True)
class LocalContext:
    """The attributes Powertools (Logger, Metrics) reads from a Lambda context."""

    function_name: str = "local"
    memory_limit_in_mb: int = 128
    function_version: str = "$LATEST"
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    log_stream_name: str = "local"

    @property
    def invoked_function_arn(self) -> str:
        return f"arn:aws:lambda:{_LOCAL_REGION}:{_LOCAL_ACCOUNT}:function:{self.function_name}"

    @property
    def log_group_name(self) -> str:
        return f"/aws/lambda/{self.function_name}"

    def get_remaining_time_in_millis(self) -> int:
        return _REMAINING_MILLIS
