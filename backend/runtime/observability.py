"""Logger and Metrics: configured here once, imported everywhere else.

Powertools reads POWERTOOLS_SERVICE_NAME / POWERTOOLS_LOG_LEVEL / POWERTOOLS_METRICS_NAMESPACE; the
namespace gets a default so a missing variable never breaks metric flushing.

No Powertools Tracer: it imports aws-xray-sdk (in maintenance mode), two thirds of what the handler's import
added to boto3's. Lambda active tracing and AppSync's X-Ray tracing still record the service segments, and
the Logger puts the trace id in every log line (docs/cold-start.md).
"""

from __future__ import annotations

import os
import warnings
from typing import Any

from aws_lambda_powertools import Logger, Metrics

from .local_context import LocalContext

# Most invocations add no metric; Powertools would warn about that on every call.
warnings.filterwarnings("ignore", message="No application metrics to publish")

logger = Logger()
metrics = Metrics(namespace=os.environ.get("POWERTOOLS_METRICS_NAMESPACE") or "MobileBackend")


def context_or_local(context: Any) -> Any:
    """The Lambda context, or a stand-in for in-process callers that pass None."""
    return context if context is not None else LocalContext()


def correlation_id_of(event: object) -> str | None:
    """AppSync's trace id header of a direct or batch resolver event."""
    first = event[0] if isinstance(event, list) and event else event
    if not isinstance(first, dict):
        return None
    headers = (first.get("request") or {}).get("headers") or {}
    value = headers.get("x-amzn-trace-id") if isinstance(headers, dict) else None
    return value if isinstance(value, str) else None
