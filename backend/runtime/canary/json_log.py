"""One JSON object per line on stdout: Lambda sends each line to CloudWatch Logs as one event, and Logs
Insights reads its fields. No Powertools: the canary's function may run without that layer."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

LogLine = Callable[[dict[str, Any]], None]


def log_line(record: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(record, separators=(",", ":"), default=str) + "\n")
    sys.stdout.flush()
